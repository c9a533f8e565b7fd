# The whole gift catalogue of the provider's app, in one request.
data "trtc_live_gifts" "this" {}

# Gifts by ID, for other modules.
output "gift_prices" {
  value = { for gift in data.trtc_live_gifts.this.gifts : gift.gift_id => gift.coins }
}

# What the app holds beyond the gifts this configuration manages.
output "unmanaged_gifts" {
  value = setsubtract(data.trtc_live_gifts.this.gift_ids, [for g in trtc_live_gift.managed : g.gift_id])
}

resource "trtc_live_gift" "managed" {
  for_each = { rose = 10, rocket = 500 }

  gift_id = each.key
  name    = title(each.key)
  coins   = each.value
}
