# Finds the app's live webhook configuration, if any (terraform query,
# Terraform 1.14 or later). To adopt it:
#   terraform query -generate-config-out=adopt.tf
list "trtc_live_webhook" "console" {
  provider         = trtc
  include_resource = true
}
