# One configuration, many TRTC apps, through one provider block: an apps
# entry per app, each with its own secret key, and each app's live webhook
# naming its app with sdk_app_id. Terraform and OpenTofu alike. See
# README.md, also for retiring an app and for when aliases still fit.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    trtc = {
      source  = "trtc/trtc"
      version = "~> 0.1"
    }
  }
}

# One provider process serves every app. There is no default app (no
# sdk_app_id here), so every resource names its app.
provider "trtc" {
  apps = [
    for key, app in var.apps : {
      sdk_app_id = app.sdk_app_id
      region     = app.region
      endpoint   = app.endpoint
      secret_key = var.secret_keys[key]
    }
  ]
}

locals {
  # The apps whose webhooks this configuration keeps. An app being retired
  # stays in var.apps, and so in the provider's apps, for the apply that
  # deletes its webhook: the delete is signed with its key.
  live_apps = { for key, app in var.apps : key => app if !app.retire }
}

# Each app's live webhook, in the app its sdk_app_id names.
resource "trtc_live_webhook" "this" {
  for_each = local.live_apps

  sdk_app_id        = each.value.sdk_app_id
  url               = each.value.webhook_url
  callback_commands = var.callback_commands
}

output "live_webhook_ids" {
  description = "The SDKAppID whose live webhook each key manages."
  value       = { for key, webhook in trtc_live_webhook.this : key => webhook.id }
}
