# Every gift and category of the provider's apps, with the whole resource,
# so that -generate-config-out writes resources and import blocks.
list "trtc_live_gift" "found" {
  provider         = trtc
  include_resource = true
}

list "trtc_live_gift_category" "found" {
  provider         = trtc
  include_resource = true
}
