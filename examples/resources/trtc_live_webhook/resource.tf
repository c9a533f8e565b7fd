# The live (TUILiveKit) webhook configuration of the provider's app.
# An app has at most one: declare this resource once per app.
resource "trtc_live_webhook" "this" {
  url = "https://hooks.example.com/trtc/live"

  callback_commands = [
    "Live.CallbackAfterCreateRoom",
    "Live.CallbackAfterDestroyRoom",
    "Live.CallbackAfterMemberStateChanged",
    "Mic.CallbackAfterSeatInfoChanged",
    "Live.CallbackBeforeSendGift",
  ]

  # Optional: how long each operation may take, retries included.
  timeouts {
    create = "5m"
    update = "5m"
    delete = "5m"
    read   = "2m"
  }
}
