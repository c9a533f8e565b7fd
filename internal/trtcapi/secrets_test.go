package trtcapi

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// Every failure class: the error text names the endpoint at most, never
// the key, the UserSig or the query that carries it.
func TestErrorsCarryNoSecrets(t *testing.T) {
	t.Parallel()
	type scenario struct {
		name string
		// run returns the call's error; base is a mock's URL.
		run func(t *testing.T, c *Client) error
		// server prepares the target; it returns the base URL.
		server func(t *testing.T) string
		edit   []func(*Config)
	}
	mockWith := func(faults ...trtcmock.Fault) func(t *testing.T) string {
		return func(t *testing.T) string {
			srv := mocktest.Start(t)
			for _, f := range faults {
				srv.InjectFault(f)
			}
			return srv.URL()
		}
	}
	get := func(t *testing.T, c *Client) error {
		_, err := c.Webhooks(LiveWebhooks).Get(t.Context())
		return err
	}
	scenarios := []scenario{
		{name: "connection refused", server: func(t *testing.T) string {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			addr := ln.Addr().String()
			_ = ln.Close()
			return "http://" + addr
		}, run: get},
		{name: "attempt timeouts", server: mockWith(trtcmock.Fault{Kind: trtcmock.FaultHang, Times: 10}), run: get,
			edit: []func(*Config){withAttemptTimeout(50 * time.Millisecond)}},
		{name: "deadline", server: mockWith(trtcmock.Fault{Kind: trtcmock.FaultHang, Times: 10}), run: func(t *testing.T, c *Client) error {
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			defer cancel()
			return c.Call(ctx, service, "get_callback", nil, nil)
		}},
		{name: "cancelled", server: mockWith(trtcmock.Fault{Kind: trtcmock.FaultHang, Times: 10}), run: func(t *testing.T, c *Client) error {
			ctx, cancel := context.WithCancel(t.Context())
			time.AfterFunc(50*time.Millisecond, cancel)
			return c.Call(ctx, service, "get_callback", nil, nil)
		}},
		{name: "dropped", server: mockWith(trtcmock.Fault{Kind: trtcmock.FaultDrop, Times: 10}), run: get},
		{name: "lost answer", server: mockWith(trtcmock.Fault{Kind: trtcmock.FaultLoseAnswer, Times: 10}), run: func(t *testing.T, c *Client) error {
			return c.Webhooks(LiveWebhooks).Update(t.Context(), WebhookConfig{URL: "https://a.example.com", Commands: []string{}})
		}},
		{name: "HTTP 502", server: mockWith(trtcmock.Fault{Kind: trtcmock.FaultHTTPStatus, Times: 10}), run: get},
		{name: "HTTP 429", server: mockWith(trtcmock.Fault{Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 429, Times: 10}), run: get},
		{name: "non-JSON", server: mockWith(trtcmock.Fault{Kind: trtcmock.FaultNonJSON, Times: 10}), run: get},
		{name: "truncated", server: mockWith(trtcmock.Fault{Kind: trtcmock.FaultTruncated, Times: 10}), run: get},
		{name: "API error", server: mockWith(), run: get},
		{name: "wrong key", server: mockWith(), run: get, edit: []func(*Config){func(c *Config) {
			c.Credentials, _ = NewKeySigner(mocktest.OtherKey, App{mocktest.AppID, mocktest.Admin}, time.Hour)
		}}},
		{name: "redirect", server: func(t *testing.T) string {
			target := newCapture(t, nil)
			src := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, target.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
			})
			return src.URL
		}, run: get},
		{name: "rate limiter", server: mockWith(), run: func(t *testing.T, c *Client) error {
			for range defaultRateBurst {
				mustGet(t, c)
			}
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			defer cancel()
			return c.Call(ctx, service, "get_callback", nil, nil)
		}, edit: []func(*Config){func(c *Config) { c.RateLimit = 0.01 }}},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			base := sc.server(t)
			var obs attempts
			edits := append([]func(*Config){withRetry(fastRetry(1)), func(c *Config) { c.Observer = obs.observe }}, sc.edit...)
			c := newClient(t, base, edits...)
			err := sc.run(t, c)
			if err == nil {
				t.Fatal("call succeeded")
			}
			secrets := []string{mocktest.Key, mocktest.OtherKey}
			ks := c.creds.(*KeySigner)
			if len(ks.Secrets()) != 2 {
				t.Fatal("setup: no signature was made")
			}
			for _, s := range ks.Secrets() {
				secrets = append(secrets, s, url.QueryEscape(s))
			}
			assertNoSecrets(t, err, secrets...)
			for _, a := range obs.all() {
				if a.Err != nil {
					assertNoSecrets(t, a.Err, secrets...)
				}
			}
		})
	}
}

func TestStaticUserSigNotInErrors(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHang, Times: 10})
	static := mocktest.Sign(t, mocktest.Key, mocktest.AppID, mocktest.Admin, time.Hour, time.Now())
	c := newClient(t, srv.URL(), withCreds(staticFor(t, static)), withRetry(fastRetry(1)), withAttemptTimeout(50*time.Millisecond))
	err := c.Call(t.Context(), service, "get_callback", nil, nil)
	assertNoSecrets(t, err, static, url.QueryEscape(static))
	if !strings.Contains(err.Error(), "/v4/live_config/get_callback") {
		t.Errorf("the error does not name the endpoint: %v", err)
	}
}

// A 3xx is reported, not followed: following would resend the UserSig to
// another URL (and turn the POST into a GET).
func TestRedirectNotFollowed(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		target := newCapture(t, nil)
		src := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, target.URL+r.URL.RequestURI(), status)
		})
		c := newClient(t, src.URL)
		err := c.Call(t.Context(), service, "get_callback", nil, nil)
		var se *HTTPStatusError
		if !errors.As(err, &se) || se.StatusCode != status {
			t.Errorf("%d: err = %v, want an HTTPStatusError", status, err)
		}
		if n := target.hits.Load(); n != 0 {
			t.Errorf("%d: the redirect target saw %d requests", status, n)
		}
		if n := src.hits.Load(); n != 1 {
			t.Errorf("%d: the server saw %d requests, want 1 (not retried)", status, n)
		}
	}
}
