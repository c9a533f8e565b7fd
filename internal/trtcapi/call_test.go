package trtcapi

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

// mustGet makes one call that the mock answers with success
// (delete_callback of nothing answers 0 by default) and expects success.
func mustGet(t *testing.T, c *Client) {
	t.Helper()
	if err := c.Call(t.Context(), service, "delete_callback", nil, nil); err != nil {
		t.Fatalf("call: %v", err)
	}
}

func TestRetriesThenSuccess(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		faults []trtcmock.Fault
	}{
		{"100001 twice", []trtcmock.Fault{{Kind: trtcmock.FaultErrorCode, ErrorCode: 100001, Times: 2}}},
		{"60008", []trtcmock.Fault{{Kind: trtcmock.FaultErrorCode, ErrorCode: 60008}}},
		{"HTTP 502", []trtcmock.Fault{{Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 502}}},
		{"HTTP 503", []trtcmock.Fault{{Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 503}}},
		{"HTTP 504 then 500", []trtcmock.Fault{{Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 504}, {Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 500}}},
		{"non-JSON", []trtcmock.Fault{{Kind: trtcmock.FaultNonJSON}}},
		{"truncated", []trtcmock.Fault{{Kind: trtcmock.FaultTruncated}}},
		{"dropped", []trtcmock.Fault{{Kind: trtcmock.FaultDrop}}},
		{"mixed", []trtcmock.Fault{{Kind: trtcmock.FaultDrop}, {Kind: trtcmock.FaultNonJSON}, {Kind: trtcmock.FaultErrorCode, ErrorCode: 60008}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := mocktest.Start(t)
			srv.SetConfig(mocktest.AppID, service, trtcmock.Config{URL: "https://a.example.com", Commands: []string{"Live.CallbackAfterCreateRoom"}})
			want := 1
			for _, f := range tc.faults {
				f.Command = "get_callback"
				srv.InjectFault(f)
				want += max(f.Times, 1)
			}
			got, err := newClient(t, srv.URL()).Webhooks(LiveWebhooks).Get(t.Context())
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if got.URL != "https://a.example.com" {
				t.Errorf("Get = %+v", got)
			}
			if n := srv.CountRequests("get_callback"); n != want {
				t.Errorf("server saw %d requests, want %d", n, want)
			}
		})
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 429, RetryAfter: "1"})
	var obs attempts
	c := newClient(t, srv.URL(), func(cfg *Config) { cfg.Observer = obs.observe })
	start := time.Now()
	mustGet(t, c)
	if el := time.Since(start); el < 950*time.Millisecond {
		t.Errorf("retried after %v, want Retry-After: 1 honoured (≥ 1 s)", el)
	}
	if n := srv.CountRequests(""); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
	a := obs.all()
	if len(a) != 2 || a[0].HTTPStatus != 429 || a[0].Class != ClassRateLimited || !a[0].Retrying || a[0].Wait != time.Second {
		t.Errorf("attempts %+v", a)
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	// HTTP dates have whole seconds: at is between 2 and 3 s away.
	at := time.Now().Truncate(time.Second).Add(3 * time.Second)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 429, RetryAfter: at.UTC().Format(http.TimeFormat)})
	c := newClient(t, srv.URL())
	start := time.Now()
	mustGet(t, c)
	if el := time.Since(start); el < 1500*time.Millisecond {
		t.Errorf("retried after %v, want the Retry-After date honoured (≥ ~2 s)", el)
	}
	if n := srv.CountRequests(""); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := map[string]time.Duration{
		"":                              0,
		"0":                             0,
		"-3":                            0,
		"7":                             7 * time.Second,
		"soon":                          0,
		"Fri, 02 Jan 2026 03:04:15 GMT": 10 * time.Second,
		"Fri, 02 Jan 2026 03:04:00 GMT": 0, // in the past
	}
	for v, want := range cases {
		if got := parseRetryAfter(v, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestHungAttemptBoundedByAttemptTimeout(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHang})
	c := newClient(t, srv.URL(), withAttemptTimeout(200*time.Millisecond))
	start := time.Now()
	mustGet(t, c)
	el := time.Since(start)
	if el < 200*time.Millisecond || el > 3*time.Second {
		t.Errorf("took %v, want the hung attempt cut at 200 ms then a retry", el)
	}
	if n := srv.CountRequests(""); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
}

