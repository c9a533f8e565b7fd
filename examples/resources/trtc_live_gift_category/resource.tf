resource "trtc_live_gift" "rose" {
  gift_id = "rose"
  name    = "Rose"
  coins   = 10
}

resource "trtc_live_gift" "rocket" {
  gift_id = "rocket"
  name    = "Rocket"
  coins   = 500
}

# A category of the app's gift catalogue and the gifts it shows.
resource "trtc_live_gift_category" "popular" {
  category_id = "popular"
  name        = "Popular"
  description = "What viewers send most"

  languages = {
    "zh-Hans" = { name = "热门", description = "观众最常送的礼物" }
  }

  # References, not bare IDs: Terraform creates the gifts first.
  gift_ids = [
    trtc_live_gift.rose.gift_id,
    trtc_live_gift.rocket.gift_id,
  ]
}
