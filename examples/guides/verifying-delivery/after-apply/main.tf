# requires: terraform >= 1.14
# A test event after every apply that changes a webhook, one action per
# product; each also runs on demand:
#
#   terraform apply -invoke=action.trtc_webhook_test.live
variable "receiver_version" {
  description = "The version of the receiver deployed; a new one runs the tests again."
  type        = string
  default     = "1"
}

resource "trtc_live_webhook" "this" {
  url               = "https://hooks.example.com/trtc/live"
  callback_commands = ["Live.CallbackAfterCreateRoom", "Live.CallbackBeforeSendGift"]
}

resource "trtc_room_webhook" "this" {
  url               = "https://hooks.example.com/trtc/room"
  callback_commands = ["Room.CallbackAfterCreateRoom"]
}

action "trtc_webhook_test" "live" {
  config {
    product = "live"
    # The gift pre-check decides whether a gift is sent: test the answer.
    command = "Live.CallbackBeforeSendGift"
  }
}

action "trtc_webhook_test" "room" {
  config {
    product = "room" # the first event word configured: Room.CallbackAfterCreateRoom
  }
}

resource "terraform_data" "webhook_tests" {
  input = {
    live     = [trtc_live_webhook.this.url, trtc_live_webhook.this.callback_commands]
    room     = [trtc_room_webhook.this.url, trtc_room_webhook.this.callback_commands]
    receiver = var.receiver_version
  }

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.trtc_webhook_test.live, action.trtc_webhook_test.room]
    }
  }
}
