package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/trtc/terraform-provider-trtc/internal/delivery"
)

// receiver records deliveries and answers with status and body.
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	reqs   []*http.Request
	bodies []string
}

func newReceiver(t *testing.T, status int, body string) *receiver {
	t.Helper()
	r := &receiver{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.reqs = append(r.reqs, req)
		r.bodies = append(r.bodies, string(b))
		r.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) last(t *testing.T) (*http.Request, string) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.reqs) == 0 {
		t.Fatal("the receiver got nothing")
	}
	return r.reqs[len(r.reqs)-1], r.bodies[len(r.bodies)-1]
}

const okBody = `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`

func TestEmitUsageErrors(t *testing.T) {
	t.Setenv(tokenEnv, "")
	for _, args := range [][]string{
		{"emit"},
		{"emit", "-product", "live"},
		{"emit", "-url", "https://hooks.example.com/x"},
		{"emit", "-url", "https://hooks.example.com/x", "-product", "chat"},
		{"emit", "-url", "https://hooks.example.com/x", "-product", "room", "-token", "t"},
		{"emit", "-url", "https://hooks.example.com/x", "-product", "live", "-command", "not a word"},
		{"emit", "-url", "https://hooks.example.com/x", "-product", "live", "-command", "Call.CallbackAfterStartCall"},
		{"emit", "-url", "https://hooks.example.com/x", "-product", "live", "-command", "Live.CallbackBeforeCallBackNotBlock"},
		{"emit", "-url", "hooks.example.com/x", "-product", "live"},
		{"emit", "-url", "https://hooks.example.com/x", "-product", "live", "-sdkappid", "0"},
		{"emit", "-url", "https://hooks.example.com/x", "-product", "live", "-timeout", "0s"},
		{"emit", "-url", "https://hooks.example.com/x", "-product", "live", "extra"},
		{"emit", "-no-such-flag"},
	} {
		code, stdout, stderr := runArgs(t, args...)
		if code != 2 || stderr == "" || stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
	if code, _, stderr := runArgs(t, "emit", "-h"); code != 0 || !strings.Contains(stderr, "-product") {
		t.Errorf("emit -h: %d %q", code, stderr)
	}
	if code, stdout, _ := runArgs(t, "help"); code != 0 || !strings.Contains(stdout, "trtc-mock emit -url URL -product live|room|call") {
		t.Errorf("help: %d %q", code, stdout)
	}
}

func TestEmitProbe(t *testing.T) {
	t.Setenv(tokenEnv, "")
	r := newReceiver(t, 200, okBody)
	code, stdout, stderr := runArgs(t, "emit", "-url", r.URL+"/hook", "-product", "call", "-sdkappid", "1400000042")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q, stdout %q", code, stderr, stdout)
	}
	req, body := r.last(t)
	q := req.URL.Query()
	if q.Get("CallbackCommand") != "Call.CallbackTerraformProbe" || q.Get("SdkAppid") != "1400000042" || q.Has("Sign") ||
		!strings.Contains(body, `"CallbackCommand":"Call.CallbackTerraformProbe"`) {
		t.Errorf("sent %s %s", req.URL.RawQuery, body)
	}
	for _, want := range []string{
		"url:       " + r.URL + "/hook?SdkAppid=1400000042&CallbackCommand=Call.CallbackTerraformProbe&contenttype=json&ClientIP=192.0.2.1&OptPlatform=RESTAPI\n",
		"command:   Call.CallbackTerraformProbe\n",
		"signed:    no\n",
		"answer:    HTTP 200 application/json, 50 bytes, ActionStatus OK, ErrorCode 0\n",
		"result:    OK\n",
		"warning:   the request reached 127.0.0.1, a loopback address",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "why:") {
		t.Errorf("an OK result needs no explanation:\n%s", stdout)
	}
}

