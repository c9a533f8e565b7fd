# One check block per product: every plan, and every health assessment of
# HCP Terraform's continuous validation, probes the URL TRTC holds for the
# product as TRTC would deliver to it. A failing receiver is a warning that
# names what TRTC would make of it; the plan goes on.
check "live_webhook_receiver" {
  data "trtc_webhook_probe" "live" {
    product = "live"
  }

  assert {
    condition     = data.trtc_webhook_probe.live.ok
    error_message = "TUILiveKit deliveries would fail: ${data.trtc_webhook_probe.live.error}"
  }

  # Live deliveries are signed while the token is enabled: a receiver that
  # checks the Sign refuses unsigned ones.
  assert {
    condition     = !data.trtc_webhook_probe.live.configured || data.trtc_webhook_probe.live.signed
    error_message = "TUILiveKit deliveries are not signed: enable trtc_live_webhook_token."
  }
}

check "room_webhook_receiver" {
  data "trtc_webhook_probe" "room" {
    product = "room"
  }

  # Without a Conference configuration there is nothing to probe.
  assert {
    condition     = !data.trtc_webhook_probe.room.configured || data.trtc_webhook_probe.room.ok
    error_message = "Conference deliveries would fail: ${data.trtc_webhook_probe.room.error}"
  }
}

check "call_webhook_receiver" {
  data "trtc_webhook_probe" "call" {
    product = "call"
    timeout = "2s" # what TRTC waits; at most 30s
  }

  assert {
    condition     = !data.trtc_webhook_probe.call.configured || data.trtc_webhook_probe.call.ok
    error_message = "Call deliveries would fail: ${data.trtc_webhook_probe.call.error}"
  }
}

# A new receiver, before the configuration points at it.
check "next_live_receiver" {
  data "trtc_webhook_probe" "next" {
    product = "live"
    url     = "https://hooks-next.example.com/trtc/live"
  }

  assert {
    condition     = data.trtc_webhook_probe.next.ok
    error_message = "The next live receiver is not ready: ${data.trtc_webhook_probe.next.error}"
  }
}
