package trtcmock

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

const (
	testApp   uint64 = 1400000001
	otherApp  uint64 = 1400000002
	testKey          = "fake-test-key-0000000000000000000000000000000000000000000000000000"
	otherKey         = "fake-other-key-111111111111111111111111111111111111111111111111111"
	testAdmin        = "administrator"
)

// clock is a settable Options.Now, safe for the handler goroutines.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type harness struct {
	t    *testing.T
	srv  *Server
	base string
	http *http.Client
}

// newHarness serves a mock over httptest; opts.Apps defaults to testApp
// and otherApp.
func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	if opts.Apps == nil {
		opts.Apps = []App{{SDKAppID: testApp, Key: testKey}, {SDKAppID: otherApp, Key: otherKey}}
	}
	srv := New(opts)
	ts := httptest.NewUnstartedServer(srv)
	ts.Config.ConnState = srv.ConnState
	ts.Start()
	client := ts.Client()
	client.Timeout = 10 * time.Second
	// Cleanups run last-in first-out: release hung handlers before
	// httptest waits for them.
	t.Cleanup(ts.Close)
	t.Cleanup(func() { _ = srv.Close() })
	return &harness{t: t, srv: srv, base: ts.URL, http: client}
}

// sig signs a day-long UserSig for the test app.
// issuedAt is the issue time of every sig: tokens signed in different
// seconds differ, and tests count distinct UserSigs.
var issuedAt = time.Now()

func sig(t *testing.T, key string, app uint64, identifier string) string {
	t.Helper()
	s, err := usersig.Generate(key, app, identifier, 24*time.Hour, nil, issuedAt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validQuery is a correct query for the test app's administrator.
func validQuery(t *testing.T) url.Values {
	return url.Values{
		"sdkappid":    {strconv.FormatUint(testApp, 10)},
		"identifier":  {testAdmin},
		"usersig":     {sig(t, testKey, testApp, testAdmin)},
		"random":      {"12345"},
		"contenttype": {"json"},
	}
}

// result is a decoded envelope.
type result struct {
	ActionStatus string
	ErrorCode    int
	ErrorInfo    string
	RequestID    string `json:"RequestId"`
	Response     json.RawMessage
	raw          []byte
}

// send performs one raw request and returns status, headers and body.
func (h *harness) send(ctx context.Context, method, path string, q url.Values, body string) (*http.Response, []byte, error) {
	h.t.Helper()
	u := h.base + path
	if q != nil {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.http.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// raw sends a request that must be answered with an envelope.
func (h *harness) raw(method, path string, q url.Values, body string) result {
	h.t.Helper()
	resp, b, err := h.send(context.Background(), method, path, q, body)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("%s %s: HTTP %d: %s", method, path, resp.StatusCode, b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		h.t.Fatalf("Content-Type = %q", ct)
	}
	var r result
	if err := json.Unmarshal(b, &r); err != nil {
		h.t.Fatalf("%s %s: body %q: %v", method, path, b, err)
	}
	r.raw = b
	return r
}

// call sends a correctly signed service/command request.
func (h *harness) call(service, command, body string) result {
	h.t.Helper()
	return h.raw(http.MethodPost, "/v4/"+service+"/"+command, validQuery(h.t), body)
}

// live sends a correctly signed live_config request.
func (h *harness) live(command, body string) result {
	h.t.Helper()
	return h.call("live_config", command, body)
}

func wantCode(t *testing.T, r result, code int, infoHas string) {
	t.Helper()
	if r.ErrorCode != code {
		t.Fatalf("ErrorCode = %d (%q), want %d; body %s", r.ErrorCode, r.ErrorInfo, code, r.raw)
	}
	wantStatus := "OK"
	if code != 0 {
		wantStatus = "FAIL"
	}
	if r.ActionStatus != wantStatus {
		t.Fatalf("ActionStatus = %q, want %q", r.ActionStatus, wantStatus)
	}
	if !strings.Contains(r.ErrorInfo, infoHas) {
		t.Fatalf("ErrorInfo = %q, want it to mention %q", r.ErrorInfo, infoHas)
	}
}

// config decodes a get_callback Response.
func config(t *testing.T, r result) Config {
	t.Helper()
	wantCode(t, r, 0, "")
	var c Config
	if err := json.Unmarshal(r.Response, &c); err != nil {
		t.Fatalf("Response %s: %v", r.Response, err)
	}
	return c
}

const cbBody = `{"Url":"https://hooks.example.com/trtc","CallbackCommandList":["Live.CallbackAfterCreateRoom","Live.CallbackAfterDestroyRoom"]}`

var cbConfig = Config{
	URL:      "https://hooks.example.com/trtc",
	Commands: []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"},
}

var requestIDPattern = regexp.MustCompile(`^Id-[0-9a-f]{32}-O-Seq-[0-9]+$`)
