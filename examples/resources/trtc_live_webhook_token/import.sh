# The import ID is the app's SDKAppID, which must be the provider's sdk_app_id.
terraform import trtc_live_webhook_token.this 1400000000