// A Live test event signed with the token from the environment; the token
// is nowhere in the output.
func TestEmitSignedTestEvent(t *testing.T) {
	const token = "emit-test-token-value"
	t.Setenv(tokenEnv, token)
	r := newReceiver(t, 200, `{"ActionStatus":"FAIL","ErrorInfo":"unknown gift","ErrorCode":1}`)
	code, stdout, stderr := runArgs(t, "emit", "-url", r.URL, "-product", "LIVE", "-command", delivery.GiftPreCheck)
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q, stdout %q", code, stderr, stdout)
	}
	req, body := r.last(t)
	q := req.URL.Query()
	rt, _ := strconv.ParseInt(q.Get("RequestTime"), 10, 64)
	if q.Get("Sign") != delivery.Sign(token, rt) || q.Get("CallbackCommand") != delivery.GiftPreCheck || !strings.Contains(body, `"GiftWater"`) {
		t.Fatalf("sent %s %s", req.URL.RawQuery, body)
	}
	for _, want := range []string{
		"signed:    yes (Sign and RequestTime)\n",
		`answer:    HTTP 200 application/json, 64 bytes, ActionStatus FAIL, ErrorCode 1, ErrorInfo "unknown gift"` + "\n",
		`result:    FAILED: ActionStatus is "FAIL" (ErrorCode 1, ErrorInfo "unknown gift")` + "\n",
		"why:       For Live.CallbackBeforeSendGift the answer decides",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, token) || strings.Contains(stdout, q.Get("Sign")) {
		t.Errorf("output shows the token or the Sign:\n%s", stdout)
	}
	// -token wins over the environment.
	code, _, _ = runArgs(t, "emit", "-url", r.URL, "-product", "live", "-token", "other")
	req, _ = r.last(t)
	rt, _ = strconv.ParseInt(req.URL.Query().Get("RequestTime"), 10, 64)
	if code != 1 || req.URL.Query().Get("Sign") != delivery.Sign("other", rt) {
		t.Errorf("exit %d, Sign %s", code, req.URL.Query().Get("Sign"))
	}
	// The Live token in the environment does not sign Room deliveries.
	if code, _, stderr := runArgs(t, "emit", "-url", r.URL, "-product", "room"); code != 1 || stderr != "" {
		t.Errorf("room with the env token: exit %d, %q", code, stderr)
	}
	if req, _ := r.last(t); req.URL.Query().Has("Sign") {
		t.Error("a Room delivery was signed")
	}
}

func TestEmitFailureAndJSON(t *testing.T) {
	t.Setenv(tokenEnv, "")
	r := newReceiver(t, 404, "not here")
	code, stdout, _ := runArgs(t, "emit", "-url", r.URL, "-product", "room", "-command", "Room.CallbackAfterMemberEnter")
	if code != 1 || !strings.Contains(stdout, "result:    FAILED: HTTP 404 Not Found: TRTC counts anything but 200 as a failed delivery\n") ||
		!strings.Contains(stdout, "why:       TRTC would count a delivery of Room.CallbackAfterMemberEnter answered like this as a failed delivery") {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}

	code, stdout, _ = runArgs(t, "emit", "-url", r.URL, "-product", "room", "-json")
	var got map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if code != 1 || got["ok"] != false || got["outcome"] != "http_status" || got["status_code"] != float64(404) ||
		got["delivered"] != false || got["error_code"] != nil || !strings.HasPrefix(got["error"].(string), "HTTP 404") || got["explanation"] == "" {
		t.Errorf("exit %d: %s", code, stdout)
	}

	ok := newReceiver(t, 200, okBody)
	code, stdout, _ = runArgs(t, "emit", "-url", ok.URL, "-product", "live", "-json")
	got = nil
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || code != 0 || got["ok"] != true || got["outcome"] != "ok" ||
		got["error_code"] != float64(0) || got["signed"] != false {
		t.Errorf("exit %d, %v: %s", code, err, stdout)
	}

	// Nothing listening: a failure of the receiver, not a usage error.
	addr := strings.TrimPrefix(ok.URL, "http://")
	ok.Close()
	code, stdout, _ = runArgs(t, "emit", "-url", "http://"+addr, "-product", "live", "-timeout", "500ms")
	if code != 1 || !strings.Contains(stdout, "result:    FAILED: connection refused by "+addr) {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
}
