# A root module that consumes the live webhook configuration someone else
# manages (another workspace, or the TRTC console) through a local child
# module, e.g. to configure the receiving service to match it.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    trtc = {
      source  = "trtc/trtc"
      version = "~> 0.1"
    }
  }
}

variable "sdk_app_id" {
  description = "The SDKAppID of the TRTC app."
  type        = number
  default     = 1400000000
}

variable "region" {
  description = "The data centre that hosts the app."
  type        = string
  default     = "singapore"
}

# The credentials come from TRTC_SECRET_KEY (or TRTC_USER_SIG).
provider "trtc" {
  sdk_app_id = var.sdk_app_id
  region     = var.region
}

module "live_webhook" {
  source = "./modules/live-webhook-lookup"

  required_commands = [
    "Live.CallbackAfterCreateRoom",
    "Live.CallbackAfterDestroyRoom",
    "Live.CallbackAfterMemberStateChanged",
  ]
}

output "live_webhook_url" {
  description = "Where TRTC delivers live events for this app."
  value       = module.live_webhook.url
}

output "live_webhook_commands" {
  description = "The live events TRTC delivers."
  value       = module.live_webhook.callback_commands
}

output "live_webhook_missing_commands" {
  description = "Required events that are not delivered (also reported as a check warning)."
  value       = module.live_webhook.missing_commands
}
