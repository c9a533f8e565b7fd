# The Call (TUICallKit) webhook configuration of the provider's app.
# An app has at most one: declare this resource once per app.
resource "trtc_call_webhook" "this" {
  url = "https://hooks.example.com/trtc/call"

  callback_commands = [
    "Call.CallbackAfterStartCall",
    "Call.CallbackAfterEndCall",
    "Call.CallbackAfterMemberChanged",
  ]

  # Optional: how long each operation may take, retries included.
  timeouts {
    create = "5m"
    update = "5m"
    delete = "5m"
    read   = "2m"
  }
}
