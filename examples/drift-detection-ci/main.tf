# A root module whose only job is to own the live webhook configuration of
# one app, so that a scheduled CI job can detect drift with
# `terraform plan -detailed-exitcode` (see README.md and drift-check.sh).
#
# Credentials come from the CI job's environment: TRTC_SDK_APP_ID,
# TRTC_SECRET_KEY and TRTC_REGION. Nothing secret is in this directory.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    trtc = {
      source  = "trtc/trtc"
      version = "~> 0.1"
    }
  }

  # Drift detection compares the service with the state of the last apply,
  # so the state must be shared with whoever applies: configure a remote
  # backend here (for example "s3", "gcs", "azurerm" or HCP Terraform).
}

provider "trtc" {
  # Every argument falls back to a TRTC_* environment variable.
}

variable "webhook_url" {
  description = "Where TRTC delivers live events."
  type        = string
  default     = "https://hooks.example.com/trtc/live"
}

resource "trtc_live_webhook" "this" {
  url = var.webhook_url

  callback_commands = [
    "Live.CallbackAfterCreateRoom",
    "Live.CallbackAfterDestroyRoom",
    "Live.CallbackAfterUpdateRoomInfo",
    "Live.CallbackAfterMemberStateChanged",
    "Mic.CallbackAfterSeatInfoChanged",
    "Live.CallbackAfterCloudRecordingChanged",
  ]
}

output "live_webhook_id" {
  description = "The SDKAppID whose live webhook configuration this module owns."
  value       = trtc_live_webhook.this.id
}
