package receiver

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/delivery"
)

const appID = 1400000000

// sentAt is Tencent's example RequestTime: signed with the example token,
// the delivery carries the example Sign.
var sentAt = time.Unix(1669872112, 0)

// handled records what Handle was given.
type handled struct {
	mu       sync.Mutex
	commands []string
	bodies   []string
	signs    []string
}

// serve runs h behind a server that notes each request's Sign.
func serve(t *testing.T, h *Handler, got *handled) string {
	t.Helper()
	if h.Handle == nil {
		h.Handle = func(_ context.Context, command string, body []byte) error {
			got.mu.Lock()
			defer got.mu.Unlock()
			got.commands = append(got.commands, command)
			got.bodies = append(got.bodies, string(body))
			return nil
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.mu.Lock()
		got.signs = append(got.signs, r.URL.Query().Get("Sign"))
		got.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/trtc"
}

func send(t *testing.T, url, token string, d delivery.Delivery, at time.Time) delivery.Result {
	t.Helper()
	res, err := delivery.Send(t.Context(), delivery.Target{URL: url, SDKAppID: appID, Token: token}, d,
		delivery.Options{Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The provider's probe, signed with Tencent's example token, is verified
// and acknowledged, and reaches no handler.
func TestHandlerAnswersTheProbe(t *testing.T) {
	var got handled
	h := &Handler{SDKAppID: appID, Token: exampleToken, Now: func() time.Time { return sentAt.Add(30 * time.Second) }}
	url := serve(t, h, &got)
	res := send(t, url, exampleToken, delivery.Probe(delivery.Live, sentAt), sentAt)
	if !res.OK || !res.Signed {
		t.Fatalf("%+v", res)
	}
	if len(got.signs) != 1 || got.signs[0] != exampleSign {
		t.Fatalf("the probe carried Sign %q, want Tencent's example %s", got.signs, exampleSign)
	}
	if len(got.commands) != 0 {
		t.Fatalf("the probe reached Handle: %q", got.commands)
	}
	// Unsigned products, a receiver without a token.
	for _, p := range []delivery.Product{delivery.Room, delivery.Call} {
		var got handled
		res := send(t, serve(t, &Handler{SDKAppID: appID}, &got), "", delivery.Probe(p, time.Now()), time.Now())
		if !res.OK || len(got.commands) != 0 {
			t.Errorf("%v: %+v, handled %q", p, res, got.commands)
		}
	}
}

// A test event is verified and handed over whole; Handle's error answers
// ErrorCode 1, which TRTC reads as a rejected gift.
func TestHandlerHandlesTestEvents(t *testing.T) {
	var got handled
	h := &Handler{SDKAppID: appID, Token: exampleToken, Now: func() time.Time { return sentAt }}
	url := serve(t, h, &got)
	d, err := delivery.TestEvent(delivery.Live, delivery.GiftPreCheck, sentAt)
	if err != nil {
		t.Fatal(err)
	}
	if res := send(t, url, exampleToken, d, sentAt); !res.OK {
		t.Fatalf("%+v", res)
	}
	if len(got.commands) != 1 || got.commands[0] != delivery.GiftPreCheck || got.bodies[0] != string(d.Body) || got.signs[0] != exampleSign {
		t.Fatalf("handled %q %q, Sign %q", got.commands, got.bodies, got.signs)
	}

	h.Handle = func(context.Context, string, []byte) error { return errors.New("unknown gift") }
	res := send(t, url, exampleToken, d, sentAt)
	if res.OK || !res.Delivered() || res.ErrorCode == nil || *res.ErrorCode != 1 || res.ErrorInfo != "unknown gift" {
		t.Fatalf("%+v", res)
	}
	if !strings.Contains(delivery.Explain(res, nil), "rejects the gift") {
		t.Errorf("explanation %q", delivery.Explain(res, nil))
	}
}

// What the receiver refuses, TRTC counts as a failed delivery.
func TestHandlerRefuses(t *testing.T) {
	probe := delivery.Probe(delivery.Live, sentAt)
	for name, c := range map[string]struct {
		h      Handler
		token  string
		sentAt time.Time
		status int
	}{
		"another token":            {Handler{SDKAppID: appID, Token: exampleToken}, "xxxxyyyz", sentAt, 401},
		"unsigned":                 {Handler{SDKAppID: appID, Token: exampleToken}, "", sentAt, 401},
		"more than a minute late":  {Handler{SDKAppID: appID, Token: exampleToken}, exampleToken, sentAt.Add(-61 * time.Second), 401},
		"more than a minute early": {Handler{SDKAppID: appID, Token: exampleToken}, exampleToken, sentAt.Add(61 * time.Second), 401},
		"another app":              {Handler{SDKAppID: appID + 1, Token: exampleToken}, exampleToken, sentAt, 403},
		"a minute late is on time": {Handler{SDKAppID: appID, Token: exampleToken}, exampleToken, sentAt.Add(-time.Minute), 200},
	} {
		var got handled
		c.h.Now = func() time.Time { return sentAt }
		res := send(t, serve(t, &c.h, &got), c.token, probe, c.sentAt)
		if res.StatusCode != c.status || res.OK != (c.status == 200) {
			t.Errorf("%s: %+v", name, res)
		}
	}
}

func TestHandlerRequests(t *testing.T) {
	var got handled
	url := serve(t, &Handler{}, &got)
	for name, c := range map[string]struct {
		method, query, body string
		status              int
	}{
		"GET":               {http.MethodGet, "?CallbackCommand=Live.CallbackAfterCreateRoom", "", 405},
		"mismatch":          {http.MethodPost, "?CallbackCommand=Live.CallbackAfterCreateRoom", `{"CallbackCommand":"Live.CallbackAfterDestroyRoom"}`, 400},
		"not JSON":          {http.MethodPost, "?CallbackCommand=Live.CallbackAfterCreateRoom", `<xml/>`, 400},
		"no command":        {http.MethodPost, "", `{}`, 400},
		"unknown word":      {http.MethodPost, "?CallbackCommand=Live.CallbackAfterNew", `{"CallbackCommand":"Live.CallbackAfterNew"}`, 200},
		"SdkAppId spelling": {http.MethodPost, "?SdkAppId=1&CallbackCommand=Room.CallbackAfterMemberEnter", `{"CallbackCommand":"Room.CallbackAfterMemberEnter"}`, 200},
	} {
		req, _ := http.NewRequestWithContext(t.Context(), c.method, url+c.query, strings.NewReader(c.body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("%s: HTTP %d, want %d", name, resp.StatusCode, c.status)
		}
	}
	// SdkAppId is read too.
	var other handled
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost,
		serve(t, &Handler{SDKAppID: 2}, &other)+"?SdkAppId=1&CallbackCommand=Call.CallbackAfterEndCall", strings.NewReader(`{"CallbackCommand":"Call.CallbackAfterEndCall"}`))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("another app spelt SdkAppId: HTTP %d", resp.StatusCode)
	}
}
