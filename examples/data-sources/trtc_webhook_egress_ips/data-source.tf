# The addresses TRTC's webhook deliveries leave from, as CIDR blocks, for
# the firewall or WAF rule in front of the receiver (in another provider).
data "trtc_webhook_egress_ips" "outside_china" {
  scope = "outside_china"
}

data "trtc_webhook_egress_ips" "inside_china" {
  scope = "inside_china"
}

output "webhook_egress_cidrs" {
  value = concat(
    data.trtc_webhook_egress_ips.outside_china.cidrs,
    data.trtc_webhook_egress_ips.inside_china.cidrs,
  )
}
