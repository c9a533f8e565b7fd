import {
  to = trtc_live_gift.rose
  id = "1400000000/rose" # SDKAPPID/GIFT_ID, or "rose" in the provider's own app
}
