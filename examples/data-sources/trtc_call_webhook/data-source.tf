# Reads the Call (TUICallKit) webhook configuration of the provider's app.
# An app without one is not an error: exists is false and url is null.
data "trtc_call_webhook" "current" {}

output "call_webhook_url" {
  value = data.trtc_call_webhook.current.exists ? data.trtc_call_webhook.current.url : "(no call webhook configured)"
}

output "call_webhook_commands" {
  value = data.trtc_call_webhook.current.callback_commands
}
