resource "trtc_live_webhook" "this" {
  url               = "https://hooks.example.com/trtc/live"
  callback_commands = ["Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"]
}

resource "trtc_room_webhook" "this" {
  url               = "https://hooks.example.com/trtc/room"
  callback_commands = ["Room.CallbackAfterCreateRoom"]
}

resource "trtc_call_webhook" "this" {
  url               = "https://hooks.example.com/trtc/call"
  callback_commands = ["Call.CallbackAfterStartCall"]
}

resource "trtc_live_webhook_token" "this" {
  enabled = true
  token   = "tok-upgrade-fake-3c1e5a7b"
}
