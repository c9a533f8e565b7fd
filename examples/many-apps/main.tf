# requires: opentofu
#
# One configuration, many TRTC apps: one provider instance per app (OpenTofu
# 1.9 or later: provider for_each), and each app's live webhook managed
# through its own instance. See README.md, also for retiring an app and for
# the Terraform equivalent.

terraform {
  required_version = ">= 1.9.0"

  required_providers {
    trtc = {
      source  = "trtc/trtc"
      version = "~> 0.1"
    }
  }
}

# One instance per app in var.apps, addressed as trtc.app["<key>"].
provider "trtc" {
  alias    = "app"
  for_each = var.apps

  sdk_app_id = each.value.sdk_app_id
  region     = each.value.region
  endpoint   = each.value.endpoint
  secret_key = var.secret_keys[each.key]
}

locals {
  # The apps whose webhooks this configuration keeps. A provider instance
  # must outlive its resources, so an app being retired stays in var.apps
  # (its instance deletes its webhook) until the apply after.
  live_apps = { for key, app in var.apps : key => app if !app.retire }
}

# Each app's live webhook, through the provider instance of the same key.
resource "trtc_live_webhook" "this" {
  for_each = local.live_apps
  provider = trtc.app[each.key]

  url               = each.value.webhook_url
  callback_commands = var.callback_commands
}

output "live_webhook_ids" {
  description = "The SDKAppID whose live webhook each key manages."
  value       = { for key, webhook in trtc_live_webhook.this : key => webhook.id }
}
