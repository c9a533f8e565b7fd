package trtcapi

import (
	"net"
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// The HTTP stack is a chain of round-trippers, each with one concern:
//
//	userAgentTransport -> rateLimitTransport -> *http.Transport
//
// Retries live above the stack, in Call, because most TRTC failures arrive
// as HTTP 200 with an ErrorCode that only the envelope reveals.

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

// rateLimitTransport keeps a provider instance within TRTC's documented
// 200 requests/s per API. Waiting honours the request's context, so a
// throttled request still ends at the operation's deadline.
func rateLimitTransport(limiter *rate.Limiter, next http.RoundTripper) http.RoundTripper {
	return roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		if err := limiter.Wait(r.Context()); err != nil {
			return nil, err
		}
		return next.RoundTrip(r)
	})
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
