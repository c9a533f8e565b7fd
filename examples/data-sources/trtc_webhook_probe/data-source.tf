# Probes the live (TUILiveKit) webhook receiver on every plan, exactly as
# TRTC delivers an event, at the URL TRTC holds. In a check block a failing
# receiver is a warning, and a failed health check in HCP Terraform's
# continuous validation, never a failed plan.
check "live_webhook_receiver" {
  data "trtc_webhook_probe" "live" {
    product = "live"
  }

  assert {
    condition     = data.trtc_webhook_probe.live.ok
    error_message = "TRTC's live webhook deliveries would fail: ${data.trtc_webhook_probe.live.error}"
  }
}
