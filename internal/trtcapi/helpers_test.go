package trtcapi

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

const (
	testApp   uint64 = 1400000001
	otherApp  uint64 = 1400000002
	testKey          = "sk-trtcapi-test-7c1e0f5ab2d94e6c8a3b5d7f9e1c2a4b6d8f0e2c4a6b8d0f"
	wrongKey         = "sk-trtcapi-wrong-0000000000000000000000000000000000000000000000"
	testAdmin        = "administrator"
	service          = "live_config"
)

// Millisecond delays keep retry tests fast; every transient wait is at most
// 1.5 × BaseDelay on the first retry, every rate-limit wait at least
// 0.5 × RateLimitBaseDelay (±50 % jitter).
const (
	testBaseDelay          = 5 * time.Millisecond
	testMaxDelay           = 20 * time.Millisecond
	testRateLimitBaseDelay = 30 * time.Millisecond
	testRateLimitMaxDelay  = 60 * time.Millisecond
)

func fastRetry(maxRetries int) RetryPolicy {
	return RetryPolicy{
		MaxRetries:         maxRetries,
		BaseDelay:          testBaseDelay,
		MaxDelay:           testMaxDelay,
		RateLimitBaseDelay: testRateLimitBaseDelay,
		RateLimitMaxDelay:  testRateLimitMaxDelay,
	}
}

// newMock starts a mock data centre hosting testApp (and otherApp, so a
// signature for the wrong app is a mismatch rather than an unknown app).
func newMock(t testing.TB, opts trtcmock.Options) *trtcmock.Server {
	t.Helper()
	if opts.Apps == nil {
		opts.Apps = []trtcmock.App{{SDKAppID: testApp, Key: testKey}, {SDKAppID: otherApp, Key: wrongKey}}
	}
	srv, err := trtcmock.Listen("127.0.0.1:0", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func newSigner(t testing.TB) *KeySigner { return signerFor(t, testKey, App{testApp, testAdmin}) }

func signerFor(t testing.TB, key string, app App) *KeySigner {
	t.Helper()
	s, err := NewKeySigner(key, app, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func staticFor(t testing.TB, token string) StaticUserSig {
	t.Helper()
	s, err := NewStaticUserSig(token, App{testApp, testAdmin})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// lyingCreds sign as their Credentials do but claim another app, which the
// client's one path from credentials to query otherwise rules out.
type lyingCreds struct {
	Credentials
	app App
}

func (l lyingCreds) App() App { return l.app }

// testConfig is a valid Config for base with a KeySigner and fast retries.
func testConfig(t testing.TB, base string) Config {
	return Config{
		BaseURL:        base,
		Credentials:    newSigner(t),
		UserAgent:      "trtcapi-test/1.0",
		AttemptTimeout: 5 * time.Second,
		Retry:          fastRetry(3),
	}
}

func newClient(t testing.TB, base string, edit ...func(*Config)) *Client {
	t.Helper()
	cfg := testConfig(t, base)
	for _, e := range edit {
		e(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func withRetry(p RetryPolicy) func(*Config) { return func(c *Config) { c.Retry = p } }

func withAttemptTimeout(d time.Duration) func(*Config) {
	return func(c *Config) { c.AttemptTimeout = d }
}

func withCreds(cr Credentials) func(*Config) { return func(c *Config) { c.Credentials = cr } }

// commands lists the command words of the mock's request log, in order.
func commands(srv *trtcmock.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		out = append(out, r.Command)
	}
	return out
}

// capture is an httptest server that records every request and answers
// with respond (an OK envelope when nil).
type capture struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []captured
	hits atomic.Int64
}

type captured struct {
	Method string
	Path   string
	Query  map[string][]string
	Header http.Header
	Body   string
}

func newCapture(t testing.TB, respond http.HandlerFunc) *capture {
	t.Helper()
	c := &capture{}
	if respond == nil {
		respond = answer(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-capture"}`)
	}
	c.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.hits.Add(1)
		var b strings.Builder
		buf := make([]byte, 512)
		for {
			n, err := r.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		c.mu.Lock()
		c.reqs = append(c.reqs, captured{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: b.String()})
		c.mu.Unlock()
		respond(w, r)
	}))
	t.Cleanup(c.Close)
	return c
}

func (c *capture) requests() []captured {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]captured(nil), c.reqs...)
}

// answer writes body as a 200 JSON answer.
func answer(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprint(w, body)
	}
}

// sequence answers the i-th request with handlers[i], repeating the last.
func sequence(handlers ...http.HandlerFunc) http.HandlerFunc {
	var n atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		handlers[min(i, len(handlers)-1)](w, r)
	}
}

// shiftClock is a Config.Now whose offset from the real clock tests move.
type shiftClock struct{ offset atomic.Int64 }

func (c *shiftClock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

func (c *shiftClock) Set(d time.Duration) { c.offset.Store(int64(d)) }

// fakeClock is a settable clock shared by client and mock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// attempts records what an Observer is told.
type attempts struct {
	mu   sync.Mutex
	list []Attempt
}

func (a *attempts) observe(_ context.Context, at Attempt) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.list = append(a.list, at)
}

func (a *attempts) all() []Attempt {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]Attempt(nil), a.list...)
}

// assertNoSecrets fails when err's text, in any verb, carries a secret or
// a usersig query parameter.
func assertNoSecrets(t *testing.T, err error, secrets ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("expected an error")
	}
	for _, text := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err.Error())} {
		if strings.Contains(strings.ToLower(text), "usersig=") {
			t.Errorf("error text carries a usersig parameter: %s", text)
		}
		for _, s := range secrets {
			if s != "" && strings.Contains(text, s) {
				t.Errorf("error text carries a secret (%d chars): %s", len(s), text)
			}
		}
	}
}
