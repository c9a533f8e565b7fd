# The signing token of the live (TUILiveKit) webhook of the provider's app.
# While it is enabled, every delivery carries Sign and RequestTime.
#
# token_wo is write-only (Terraform 1.11+, OpenTofu 1.11+): it never reaches
# the plan or the state. Feed it from an ephemeral variable or a secret
# store, and change token_wo_version to send a new token.
variable "webhook_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "trtc_live_webhook_token" "this" {
  enabled          = true
  token_wo         = var.webhook_token
  token_wo_version = 1
}
