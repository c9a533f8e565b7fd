terraform {
  required_providers {
    trtc = {
      source  = "trtc/trtc"
      version = "~> 0.1"
    }
  }
}

# Each app's secret key, by SDKAppID: pass them with TF_VAR_trtc_secret_keys.
variable "trtc_secret_keys" {
  description = "The secret key of each TRTC app, by SDKAppID."
  type        = map(string)
  sensitive   = true
}

provider "trtc" {
  # The default app: whatever names no sdk_app_id belongs to it.
  sdk_app_id = 1400000000
  region     = "singapore"
  secret_key = var.trtc_secret_keys["1400000000"]

  # More apps, each with its own key. What an entry leaves out comes from
  # the provider block (then the environment): 1400000001 is in singapore too.
  apps = [
    { sdk_app_id = 1400000001, secret_key = var.trtc_secret_keys["1400000001"] },
    { sdk_app_id = 1400000002, secret_key = var.trtc_secret_keys["1400000002"], region = "germany" },
  ]
}

# The default app's live webhook ...
resource "trtc_live_webhook" "main" {
  url               = "https://hooks.example.com/trtc/main"
  callback_commands = ["Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"]
}

# ... and one of another app, which its sdk_app_id names.
resource "trtc_live_webhook" "europe" {
  sdk_app_id        = 1400000002
  url               = "https://hooks.example.com/trtc/europe"
  callback_commands = ["Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"]
}

# Reads of any of the apps name it the same way.
data "trtc_live_webhook_token" "second" {
  sdk_app_id = 1400000001
}
