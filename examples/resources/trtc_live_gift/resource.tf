# One gift of the app's TUILiveKit gift catalogue. Apps show the default
# name and description in every language without a row in languages.
resource "trtc_live_gift" "rose" {
  gift_id      = "rose"
  name         = "Rose"
  description  = "A red rose"
  coins        = 10
  level        = 1
  icon_url     = "https://cdn.example.com/gifts/rose.png"
  resource_url = "https://cdn.example.com/gifts/rose.svga"

  # Data of your own, passed to apps as it is: JSON, at most 100 bytes.
  extension_info = jsonencode({ effect = "hearts" })

  languages = {
    en        = { name = "Rose", description = "A red rose" }
    "zh-Hans" = { name = "玫瑰", description = "一朵红玫瑰" }
  }
}

# The same gift in another of the provider's apps (listed in its apps).
resource "trtc_live_gift" "rose_staging" {
  sdk_app_id = 1400000001

  gift_id = "rose"
  name    = "Rose"
  coins   = 10
}
