# A reusable child module: it looks up the live (TUILiveKit) webhook
# configuration of the provider's app, fails the plan when there is none, and
# warns when it misses events the caller depends on.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    trtc = {
      # Child modules must name the source too; without it Terraform would
      # look for hashicorp/trtc.
      source = "trtc/trtc"
    }
  }
}

variable "required_commands" {
  description = "Callback command words the caller needs TRTC to deliver."
  type        = set(string)
  default     = []
}

data "trtc_live_webhook" "this" {
  lifecycle {
    # A hard requirement: without a configuration there is nothing to look up.
    postcondition {
      condition     = self.exists
      error_message = "SDKAppID ${self.id} has no live webhook configuration. Create one with the trtc_live_webhook resource, or in the TRTC console."
    }
  }
}

locals {
  missing_commands = setsubtract(var.required_commands, data.trtc_live_webhook.this.callback_commands)
}

# Soft requirements: a failed check is a warning, not an error.
check "live_webhook_delivers_required_commands" {
  assert {
    condition     = length(local.missing_commands) == 0
    error_message = "The live webhook does not deliver: ${join(", ", sort(local.missing_commands))}."
  }
}

check "live_webhook_uses_https" {
  assert {
    condition     = startswith(coalesce(data.trtc_live_webhook.this.url, "https://"), "https://")
    error_message = "The live webhook URL ${coalesce(data.trtc_live_webhook.this.url, "(none)")} is not https: TRTC delivers events to it unencrypted."
  }
}

output "sdk_app_id" {
  description = "The SDKAppID that was looked up."
  value       = data.trtc_live_webhook.this.id
}

output "url" {
  description = "Where TRTC delivers live events."
  value       = data.trtc_live_webhook.this.url
}

output "callback_commands" {
  description = "The callback command words TRTC delivers."
  value       = data.trtc_live_webhook.this.callback_commands
}

output "missing_commands" {
  description = "Which of required_commands the configuration does not deliver."
  value       = local.missing_commands
}
