package trtcapi

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

var leftMessage = regexp.MustCompile(`^TRTC live_config/get_callback timed out after 1 attempt\(s\): the server asked to wait ` +
	`1h0m0s before retrying \(Retry-After\), longer than the [2-5]\.\d+s left; last error: HTTP (429|503) `)

// A Retry-After longer than the time left ends the call at once, and the
// error says so: the wait asked for and the time that was left.
func TestRetryAfterBeyondDeadlineIsReported(t *testing.T) {
	t.Parallel()
	for _, status := range []int{429, 503} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			t.Parallel()
			srv := mocktest.Start(t)
			srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHTTPStatus, HTTPStatus: status, RetryAfter: "3600"})
			c := newClient(t, srv.URL())
			ctx, cancel := context.WithTimeout(t.Context(), 6*time.Second)
			defer cancel()
			start := time.Now()
			err := c.Call(ctx, service, "get_callback", nil, nil)
			if el := time.Since(start); el > 4*time.Second {
				t.Errorf("call took %v: it waited toward a deadline the Retry-After outlives", el)
			}
			var reqErr *RequestError
			if !errors.As(err, &reqErr) || !reqErr.TimedOut {
				t.Fatalf("err = %T %v, want a timed-out *RequestError", err, err)
			}
			if reqErr.RetryAfter != time.Hour || reqErr.TimeLeft <= 2*time.Second || reqErr.TimeLeft > 6*time.Second {
				t.Errorf("RetryAfter = %v, TimeLeft = %v; want 1h and a little under 6s", reqErr.RetryAfter, reqErr.TimeLeft)
			}
			var statusErr *HTTPStatusError
			if !errors.As(err, &statusErr) || statusErr.StatusCode != status {
				t.Errorf("the HTTP status is not reachable: %v", err)
			}
			if msg := err.Error(); !leftMessage.MatchString(msg) {
				t.Errorf("message %q", msg)
			}
			if n := srv.CountRequests(""); n != 1 {
				t.Errorf("server saw %d requests, want 1", n)
			}
		})
	}
}

// When the call stops for its own backoff, or for no wait at all, the
// server's Retry-After is not blamed.
func TestRetryAfterNotBlamedWhenItFits(t *testing.T) {
	t.Parallel()
	t.Run("backoff outlives the deadline, Retry-After fits", func(t *testing.T) {
		t.Parallel()
		srv := mocktest.Start(t)
		srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 503, RetryAfter: "1"})
		c := newClient(t, srv.URL(), withRetry(RetryPolicy{MaxRetries: 5, BaseDelay: 20 * time.Second, MaxDelay: 40 * time.Second}))
		ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
		defer cancel()
		err := c.Call(ctx, service, "get_callback", nil, nil)
		var reqErr *RequestError
		if !errors.As(err, &reqErr) || !reqErr.TimedOut || reqErr.RetryAfter != 0 || reqErr.TimeLeft != 0 {
			t.Fatalf("err = %#v", err)
		}
		if strings.Contains(err.Error(), "Retry-After") {
			t.Errorf("message %q blames Retry-After", err)
		}
	})
	t.Run("no Retry-After", func(t *testing.T) {
		t.Parallel()
		srv := mocktest.Start(t)
		srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 60008})
		c := newClient(t, srv.URL(), withRetry(RetryPolicy{MaxRetries: 5, BaseDelay: 20 * time.Second, MaxDelay: 40 * time.Second}))
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		var reqErr *RequestError
		if err := c.Call(ctx, service, "get_callback", nil, nil); !errors.As(err, &reqErr) || !reqErr.TimedOut || reqErr.RetryAfter != 0 {
			t.Fatalf("err = %#v", err)
		}
	})
}
