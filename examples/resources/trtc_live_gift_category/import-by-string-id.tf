import {
  to = trtc_live_gift_category.popular
  id = "1400000000/popular" # SDKAPPID/CATEGORY_ID, or "popular" in the provider's own app
}
