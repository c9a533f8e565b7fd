# For CLIs before Terraform 1.11 or OpenTofu 1.11: token is sensitive (never
# shown in plans or logs) but it is stored in the state. Prefer token_wo.
variable "webhook_token" {
  type      = string
  sensitive = true
}

resource "trtc_live_webhook_token" "this" {
  enabled = true
  token   = var.webhook_token
}
