# The import ID is SDKAPPID/GIFT_ID, or the gift ID alone for the
# provider's own sdk_app_id.
terraform import trtc_live_gift.rose 1400000000/rose
