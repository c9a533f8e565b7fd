# Finds every gift of every app the provider holds (terraform query,
# Terraform 1.14 or later). To adopt them:
#   terraform query -generate-config-out=adopt.tf
list "trtc_live_gift" "found" {
  provider         = trtc
  include_resource = true
}

# One app's alone.
list "trtc_live_gift" "staging" {
  provider = trtc

  config {
    sdk_app_id = 1400000001
  }
}
