import {
  to = trtc_call_webhook.this
  id = "1400000000" # the provider's sdk_app_id
}
