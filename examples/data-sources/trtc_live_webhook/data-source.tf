# Reads the live (TUILiveKit) webhook configuration of the provider's app.
# An app without one is not an error: exists is false and url is null.
data "trtc_live_webhook" "current" {}

output "live_webhook_url" {
  value = data.trtc_live_webhook.current.exists ? data.trtc_live_webhook.current.url : "(no live webhook configured)"
}

output "live_webhook_commands" {
  value = data.trtc_live_webhook.current.callback_commands
}
