import {
  to = trtc_live_webhook_token.this
  id = "1400000000" # the provider's sdk_app_id
}
