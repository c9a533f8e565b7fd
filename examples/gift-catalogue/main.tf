# One TUILiveKit gift catalogue, kept in catalogue.yaml, applied to every
# app in var.apps through one provider block. See README.md.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    trtc = {
      source  = "trtc/trtc"
      version = "~> 0.1"
    }
  }
}

# One provider block, one provider process: every app has its own key,
# rate limit and connections, and every resource names its app.
provider "trtc" {
  apps = [for name, app in var.apps : {
    sdk_app_id = app.sdk_app_id
    region     = app.region
    endpoint   = app.endpoint
    secret_key = var.secret_keys[name]
  }]
}

locals {
  catalogue = yamldecode(file("${path.module}/catalogue.yaml"))

  # Every gift of the catalogue in every app, keyed "<app>/<gift_id>".
  gifts = merge([
    for app in keys(var.apps) : {
      for id, gift in local.catalogue.gifts : "${app}/${id}" => merge(gift, { app = app, id = id })
    }
  ]...)

  # Every category in every app, keyed "<app>/<category_id>".
  categories = merge([
    for app in keys(var.apps) : {
      for id, category in local.catalogue.categories : "${app}/${id}" => merge(category, { app = app, id = id })
    }
  ]...)
}

resource "trtc_live_gift" "this" {
  for_each = local.gifts

  sdk_app_id     = var.apps[each.value.app].sdk_app_id
  gift_id        = each.value.id
  name           = each.value.name
  description    = try(each.value.description, "")
  coins          = each.value.coins
  level          = try(each.value.level, 0)
  icon_url       = try(each.value.icon_url, "")
  resource_url   = try(each.value.resource_url, "")
  extension_info = try(jsonencode(each.value.extension), "")
  languages      = try(each.value.languages, {})
}

resource "trtc_live_gift_category" "this" {
  for_each = local.categories

  sdk_app_id  = var.apps[each.value.app].sdk_app_id
  category_id = each.value.id
  name        = each.value.name
  description = try(each.value.description, "")
  languages   = try(each.value.languages, {})

  # References rather than bare IDs: Terraform creates the gifts first.
  gift_ids = [for id in each.value.gifts : trtc_live_gift.this["${each.value.app}/${id}"].gift_id]
}

# The whole catalogue of each app as TRTC holds it: one request per app,
# shared with the resources above.
data "trtc_live_gifts" "app" {
  for_each = var.apps

  sdk_app_id = each.value.sdk_app_id
}

output "unmanaged" {
  description = "Per app, the gifts and categories TRTC holds that catalogue.yaml does not list: made by hand, by copy_default_gift_config or by another configuration. adopt/ adopts them."
  value = {
    for app, found in data.trtc_live_gifts.app : app => {
      gifts      = setsubtract(found.gift_ids, keys(local.catalogue.gifts))
      categories = setsubtract(found.category_ids, keys(local.catalogue.categories))
    }
  }
}
