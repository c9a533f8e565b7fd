package delivery

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// sendTo sends d to a server answering with h and returns the result.
func sendTo(t *testing.T, h http.HandlerFunc, d Delivery, o Options) Result {
	t.Helper()
	srv := server(t, h)
	res, err := Send(t.Context(), Target{URL: srv.URL, SDKAppID: 1400000000}, d, o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func event(t *testing.T, p Product, word string) Delivery {
	t.Helper()
	d, err := TestEvent(p, word, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestExplainFailedDelivery(t *testing.T) {
	t.Parallel()
	res := sendTo(t, answerWith(404, "", ""), event(t, Room, "Room.CallbackAfterMemberEnter"), Options{})
	got := Explain(res, []string{"Room.CallbackAfterMemberEnter"})
	for _, want := range []string{
		"TRTC would count a delivery of Room.CallbackAfterMemberEnter answered like this as a failed delivery: HTTP 404 Not Found: TRTC counts anything but 200 as a failed delivery.",
		"only when the receiver answers HTTP 200 with a JSON body",
		"no answer within 2 s",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q:\n%s", want, got)
		}
	}
	for _, not := range []string{"gift", "allowlists"} {
		if strings.Contains(got, not) {
			t.Errorf("explanation mentions %q:\n%s", not, got)
		}
	}
	// A probe says so.
	probe := sendTo(t, answerWith(200, "text/html", "<p>hi</p>"), Probe(Call, time.Now()), Options{})
	if got := Explain(probe, nil); !strings.HasPrefix(got, "TRTC would count a delivery answered like this probe as a failed delivery: the body is not JSON (text/html, 9 bytes).") {
		t.Errorf("probe: %s", got)
	}
}

// An after-event's answer is ignored once it is HTTP 200 JSON.
func TestExplainAfterEventAnswer(t *testing.T) {
	t.Parallel()
	res := sendTo(t, answerWith(200, "application/json", `{"ActionStatus":"FAIL","ErrorInfo":"busy","ErrorCode":5}`), event(t, Call, "Call.CallbackAfterEndCall"), Options{})
	got := Explain(res, nil)
	want := `TRTC would count a delivery of Call.CallbackAfterEndCall answered like this as delivered (HTTP 200 with a JSON body), ` +
		`and for after-events it ignores the answer's ErrorCode; but the answer is not the documented ` + okAnswer +
		`: ActionStatus is "FAIL" (ErrorCode 5, ErrorInfo "busy").`
	if got != want {
		t.Errorf("%s\nwant\n%s", got, want)
	}
}

// The gift pre-check: a non-zero ErrorCode rejects gifts; no answer blocks
// them, unless NotBlock is configured, which lets them through.
func TestExplainGift(t *testing.T) {
	t.Parallel()
	gift := event(t, Live, GiftPreCheck)
	rejected := sendTo(t, answerWith(200, "application/json", `{"ActionStatus":"FAIL","ErrorInfo":"unknown gift","ErrorCode":1}`), gift, Options{})
	for _, configured := range [][]string{{GiftPreCheck}, {GiftPreCheck, GiftNotBlock}} {
		got := Explain(rejected, configured)
		if !strings.Contains(got, "a non-zero ErrorCode rejects it") || !strings.Contains(got, "This answer (ErrorCode 1) rejects the gift") ||
			!strings.Contains(got, "test IDs") {
			t.Errorf("rejected, %v: %s", configured, got)
		}
		if strings.Contains(got, "failed delivery") {
			t.Errorf("a rejection is an answer, not a failed delivery: %s", got)
		}
	}

	hung := hanging(t, nil)
	timedOut, err := Send(t.Context(), Target{URL: hung.URL, SDKAppID: 1400000000}, gift, Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	blocked := Explain(timedOut, []string{GiftPreCheck})
	for _, want := range []string{
		"as a failed delivery: timed out after 100ms without an answer.",
		"A failed Live.CallbackBeforeSendGift pre-check blocks the gift: without an answer within 2 s, TRTC does not send it.",
		"Configure Live.CallbackBeforeCallBackNotBlock as well",
		"allowlists",
	} {
		if !strings.Contains(blocked, want) {
			t.Errorf("blocked lacks %q:\n%s", want, blocked)
		}
	}
	through := Explain(timedOut, []string{GiftPreCheck, GiftNotBlock})
	if !strings.Contains(through, "Because Live.CallbackBeforeCallBackNotBlock is configured, TRTC lets the gift through when its pre-check fails like this.") ||
		strings.Contains(through, "blocks the gift") {
		t.Errorf("through: %s", through)
	}

	noCode := sendTo(t, answerWith(200, "application/json", `{"ActionStatus":"OK","ErrorInfo":""}`), gift, Options{})
	if got := Explain(noCode, nil); !strings.Contains(got, "undocumented") || !strings.Contains(got, "blocks the gift unless Live.CallbackBeforeCallBackNotBlock is configured") {
		t.Errorf("no code: %s", got)
	}
	if got := Explain(noCode, []string{GiftNotBlock}); !strings.Contains(got, "lets the gift through, Live.CallbackBeforeCallBackNotBlock being configured") {
		t.Errorf("no code, NotBlock: %s", got)
	}
	failOK := sendTo(t, answerWith(200, "application/json", `{"ActionStatus":"FAIL","ErrorInfo":"","ErrorCode":0}`), gift, Options{})
	if got := Explain(failOK, nil); !strings.Contains(got, "This answer (ErrorCode 0) lets the gift through, but it is not the documented answer") {
		t.Errorf("FAIL with 0: %s", got)
	}
}

// Refusals an allowlist of Tencent's egress could cause say so.
func TestExplainAllowlist(t *testing.T) {
	t.Parallel()
	for _, status := range []int{401, 403} {
		res := sendTo(t, answerWith(status, "", ""), Probe(Live, time.Now()), Options{})
		if got := Explain(res, nil); !strings.Contains(got, "not from Tencent's webhook egress addresses") {
			t.Errorf("%d: %s", status, got)
		}
	}
	target, d := probeTo("http://" + closedPort(t))
	res, _ := Send(t.Context(), target, d, Options{})
	if got := Explain(res, nil); !strings.Contains(got, "allowlists") {
		t.Errorf("refused: %s", got)
	}
}

func TestExplainBeforeSendMsg(t *testing.T) {
	t.Parallel()
	res := sendTo(t, answerWith(502, "", ""), event(t, Live, "Group.CallbackBeforeSendMsg"), Options{})
	if got := Explain(res, nil); !strings.Contains(got, "Group.CallbackBeforeSendMsg is a before-event: Chat waits at most 2 s") {
		t.Errorf("%s", got)
	}
}
