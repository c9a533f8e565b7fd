# A provider key renamed, with OpenTofu's provider for_each (1.9 or later):
# one provider instance per key of var.apps, here all for the same app, and
# the app's live webhook and signing token through the instance of their
# key. Renaming a key is a rename without a moved block whose two halves
# run in two provider processes: the old key's instance destroys, the new
# key's creates. The old key stays in var.apps, with retire = true, for the
# apply that destroys its resources (an instance must outlive them); the
# apply after, it leaves the map.

terraform {
  required_providers {
    trtc = { source = "trtc/trtc" }
  }
}

variable "apps" {
  type = map(object({
    retire = optional(bool, false)
  }))
}

variable "sdk_app_id" {
  type = number
}

variable "endpoint" {
  type = string
}

variable "secret_key" {
  type      = string
  sensitive = true
}

variable "webhook_url" {
  type = string
}

variable "token" {
  type      = string
  sensitive = true
}

provider "trtc" {
  alias    = "by_app"
  for_each = var.apps

  sdk_app_id = var.sdk_app_id
  endpoint   = var.endpoint
  secret_key = var.secret_key
}

locals {
  live = { for key, app in var.apps : key => app if !app.retire }
}

resource "trtc_live_webhook" "this" {
  for_each = local.live
  provider = trtc.by_app[each.key]

  url               = var.webhook_url
  callback_commands = ["Live.CallbackAfterCreateRoom"]
}

resource "trtc_live_webhook_token" "this" {
  for_each = local.live
  provider = trtc.by_app[each.key]

  enabled = true
  token   = var.token
}
