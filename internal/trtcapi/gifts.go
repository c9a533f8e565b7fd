package trtcapi

// GiftService is the TUILiveKit gift catalogue's service
// (docs/development/trtc-api.md §9).
const GiftService = "live_engine_http_srv"