func TestRateLimitCodesUseLongerDelays(t *testing.T) {
	t.Parallel()
	for _, code := range []int{60007, 60011, 60018, 60019, 70050} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			t.Parallel()
			srv := mocktest.Start(t)
			srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: code, Times: 2})
			var obs attempts
			c := newClient(t, srv.URL(), func(cfg *Config) { cfg.Observer = obs.observe })
			start := time.Now()
			mustGet(t, c)
			el := time.Since(start)
			// Two rate-limit waits: ≥ 0.5×30 ms + 0.5×60 ms = 45 ms. Two
			// transient waits would be at most 1.5×5 ms + 1.5×10 ms = 22.5 ms.
			if el < 45*time.Millisecond {
				t.Errorf("took %v: the waits do not reflect RateLimitBaseDelay", el)
			}
			if n := srv.CountRequests(""); n != 3 {
				t.Errorf("server saw %d requests, want 3", n)
			}
			a := obs.all()
			if len(a) != 3 {
				t.Fatalf("%d attempts observed", len(a))
			}
			// The randomised waits: first in [15, 45] ms, second in [30, 90] ms.
			for i, w := range []time.Duration{15 * time.Millisecond, 30 * time.Millisecond} {
				if a[i].Class != ClassRateLimited || a[i].ErrorCode != code || a[i].Wait < w || a[i].Wait > 3*w+time.Millisecond {
					t.Errorf("attempt %d: class %v code %d wait %v", i+1, a[i].Class, a[i].ErrorCode, a[i].Wait)
				}
			}
		})
	}
}

func TestTransientWaitsUseBaseDelay(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 100001, Times: 3})
	var obs attempts
	c := newClient(t, srv.URL(), func(cfg *Config) { cfg.Observer = obs.observe })
	mustGet(t, c)
	a := obs.all()
	if len(a) != 4 {
		t.Fatalf("%d attempts observed, want 4", len(a))
	}
	// Exponential: 5, 10, 20 ms (capped at MaxDelay), each ±50 %.
	for i, base := range []time.Duration{5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond} {
		if a[i].Class != ClassRetry || !a[i].Retrying || a[i].Wait < base/2 || a[i].Wait > base*3/2+time.Millisecond {
			t.Errorf("attempt %d: class %v wait %v, want %v ±50%%", i+1, a[i].Class, a[i].Wait, base)
		}
		if a[i].Attempt != i+1 || a[i].Err == nil || a[i].RequestID == "" {
			t.Errorf("attempt %d: %+v", i+1, a[i])
		}
	}
	if last := a[3]; last.Err != nil || last.Retrying || last.Attempt != 4 {
		t.Errorf("last attempt %+v", last)
	}
}

func TestDefaultDelays(t *testing.T) {
	t.Parallel()
	p := DefaultRetryPolicy()
	if p != (RetryPolicy{MaxRetries: 5, BaseDelay: 250 * time.Millisecond, MaxDelay: 8 * time.Second,
		RateLimitBaseDelay: 2 * time.Second, RateLimitMaxDelay: time.Minute}) {
		t.Errorf("DefaultRetryPolicy() = %+v", p)
	}
	if got := (RetryPolicy{MaxRetries: -1}).withDefaults(); got.MaxRetries != 0 || got.BaseDelay != 250*time.Millisecond {
		t.Errorf("withDefaults = %+v", got)
	}

	// The first waits a client would take with the defaults; the observer
	// cancels before any sleep, so the test does not wait.
	for _, tc := range []struct {
		code int
		base time.Duration
	}{{100001, 250 * time.Millisecond}, {60007, 2 * time.Second}} {
		srv := mocktest.Start(t)
		srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: tc.code})
		ctx, cancel := context.WithCancel(t.Context())
		var wait time.Duration
		c := newClient(t, srv.URL(), withRetry(DefaultRetryPolicy()), func(cfg *Config) {
			cfg.Observer = func(_ context.Context, a Attempt) { wait = a.Wait; cancel() }
		})
		start := time.Now()
		err := c.Call(ctx, service, "get_callback", nil, nil)
		cancel()
		if wait < tc.base/2 || wait > tc.base*3/2+time.Millisecond {
			t.Errorf("code %d: first wait %v, want %v ±50%%", tc.code, wait, tc.base)
		}
		var reqErr *RequestError
		if !errors.As(err, &reqErr) || reqErr.TimedOut || time.Since(start) > time.Second {
			t.Errorf("code %d: cancelled call returned %v after %v", tc.code, err, time.Since(start))
		}
	}
}

