# Finds every gift category of every app the provider holds (terraform
# query, Terraform 1.14 or later). To adopt them:
#   terraform query -generate-config-out=adopt.tf
list "trtc_live_gift_category" "found" {
  provider         = trtc
  include_resource = true
}
