package trtcmock_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

type harness struct {
	t    *testing.T
	srv  *trtcmock.Server
	base string
	http *http.Client
}

// newHarness serves a mock with opts (mocktest.Start); opts.Apps defaults
// to mocktest.Apps().
func newHarness(t *testing.T, opts trtcmock.Options) *harness {
	t.Helper()
	srv := mocktest.Start(t, func(o *trtcmock.Options) {
		if opts.Apps == nil {
			opts.Apps = o.Apps
		}
		*o = opts
	})
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &harness{t: t, srv: srv, base: srv.URL(), http: &http.Client{Transport: tr, Timeout: 10 * time.Second}}
}

// issuedAt is the issue time of every sig: tokens signed in different
// seconds differ, and tests count distinct UserSigs.
var issuedAt = time.Now()

// sig signs a day-long UserSig issued at issuedAt.
func sig(t *testing.T, key string, app uint64, identifier string) string {
	t.Helper()
	return mocktest.Sign(t, key, app, identifier, 24*time.Hour, issuedAt)
}

// appParam is the test app's sdkappid query value.
var appParam = strconv.FormatUint(mocktest.AppID, 10)

// validQuery is a correct query for the test app's administrator.
func validQuery(t *testing.T) url.Values {
	return url.Values{
		"sdkappid":    {appParam},
		"identifier":  {mocktest.Admin},
		"usersig":     {sig(t, mocktest.Key, mocktest.AppID, mocktest.Admin)},
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
func config(t *testing.T, r result) trtcmock.Config {
	t.Helper()
	wantCode(t, r, 0, "")
	var c trtcmock.Config
	if err := json.Unmarshal(r.Response, &c); err != nil {
		t.Fatalf("Response %s: %v", r.Response, err)
	}
	return c
}

const cbBody = `{"Url":"https://hooks.example.com/trtc","CallbackCommandList":["Live.CallbackAfterCreateRoom","Live.CallbackAfterDestroyRoom"]}`

var cbConfig = trtcmock.Config{
	URL:      "https://hooks.example.com/trtc",
	Commands: []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"},
}

var requestIDPattern = regexp.MustCompile(`^Id-[0-9a-f]{32}-O-Seq-[0-9]+$`)
