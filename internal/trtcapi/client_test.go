package trtcapi

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

func TestRequestShape(t *testing.T) {
	t.Parallel()
	cp := newCapture(t, nil)
	signer := newSigner(t)
	c := newClient(t, cp.URL, withCreds(signer))

	if err := c.Call(t.Context(), service, "get_callback", nil, nil); err != nil {
		t.Fatal(err)
	}
	in := map[string]any{"Url": "https://hooks.example.com/trtc", "CallbackCommandList": []string{"Live.CallbackAfterCreateRoom"}}
	if err := c.Call(t.Context(), service, "set_callback", in, nil); err != nil {
		t.Fatal(err)
	}
	reqs := cp.requests()
	if len(reqs) != 2 {
		t.Fatalf("server saw %d requests, want 2", len(reqs))
	}
	for i, r := range reqs {
		wantPath := "/v4/live_config/" + []string{"get_callback", "set_callback"}[i]
		if r.Method != http.MethodPost || r.Path != wantPath {
			t.Errorf("request %d: %s %s, want POST %s", i, r.Method, r.Path, wantPath)
		}
		q := url.Values(r.Query)
		if got := q.Get("sdkappid"); got != strconv.FormatUint(mocktest.AppID, 10) {
			t.Errorf("sdkappid = %q", got)
		}
		if got := q.Get("identifier"); got != mocktest.Admin {
			t.Errorf("identifier = %q", got)
		}
		if got := q.Get("contenttype"); got != "json" {
			t.Errorf("contenttype = %q", got)
		}
		if _, err := strconv.ParseUint(q.Get("random"), 10, 32); err != nil {
			t.Errorf("random = %q is not a uint32", q.Get("random"))
		}
		for _, k := range []string{"sdkappid", "identifier", "usersig", "random", "contenttype"} {
			if len(q[k]) != 1 {
				t.Errorf("query %s appears %d times", k, len(q[k]))
			}
		}
		if len(q) != 5 {
			t.Errorf("query has %d parameters, want 5: %v", len(q), keys(q))
		}
		if _, err := usersig.Verify(mocktest.Key, q.Get("usersig"), mocktest.AppID, mocktest.Admin, time.Now()); err != nil {
			t.Errorf("usersig does not verify: %v", err)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
		if ua := r.Header.Get("User-Agent"); ua != "trtcapi-test/1.0" {
			t.Errorf("User-Agent = %q", ua)
		}
	}
	if reqs[0].Body != "{}" {
		t.Errorf("body with nil in = %q, want {}", reqs[0].Body)
	}
	if want := `{"CallbackCommandList":["Live.CallbackAfterCreateRoom"],"Url":"https://hooks.example.com/trtc"}`; reqs[1].Body != want {
		t.Errorf("body = %s, want %s", reqs[1].Body, want)
	}
	if reqs[0].Query["random"][0] == reqs[1].Query["random"][0] {
		t.Errorf("random repeated on consecutive requests: %s", reqs[0].Query["random"][0])
	}
}

func keys(q url.Values) []string {
	var out []string
	for k := range q {
		out = append(out, k)
	}
	return out
}

// The mock checks the whole calling convention (method, path, every query
// parameter, UserSig, administrator, JSON object body); it must accept ours.
func TestRequestShapeAcceptedByMock(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	c := newClient(t, srv.URL())
	for range 3 {
		if err := c.Call(t.Context(), service, "get_callback_token", nil, nil); err == nil || Classify(errCode(err)) != ClassPermanent || errCode(err) != CodeNoToken {
			t.Fatalf("get_callback_token: %v, want ErrorCode %d", err, CodeNoToken)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests", len(reqs))
	}
	seen := map[string]bool{}
	for _, r := range reqs {
		if r.Method != http.MethodPost || r.Service != service || r.Command != "get_callback_token" || r.Body != "{}" {
			t.Errorf("request %+v", r)
		}
		if r.UserAgent != "trtcapi-test/1.0" {
			t.Errorf("User-Agent %q", r.UserAgent)
		}
		seen[r.Query.Get("random")] = true
	}
	if len(seen) != 3 {
		t.Errorf("random values %v are not fresh per request", seen)
	}
}

func errCode(err error) int {
	var e *APIError
	if errors.As(err, &e) {
		return e.ErrorCode
	}
	return -1
}

func TestDefaultUserAgent(t *testing.T) {
	t.Parallel()
	cp := newCapture(t, nil)
	c := newClient(t, cp.URL, func(cfg *Config) { cfg.UserAgent = "" })
	if err := c.Call(t.Context(), service, "get_callback", nil, nil); err != nil {
		t.Fatal(err)
	}
	if ua := cp.requests()[0].Header.Get("User-Agent"); ua != "terraform-provider-trtc" {
		t.Errorf("default User-Agent = %q", ua)
	}
}

func TestBaseURLWithPathPrefix(t *testing.T) {
	t.Parallel()
	mock := trtcmock.New(trtcmock.Options{Apps: []trtcmock.App{{SDKAppID: mocktest.AppID, Key: mocktest.Key}}})
	var mu sync.Mutex
	var paths []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		http.StripPrefix("/gateway/trtc", mock).ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	t.Cleanup(func() { _ = mock.Close() })
	mock.SetConfig(mocktest.AppID, service, trtcmock.Config{URL: "https://a.example.com", Commands: []string{"Live.CallbackAfterCreateRoom"}})

	// The documented request URLs include /v4: a base that ends in it means the same.
	bases := []string{ts.URL + "/gateway/trtc", ts.URL + "/gateway/trtc/", ts.URL + "/gateway/trtc/v4", ts.URL + "/gateway/trtc/v4/"}
	for _, base := range bases {
		got, err := newClient(t, base).Webhooks(LiveWebhooks).Get(t.Context())
		if err != nil {
			t.Fatalf("base %s: %v", base, err)
		}
		if got.URL != "https://a.example.com" {
			t.Errorf("base %s: got %+v", base, got)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(paths) != len(bases) {
		t.Errorf("server saw %d requests, want %d", len(paths), len(bases))
	}
	for _, p := range paths {
		if p != "/gateway/trtc/v4/live_config/get_callback" {
			t.Errorf("path %q", p)
		}
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	t.Parallel()
	good := func() Config { return testConfig(t, "https://adminapisgp.im.qcloud.com") }
	if _, err := New(good()); err != nil {
		t.Fatalf("valid config rejected: %v", err)
	}
	cases := map[string]func(*Config){
		"empty URL":        func(c *Config) { c.BaseURL = "" },
		"no scheme":        func(c *Config) { c.BaseURL = "adminapisgp.im.qcloud.com" },
		"ftp scheme":       func(c *Config) { c.BaseURL = "ftp://adminapisgp.im.qcloud.com" },
		"no host":          func(c *Config) { c.BaseURL = "https://" },
		"unparseable":      func(c *Config) { c.BaseURL = "https://[::1" },
		"control char":     func(c *Config) { c.BaseURL = "https://a.example.com/\x7f" },
		"query":            func(c *Config) { c.BaseURL = "https://a.example.com?x=1" },
		"fragment":         func(c *Config) { c.BaseURL = "https://a.example.com#f" },
		"zero SDKAppID":    func(c *Config) { c.Credentials = lyingCreds{c.Credentials, App{0, mocktest.Admin}} },
		"empty identifier": func(c *Config) { c.Credentials = lyingCreds{c.Credentials, App{mocktest.AppID, ""}} },
		"nil credentials":  func(c *Config) { c.Credentials = nil },
	}
	for name, edit := range cases {
		cfg := good()
		edit(&cfg)
		c, err := New(cfg)
		if err == nil || c != nil {
			t.Errorf("%s: New = %v, %v; want an error", name, c, err)
		}
	}
}

func TestEndpoint(t *testing.T) {
	t.Parallel()
	c := newClient(t, "https://adminapisgp.im.qcloud.com/", withCreds(signerFor(t, mocktest.Key, App{mocktest.AppID, "admin & co=1"})))
	sig := "eJw*abc-def_+/=%"
	raw := c.endpoint("live_config", "get_callback", sig, 4294967295)
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if u.Scheme != "https" || u.Host != "adminapisgp.im.qcloud.com" || u.Path != "/v4/live_config/get_callback" {
		t.Errorf("endpoint %s", raw)
	}
	q := u.Query()
	app := strconv.FormatUint(mocktest.AppID, 10)
	want := url.Values{
		"sdkappid": {app}, "identifier": {"admin & co=1"}, "usersig": {sig},
		"random": {"4294967295"}, "contenttype": {"json"},
	}
	if q.Encode() != want.Encode() {
		t.Errorf("query %v, want %v", q, want)
	}
	if !strings.HasPrefix(raw, "https://adminapisgp.im.qcloud.com/v4/live_config/get_callback?sdkappid="+app+"&") {
		t.Errorf("endpoint %s", raw)
	}
}

func TestCallRejectsUnencodableBody(t *testing.T) {
	t.Parallel()
	cp := newCapture(t, nil)
	c := newClient(t, cp.URL)
	if err := c.Call(t.Context(), service, "set_callback", make(chan int), nil); err == nil {
		t.Fatal("a body json cannot encode was sent")
	}
	if n := cp.hits.Load(); n != 0 {
		t.Errorf("server saw %d requests", n)
	}
}
