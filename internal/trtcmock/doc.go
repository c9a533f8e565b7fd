// Package trtcmock is an in-process stand-in for the TRTC REST "data centre"
// that serves live_config (and its siblings room_config and call_config).
//
// It authenticates requests the way the real service does (query
// parameters, UserSig, administrator account, JSON body), keeps one
// callback configuration per (SDKAppID, service), and lets tests make it
// misbehave: injected faults, latency, stale reads after writes and
// reordered command lists. Those are exactly the behaviours the provider
// must survive but which the real API does not produce on demand.
//
// A control API under /_mock/ on the same listener exposes the test-side
// methods over HTTP for the standalone binary in cmd/trtc-mock.
package trtcmock
