terraform {
  required_providers {
    trtc = {
      source  = "trtc/trtc"
      version = "~> 0.1"
    }
  }
}

# Keep the secret key out of the configuration: pass it with
# TF_VAR_trtc_secret_key, or drop this variable and the secret_key
# argument and set TRTC_SECRET_KEY instead.
variable "trtc_secret_key" {
  description = "The secret key of the TRTC app, from the TRTC console."
  type        = string
  sensitive   = true
}

provider "trtc" {
  sdk_app_id = 1400000000
  region     = "singapore"
  secret_key = var.trtc_secret_key

  # identifier defaults to "administrator", the App administrator every app has.
}
