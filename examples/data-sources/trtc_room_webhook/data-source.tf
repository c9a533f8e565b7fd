# Reads the Conference (TUIRoomKit) webhook configuration of the provider's app.
# An app without one is not an error: exists is false and url is null.
data "trtc_room_webhook" "current" {}

output "room_webhook_url" {
  value = data.trtc_room_webhook.current.exists ? data.trtc_room_webhook.current.url : "(no room webhook configured)"
}

output "room_webhook_commands" {
  value = data.trtc_room_webhook.current.callback_commands
}
