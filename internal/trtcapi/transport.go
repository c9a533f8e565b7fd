package trtcapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// The HTTP stack is a chain of round-trippers, each with one concern:
//
//	userAgentTransport -> *http.Transport
//
// Retries and the rate limits live above the stack, in Call: most TRTC
// failures arrive as HTTP 200 with an ErrorCode that only the envelope
// reveals, and a turn of a rate limit is waited for under the operation's
// context, before an attempt's own timeout starts (limits.go).

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// userAgentTransport stamps the provider's version on every request.
func userAgentTransport(userAgent string, next http.RoundTripper) http.RoundTripper {
	return roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.Header.Set("User-Agent", userAgent)
		return next.RoundTrip(r)
	})
}

// waitTurn is limiter.Wait with every clock reading the limiter is given
// taken under clockMu. rate.Limiter reads time.Now before its own lock, so
// under contention a late reading can move its clock back and the same
// interval is credited twice (golang/go#71360): a burst of concurrent
// calls then passes well above the rate. clockMu is held only to reserve
// or cancel, never while waiting; each limiter has its own.
func waitTurn(ctx context.Context, clockMu *sync.Mutex, limiter *rate.Limiter) (turn time.Time, delay time.Duration, err error) {
	if err := ctx.Err(); err != nil {
		return time.Time{}, 0, err
	}
	clockMu.Lock()
	now := time.Now()
	res := limiter.ReserveN(now, 1)
	clockMu.Unlock()
	if !res.OK() {
		return time.Time{}, 0, errors.New("rate: limiter allows no request")
	}
	cancel := func() {
		clockMu.Lock()
		res.CancelAt(time.Now())
		clockMu.Unlock()
	}
	delay = max(res.DelayFrom(now), 0)
	turn = now.Add(delay) // when the limiter gives the turn: its own clock, not the scheduler's
	if delay == 0 {
		return turn, 0, nil
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay {
		cancel()
		return time.Time{}, 0, fmt.Errorf("rate: waiting %v for a turn would exceed the context deadline", delay.Round(time.Millisecond))
	}
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-t.C:
		return turn, delay, nil
	case <-ctx.Done():
		cancel()
		return time.Time{}, 0, ctx.Err()
	}
}

// newBaseTransport is http.DefaultTransport tuned for Terraform's
// parallelism: enough idle connections per host that ten concurrent reads
// reuse their connections instead of dialling anew.
func newBaseTransport() *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   10 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}
