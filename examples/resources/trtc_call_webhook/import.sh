# The import ID is the app's SDKAppID, which must be the provider's sdk_app_id.
terraform import trtc_call_webhook.this 1400000000
