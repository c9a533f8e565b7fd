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
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// The test app, its keys and the mock come from mocktest; service is the
// one most tests here drive.
// service is the Live webhooks' service, as the mock names it.
const service = trtcmock.ServiceLive

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

func newSigner(t testing.TB) *KeySigner {
	return signerFor(t, mocktest.Key, App{mocktest.AppID, mocktest.Admin})
}

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
	s, err := NewStaticUserSig(token, App{mocktest.AppID, mocktest.Admin}, time.Now())
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
