# The import ID is SDKAPPID/CATEGORY_ID, or the category ID alone for the
# provider's own sdk_app_id.
terraform import trtc_live_gift_category.popular 1400000000/popular
