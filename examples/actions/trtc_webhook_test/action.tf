# requires: terraform >= 1.14
# Sends one realistic test event to the live webhook receiver: after every
# apply that creates the webhook or changes its URL or events, and on demand
# with
#
#   terraform apply -invoke=action.trtc_webhook_test.live
#
# It fails, saying why, when TRTC would count the answer as a failed
# delivery.
action "trtc_webhook_test" "live" {
  config {
    product = "live"
    command = "Live.CallbackAfterCreateRoom"
  }
}

resource "trtc_live_webhook" "this" {
  url               = "https://hooks.example.com/trtc/live"
  callback_commands = ["Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"]
}

resource "terraform_data" "live_webhook_test" {
  # A new URL or new events update this, which invokes the action again.
  input = [trtc_live_webhook.this.url, trtc_live_webhook.this.callback_commands]

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.trtc_webhook_test.live]
    }
  }
}
