package delivery

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Explain says what TRTC would make of a delivery answered like r, for the
// command word r carried (docs/development/trtc-api.md §7). configured are
// the command words of the app's configuration: with GiftNotBlock among
// them, a failed gift pre-check lets the gift through instead of blocking
// it. It returns "" for an OK result.
func Explain(r Result, configured []string) string {
	if r.OK {
		return ""
	}
	subject := "a delivery of " + r.Command + " answered like this"
	if IsProbe(r.Command) {
		subject = "a delivery answered like this probe"
	}
	gift := r.Command == GiftPreCheck
	notBlock := slices.Contains(configured, GiftNotBlock)
	var b strings.Builder
	say := func(format string, args ...any) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, format, args...)
	}

	switch {
	case r.Outcome == OutcomeCancelled:
		say("The test stopped before the receiver answered, so it shows nothing of how TRTC would fare.")
		return b.String()
	case !r.Delivered():
		say("TRTC would count %s as a failed delivery: %s.", subject, r.Error)
		say("TRTC counts a delivery only when the receiver answers HTTP 200 with a JSON body; any other status " +
			"(redirects included), a body that is not JSON, a refused connection, a DNS failure, a private or " +
			"unreachable address, a certificate error and no answer within 2 s are failed deliveries, and no retry is documented.")
		if gift {
			if notBlock {
				say("Because %s is configured, TRTC lets the gift through when its pre-check fails like this.", GiftNotBlock)
			} else {
				say("A failed %s pre-check blocks the gift: without an answer within 2 s, TRTC does not send it. "+
					"Configure %s as well to let gifts through when the pre-check fails.", GiftPreCheck, GiftNotBlock)
			}
		}
		if r.Command == "Group.CallbackBeforeSendMsg" {
			say("Group.CallbackBeforeSendMsg is a before-event: Chat waits at most 2 s for its answer and does not retry.")
		}
		if mayBeAllowlist(r) {
			say("This request left from this machine, not from Tencent's webhook egress addresses: a receiver or " +
				"firewall that allowlists those addresses, or that demands a client certificate for mutual TLS, may " +
				"refuse this test and still accept TRTC.")
		}
	case gift:
		say("For %s the answer decides: ErrorCode 0 lets the gift through and a non-zero ErrorCode rejects it.", GiftPreCheck)
		switch {
		case r.ErrorCode == nil:
			say("What TRTC makes of a pre-check answer without an integer ErrorCode is undocumented; expect it to count "+
				"as a failed pre-check, which %s.", blocks(notBlock))
		case *r.ErrorCode != 0:
			say("This answer (ErrorCode %d) rejects the gift: TRTC would reject every gift answered like this. "+
				"If the receiver rejected this test because its gift and accounts are test IDs, that is the receiver working.", *r.ErrorCode)
		default:
			say("This answer (ErrorCode 0) lets the gift through, but it is not the documented answer: %s.", r.Error)
		}
	default:
		say("TRTC would count %s as delivered (HTTP 200 with a JSON body), and for after-events it ignores the "+
			"answer's ErrorCode; but the answer is not the documented %s: %s.", subject, okAnswer, r.Error)
	}
	return b.String()
}

func blocks(notBlock bool) string {
	if notBlock {
		return "lets the gift through, " + GiftNotBlock + " being configured"
	}
	return "blocks the gift unless " + GiftNotBlock + " is configured"
}

// mayBeAllowlist reports a failure a source-address allowlist, or a demand
// for a client certificate, could cause.
func mayBeAllowlist(r Result) bool {
	switch r.Outcome {
	case OutcomeTimeout, OutcomeRefused, OutcomeConnection:
		// Not once the receiver has begun to answer.
		return r.StatusCode == 0
	case OutcomeTLS:
		// A handshake the server broke off, not a certificate of its own.
		return strings.HasPrefix(r.Error, tlsHandshakeFailed)
	}
	return r.StatusCode == http.StatusUnauthorized || r.StatusCode == http.StatusForbidden
}
