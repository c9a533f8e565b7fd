package trtcapi

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
	"golang.org/x/time/rate"
)

// burst runs n calls at once and returns how long they all took.
func burst(t *testing.T, c *Client, n int) time.Duration {
	t.Helper()
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		wg.Go(func() { errs[i] = c.Call(t.Context(), service, "delete_callback", nil, nil) })
	}
	wg.Wait()
	el := time.Since(start)
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return el
}

// The timing tests below are not parallel: they run alone, before the
// parallel tests start.

func TestRateLimiterHoldsDocumentedRate(t *testing.T) {
	const n = 300
	srv := mocktest.Start(t)
	// Config.Transport sits under the limiter: it sees each request as the
	// limiter lets it go, before any dial or network delay.
	var mu sync.Mutex
	var released []time.Time
	network := newBaseTransport()
	t.Cleanup(network.CloseIdleConnections)
	c := newClient(t, srv.URL(), func(cfg *Config) {
		cfg.Transport = roundTripperFunc(func(r *http.Request) (*http.Response, error) {
			mu.Lock()
			released = append(released, time.Now())
			mu.Unlock()
			return network.RoundTrip(r)
		})
	})
	el := burst(t, c, n)
	// A burst of 20, then 200/s: the last request cannot start before
	// (300-20)/200 s = 1.4 s.
	if floor := time.Duration(float64(n-defaultRateBurst) / DefaultRateLimit * float64(time.Second)); el < floor-20*time.Millisecond {
		t.Errorf("%d calls took %v, the limiter allows no less than %v", n, el, floor)
	}
	if got := srv.CountRequests(""); got != n {
		t.Fatalf("server saw %d requests", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(released) != n {
		t.Fatalf("%d requests released", len(released))
	}
	slices.SortFunc(released, time.Time.Compare)
	if span := released[n-1].Sub(released[0]); span < 1390*time.Millisecond {
		t.Errorf("the limiter released %d requests within %v", n, span)
	}
	// No one-second window holds more than the burst plus a second's worth
	// (221), give or take timer jitter.
	most := 0
	for i := range released {
		in := 0
		for j := i; j < len(released) && released[j].Sub(released[i]) < time.Second; j++ {
			in++
		}
		most = max(most, in)
	}
	if most > DefaultRateLimit+defaultRateBurst+6 {
		t.Errorf("%d requests released within one second", most)
	}
	t.Logf("%d calls: %v; at most %d released in one second", n, el, most)
}

// A higher RateLimit lets the same burst through sooner. The network is in
// memory so the time measured is the limiter's, not the server's.
func TestRateLimitOption(t *testing.T) {
	const n = 300
	rt := roundTripperFunc(func(r *http.Request) (*http.Response, error) { return cannedResponse(r, getCallbackAnswer), nil })
	run := func(limit float64) time.Duration {
		c := newClient(t, "https://adminapisgp.im.qcloud.com", func(c *Config) { c.Transport, c.RateLimit = rt, limit })
		return burst(t, c, n)
	}
	slow, fast := run(0), run(5000)
	if slow < 1390*time.Millisecond {
		t.Errorf("default limit: %d calls in %v, want ≥ 1.4 s", n, slow)
	}
	// 5000/s: (300-20)/5000 s = 56 ms of waiting.
	if fast >= slow/2 {
		t.Errorf("RateLimit 5000: %v, default: %v", fast, slow)
	}
}

// The rate limit is lifted in the keep-alive tests: it does not touch
// connections, and they run faster without it.
func TestKeepAliveSequential(t *testing.T) {
	srv := mocktest.Start(t)
	c := newClient(t, srv.URL(), func(c *Config) { c.RateLimit = 1e6 })
	for range 100 {
		mustGet(t, c)
	}
	if st := srv.Stats(); st.Requests != 100 || st.Connections != 1 {
		t.Errorf("stats %+v, want 100 requests over 1 connection", st)
	}
}

func TestKeepAliveConcurrent(t *testing.T) {
	// Latency keeps the ten workers overlapping, as Terraform's ten
	// parallel reads do.
	srv := mocktest.Start(t, func(o *trtcmock.Options) { o.Latency = 10 * time.Millisecond })
	c := newClient(t, srv.URL(), func(c *Config) { c.RateLimit = 1e6 })
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			for range 10 {
				mustGet(t, c)
				// A pause leaves the connection idle, as between
				// Terraform's reads; an unpooled one would be closed.
				time.Sleep(3 * time.Millisecond)
			}
		})
	}
	wg.Wait()
	// Ten workers need ten connections; a dial that loses the race to a
	// freed connection may add a few. With net/http's default of two idle
	// connections per host it would be dozens.
	if st := srv.Stats(); st.Requests != 100 || st.Connections > 15 {
		t.Errorf("stats %+v, want 100 requests over about 10 connections", st)
	}
}

