# Whether the live (TUILiveKit) webhook deliveries of the provider's app are
# signed. The token itself is never read out.
data "trtc_live_webhook_token" "current" {}

check "live_webhook_deliveries_are_signed" {
  assert {
    condition     = data.trtc_live_webhook_token.current.enabled
    error_message = "SDKAppID ${data.trtc_live_webhook_token.current.id} does not sign its live webhook deliveries."
  }
}
