# Finds the app's room webhook configuration, if any (terraform query,
# Terraform 1.14 or later). To adopt it:
#   terraform query -generate-config-out=adopt.tf
list "trtc_room_webhook" "console" {
  provider         = trtc
  include_resource = true
}