func TestPermanentCodesAreNotRetried(t *testing.T) {
	t.Parallel()
	type setup func(t *testing.T, srv *trtcmock.Server) (*Client, string, any)
	injected := func(code int) setup {
		return func(t *testing.T, srv *trtcmock.Server) (*Client, string, any) {
			srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: code})
			return newClient(t, srv.URL()), "get_callback", nil
		}
	}
	cases := map[int]setup{
		// Produced by the mock's own checks where it can.
		60010: func(t *testing.T, srv *trtcmock.Server) (*Client, string, any) {
			return newClient(t, srv.URL(), withCreds(signerFor(t, mocktest.Key, App{mocktest.AppID, "someone"}))), "get_callback", nil
		},
		70009: func(t *testing.T, srv *trtcmock.Server) (*Client, string, any) {
			return newClient(t, srv.URL(), withCreds(signerFor(t, mocktest.OtherKey, App{mocktest.AppID, mocktest.Admin}))), "get_callback", nil
		},
		70014: func(t *testing.T, srv *trtcmock.Server) (*Client, string, any) {
			// Only credentials that misreport their app can produce it.
			signed := signerFor(t, mocktest.Key, App{mocktest.OtherAppID, mocktest.Admin})
			return newClient(t, srv.URL(), withCreds(lyingCreds{signed, App{mocktest.AppID, mocktest.Admin}})), "get_callback", nil
		},
		70016: func(t *testing.T, srv *trtcmock.Server) (*Client, string, any) {
			return newClient(t, srv.URL(), withCreds(signerFor(t, mocktest.Key, App{1400009999, mocktest.Admin}))), "get_callback", nil
		},
		100002: func(t *testing.T, srv *trtcmock.Server) (*Client, string, any) {
			return newClient(t, srv.URL()), "set_callback", WebhookConfig{URL: "ftp://a.example.com", Commands: []string{}}
		},
		60009: func(t *testing.T, srv *trtcmock.Server) (*Client, string, any) {
			return newClient(t, srv.URL()), "no_such_command", nil
		},
		70020: injected(70020),
		60002: injected(60002),
		60003: injected(60003),
		60006: injected(60006),
		60020: injected(60020),
		70013: injected(70013),
	}
	for code, set := range cases {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			t.Parallel()
			srv := mocktest.Start(t)
			c, command, in := set(t, srv)
			err := c.Call(t.Context(), service, command, in, nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.ErrorCode != code {
				t.Fatalf("err = %v, want ErrorCode %d", err, code)
			}
			if n := srv.CountRequests(""); n != 1 || apiErr.Attempts != 1 {
				t.Errorf("server saw %d requests, Attempts %d; want exactly 1", n, apiErr.Attempts)
			}
			if IsUncertain(err) {
				t.Error("a definitive answer is reported uncertain")
			}
		})
	}
}

func TestMaxRetriesBoundsAttempts(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 4} {
		for _, kind := range []trtcmock.FaultKind{trtcmock.FaultErrorCode, trtcmock.FaultDrop, trtcmock.FaultHTTPStatus} {
			t.Run(strconv.Itoa(n)+"/"+string(kind), func(t *testing.T) {
				t.Parallel()
				srv := mocktest.Start(t)
				srv.InjectFault(trtcmock.Fault{Kind: kind, Times: 100})
				c := newClient(t, srv.URL(), withRetry(fastRetry(n)))
				err := c.Call(t.Context(), service, "get_callback", nil, nil)
				if err == nil {
					t.Fatal("call succeeded through a persistent fault")
				}
				if got := srv.CountRequests(""); got != n+1 {
					t.Errorf("MaxRetries %d: server saw %d requests, want %d", n, got, n+1)
				}
				var apiErr *APIError
				var reqErr *RequestError
				switch {
				case errors.As(err, &reqErr):
					if reqErr.Attempts != n+1 || reqErr.TimedOut {
						t.Errorf("RequestError %+v", *reqErr)
					}
				case errors.As(err, &apiErr):
					if apiErr.Attempts != n+1 || apiErr.ErrorCode != 100001 {
						t.Errorf("APIError %+v", *apiErr)
					}
				default:
					t.Errorf("err %T %v", err, err)
				}
			})
		}
	}
}

