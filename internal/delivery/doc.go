// Package delivery sends what TRTC sends to a webhook URL, and judges the
// answer as TRTC would (docs/development/trtc-api.md §7): a probe, whose
// command word no product emits, and test events shaped like the documented
// ones. It knows no Terraform; the provider's actions and the trtc-mock
// command share it.
//
// One request per call: no retries, no redirects followed, TRTC's 2 s
// timeout. The Live signing token only ever becomes a Sign on the wire; the
// token and the Sign stay out of everything this package returns.
package delivery
