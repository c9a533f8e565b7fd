# The Conference (TUIRoomKit) webhook configuration of the provider's app.
# An app has at most one: declare this resource once per app.
resource "trtc_room_webhook" "this" {
  url = "https://hooks.example.com/trtc/room"

  callback_commands = [
    "Room.CallbackAfterCreateRoom",
    "Room.CallbackAfterDestroyRoom",
    "Room.CallbackAfterUpdateRoomInfo",
    "Room.CallbackAfterMemberEnter",
    "Room.CallbackAfterMemberLeave",
    "Mic.CallbackAfterSeatInfoChanged",
  ]

  # Optional: how long each operation may take, retries included.
  timeouts {
    create = "5m"
    update = "5m"
    delete = "5m"
    read   = "2m"
  }
}