// Retries (and 429 answers) count against the same MaxRetries budget.
func TestRateLimitedCountsAgainstMaxRetries(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 60007, Times: 100})
	c := newClient(t, srv.URL(), withRetry(fastRetry(2)))
	err := c.Call(t.Context(), service, "get_callback", nil, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode != 60007 || apiErr.Attempts != 3 {
		t.Fatalf("err = %v", err)
	}
	if n := srv.CountRequests(""); n != 3 {
		t.Errorf("server saw %d requests, want 3", n)
	}
}

func TestDeadlineEndsRetries(t *testing.T) {
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 100001, ErrorInfo: "internal error, please retry", Times: 1000})
	c := newClient(t, srv.URL(), withRetry(RetryPolicy{MaxRetries: 1000, BaseDelay: 30 * time.Millisecond, MaxDelay: 60 * time.Millisecond}))
	const budget = 400 * time.Millisecond
	ctx, cancel := context.WithTimeout(t.Context(), budget)
	defer cancel()
	start := time.Now()
	err := c.Call(ctx, service, "get_callback", nil, nil)
	el := time.Since(start)

	var reqErr *RequestError
	if !errors.As(err, &reqErr) || !reqErr.TimedOut {
		t.Fatalf("err = %T %v, want a timed-out *RequestError", err, err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "timed out") || !strings.Contains(msg, "100001") || !strings.Contains(msg, "internal error, please retry") {
		t.Errorf("message %q does not say it timed out with the last error", msg)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode != 100001 {
		t.Errorf("the last APIError is not reachable: %v", err)
	}
	// The deadline may fall during a request, which then may or may not
	// have reached the server.
	if n := srv.CountRequests(""); n < 3 || (n != reqErr.Attempts && n != reqErr.Attempts-1) {
		t.Errorf("server saw %d requests, Attempts %d", n, reqErr.Attempts)
	}
	// It stops at the deadline rather than retrying on: a bound far above
	// the budget, so that a busy machine cannot fail it, far below what
	// 1000 retries would take. That it stops before a wait that would
	// outlive the deadline is TestDeadlineShorterThanNextWaitReturnsAtOnce.
	t.Logf("call took %v with a %v deadline", el, budget)
	if el > budget+5*time.Second {
		t.Errorf("call took %v with a %v deadline", el, budget)
	}
}

func TestDeadlineShorterThanNextWaitReturnsAtOnce(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 60008, Times: 10})
	// The next wait is at least 5 s (10 s ± 50%), the deadline 3 s: a call
	// that slept toward it would take 3 s; one that stops at once takes a
	// request, far below the bound even on a busy machine.
	c := newClient(t, srv.URL(), withRetry(RetryPolicy{MaxRetries: 5, BaseDelay: 10 * time.Second, MaxDelay: 20 * time.Second}))
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
	defer cancel()
	start := time.Now()
	err := c.Call(ctx, service, "get_callback", nil, nil)
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("call took %v: it slept toward a deadline the next wait (≥ 5 s) outlives", el)
	}
	var reqErr *RequestError
	if !errors.As(err, &reqErr) || !reqErr.TimedOut || reqErr.Attempts != 1 || !strings.Contains(err.Error(), "60008") {
		t.Errorf("err = %v", err)
	}
	if n := srv.CountRequests(""); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestDeadlineDuringHungAttempt(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHang})
	c := newClient(t, srv.URL())
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.Call(ctx, service, "set_callback", WebhookConfig{URL: "https://a.example.com", Commands: []string{}}, nil)
	el := time.Since(start)
	var reqErr *RequestError
	if !errors.As(err, &reqErr) || !reqErr.TimedOut || !reqErr.Uncertain || reqErr.Attempts != 1 {
		t.Fatalf("err = %#v", err)
	}
	if !strings.Contains(err.Error(), "timed out") || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("message %q", err)
	}
	if el < 290*time.Millisecond || el > time.Second {
		t.Errorf("took %v", el)
	}
}