func TestNoSerialisingLock(t *testing.T) {
	const latency = 50 * time.Millisecond
	srv := mocktest.Start(t, func(o *trtcmock.Options) { o.Latency = latency })
	c := newClient(t, srv.URL())
	mustGet(t, c) // sign once outside the measurement
	srv.ResetRequests()
	el := burst(t, c, 10)
	if el >= 4*latency {
		t.Errorf("10 concurrent calls with %v latency took %v: they were serialised", latency, el)
	}
	if st := srv.Stats(); st.MaxInFlight != 10 {
		t.Errorf("MaxInFlight %d, want 10", st.MaxInFlight)
	}
}

// Config.Transport replaces the network; the client's own layers still
// wrap it (the User-Agent is stamped, the caller's request is not changed).
func TestCustomTransport(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var seen []*http.Request
	rt := roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		seen = append(seen, r)
		mu.Unlock()
		return cannedResponse(r, getCallbackAnswer), nil
	})
	c := newClient(t, "https://adminapisgp.im.qcloud.com", func(cfg *Config) { cfg.Transport = rt })
	got, err := c.Webhooks(LiveWebhooks).Get(t.Context())
	if err != nil || got.URL != "https://a.example.com/trtc" || len(got.Commands) != 2 {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 1 || seen[0].Header.Get("User-Agent") != "trtcapi-test/1.0" ||
		!strings.HasPrefix(seen[0].URL.String(), "https://adminapisgp.im.qcloud.com/v4/live_config/get_callback?") {
		t.Errorf("transport saw %v", seen)
	}
}

// A turn the caller gives up on, by deadline or cancellation, goes back
// to the limiter.
func TestWaitTurnGivesBackUnusedTurns(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	lim := rate.NewLimiter(1, 1) // one turn a second
	if _, _, err := waitTurn(t.Context(), &mu, lim); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 600*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, _, err := waitTurn(ctx, &mu, lim); err == nil || !strings.Contains(err.Error(), "deadline") {
		t.Errorf("a turn beyond the deadline: %v", err)
	}
	// Waiting toward the deadline would take 600 ms; refusing takes none.
	if el := time.Since(start); el > 400*time.Millisecond {
		t.Errorf("refusing a turn beyond the deadline took %v", el)
	}
	ctx2, cancel2 := context.WithCancel(t.Context())
	time.AfterFunc(10*time.Millisecond, cancel2)
	if _, _, err := waitTurn(ctx2, &mu, lim); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled wait: %v", err)
	}
	// Both abandoned turns were returned: the next is due 1 s after the
	// first, not 3 s.
	if _, _, err := waitTurn(t.Context(), &mu, lim); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("the next turn came after %v: abandoned turns were kept", el)
	}
	done, cancel3 := context.WithCancel(t.Context())
	cancel3()
	if _, _, err := waitTurn(done, &mu, lim); !errors.Is(err, context.Canceled) {
		t.Errorf("a done context: %v", err)
	}
}