func TestCancelledIsNotTimedOut(t *testing.T) {
	t.Parallel()
	t.Run("during an attempt", func(t *testing.T) {
		t.Parallel()
		srv := mocktest.Start(t)
		srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHang})
		c := newClient(t, srv.URL())
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(100*time.Millisecond, cancel)
		err := c.Call(ctx, service, "get_callback", nil, nil)
		var reqErr *RequestError
		if !errors.As(err, &reqErr) || reqErr.TimedOut || strings.Contains(err.Error(), "timed out") {
			t.Fatalf("err = %v (TimedOut %v)", err, reqErr != nil && reqErr.TimedOut)
		}
		if !strings.Contains(err.Error(), "cancel") || !errors.Is(err, context.Canceled) {
			t.Errorf("message %q does not say it was cancelled", err)
		}
	})
	t.Run("while waiting to retry", func(t *testing.T) {
		t.Parallel()
		srv := mocktest.Start(t)
		srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 100001, Times: 10})
		ctx, cancel := context.WithCancel(t.Context())
		c := newClient(t, srv.URL(), withRetry(RetryPolicy{MaxRetries: 5, BaseDelay: 10 * time.Second}),
			func(cfg *Config) {
				cfg.Observer = func(_ context.Context, a Attempt) {
					if a.Retrying {
						time.AfterFunc(50*time.Millisecond, cancel)
					}
				}
			})
		start := time.Now()
		err := c.Call(ctx, service, "get_callback", nil, nil)
		var reqErr *RequestError
		if !errors.As(err, &reqErr) || reqErr.TimedOut || strings.Contains(err.Error(), "timed out") {
			t.Fatalf("err = %v", err)
		}
		if !strings.Contains(err.Error(), "cancelled") || !strings.Contains(err.Error(), "100001") {
			t.Errorf("message %q", err)
		}
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("cancellation took %v to end the wait", el)
		}
		if n := srv.CountRequests(""); n != 1 {
			t.Errorf("server saw %d requests", n)
		}
	})
}

// The injected clock drives signing; waits and deadlines are real time.
func TestInjectedClockDoesNotShortenDeadline(t *testing.T) {
	t.Parallel()
	for _, offset := range []time.Duration{2 * time.Hour, -2 * time.Hour} {
		t.Run(offset.String(), func(t *testing.T) {
			t.Parallel()
			var clock mocktest.Clock
			clock.SetOffset(offset)
			srv := mocktest.Start(t, func(o *trtcmock.Options) { o.Now = clock.Now })
			srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 100001})
			srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 503,
				RetryAfter: time.Now().Truncate(time.Second).Add(3 * time.Second).UTC().Format(http.TimeFormat)})
			c := newClient(t, srv.URL(), func(cfg *Config) { cfg.Now = clock.Now })
			ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
			defer cancel()
			start := time.Now()
			if err := c.Call(ctx, service, "get_callback_token", nil, nil); errCode(err) != CodeNoToken {
				t.Fatalf("err = %v, want the retries to reach the answer 100302", err)
			}
			// The lower bound is the point; the upper one only catches a wait
			// many times too long.
			if el := time.Since(start); el < 1500*time.Millisecond || el > 12*time.Second {
				t.Errorf("took %v, want the HTTP-date Retry-After (2–3 s) honoured in real time", el)
			}
			if n := srv.CountRequests(""); n != 3 {
				t.Errorf("server saw %d requests, want 3", n)
			}
		})
	}
}

// 70001 with a KeySigner: one fresh signature, one more request.
func TestExpiredUserSigResignsOnce(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	// The client's clock starts two hours behind, so its first one-hour
	// signature is already expired for the mock; after the first attempt
	// the clock is put right.
	var clock mocktest.Clock
	clock.SetOffset(-2 * time.Hour)
	signer := newSigner(t)
	c := newClient(t, srv.URL(), withCreds(signer), func(cfg *Config) {
		cfg.Now = clock.Now
		cfg.Observer = func(context.Context, Attempt) { clock.SetOffset(0) }
	})
	srv.SetConfig(mocktest.AppID, service, trtcmock.Config{URL: "https://a.example.com", Commands: []string{}})
	if _, err := c.Webhooks(LiveWebhooks).Get(t.Context()); err != nil {
		t.Fatalf("Get: %v", err)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("server saw %d requests, want 2", len(reqs))
	}
	if reqs[0].ErrorCode != CodeUserSigExpired || reqs[1].ErrorCode != 0 {
		t.Errorf("answers %d, %d; want 70001 then 0", reqs[0].ErrorCode, reqs[1].ErrorCode)
	}
	if reqs[0].UserSig == reqs[1].UserSig {
		t.Error("the retry carried the expired usersig")
	}
	claims, err := usersig.Verify(mocktest.Key, reqs[1].UserSig, mocktest.AppID, mocktest.Admin, time.Now())
	if err != nil || time.Since(time.Unix(claims.Time, 0)) > time.Minute {
		t.Errorf("second usersig: %+v, %v", claims, err)
	}
	// The fresh signature is cached for later calls.
	if _, err := c.Webhooks(LiveWebhooks).Get(t.Context()); err != nil {
		t.Fatal(err)
	}
	if reqs = srv.Requests(); reqs[2].UserSig != reqs[1].UserSig {
		t.Error("the renewed signature was not reused")
	}
}

func TestExpiredUserSigTwiceFails(t *testing.T) {
	t.Parallel()
	// The mock's clock runs two hours ahead: every one-hour signature the
	// client makes is expired on arrival.
	var ahead mocktest.Clock
	ahead.SetOffset(2 * time.Hour)
	srv := mocktest.Start(t, func(o *trtcmock.Options) { o.Now = ahead.Now })
	c := newClient(t, srv.URL(), withRetry(fastRetry(5)))
	err := c.Call(t.Context(), service, "get_callback", nil, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode != CodeUserSigExpired || apiErr.Attempts != 2 {
		t.Fatalf("err = %v, want 70001 after 2 attempts", err)
	}
	if n := srv.CountRequests(""); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
}

func TestExpiredStaticUserSigFails(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	// Valid when the provider started, expired by the time of the request.
	issued := time.Now().Add(-2 * time.Hour)
	old := mocktest.Sign(t, mocktest.Key, mocktest.AppID, mocktest.Admin, time.Hour, issued)
	creds, err := NewStaticUserSig(old, App{mocktest.AppID, mocktest.Admin}, issued)
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv.URL(), withCreds(creds), withRetry(fastRetry(5)))
	err = c.Call(t.Context(), service, "get_callback", nil, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode != CodeUserSigExpired || apiErr.Attempts != 1 {
		t.Fatalf("err = %v, want 70001 after 1 attempt", err)
	}
	if n := srv.CountRequests(""); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

// A 70001 followed by transient faults: the re-sign is not a retry, and
// the transient budget still applies.
func TestResignDoesNotUseRetryBudget(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 100001})
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 70001})
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 100001})
	c := newClient(t, srv.URL(), withRetry(fastRetry(2)))
	mustGet(t, c)
	if n := srv.CountRequests(""); n != 4 {
		t.Errorf("server saw %d requests, want 4", n)
	}
}

// A TLS handshake that fails is permanent and certain: https:// against a
// plain-HTTP endpoint, or a certificate nobody trusts, fails after one
// attempt instead of six, and no write can have happened.
func TestTLSFailureIsPermanent(t *testing.T) {
	t.Parallel()
	plain := mocktest.Start(t)
	untrusted := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(untrusted.Close)
	for name, base := range map[string]string{
		"https to a plain-HTTP server": strings.Replace(plain.URL(), "http://", "https://", 1),
		"untrusted certificate":        untrusted.URL,
	} {
		c := newClient(t, base, withRetry(fastRetry(5)))
		var attempts int
		c.observer = func(context.Context, Attempt) { attempts++ }
		err := c.Call(t.Context(), service, "set_callback", WebhookConfig{URL: "https://a.example.com", Commands: []string{}}, nil)
		var reqErr *RequestError
		if !errors.As(err, &reqErr) || reqErr.Attempts != 1 || IsUncertain(err) {
			t.Errorf("%s: err = %v; want one certain attempt", name, err)
		}
		if attempts != 1 {
			t.Errorf("%s: %d attempts, want 1", name, attempts)
		}
	}
	if n := plain.CountRequests(""); n != 0 {
		t.Errorf("the plain-HTTP server logged %d API requests", n)
	}
}
