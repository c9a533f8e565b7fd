package trtcapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/wait"
)

// Attempt describes one request, for an Observer. It holds no secret.
type Attempt struct {
	Service    string
	Command    string
	Attempt    int // 1 for the first request of a call
	Duration   time.Duration
	HTTPStatus int // 0 when no answer arrived
	ErrorCode  int
	RequestID  string
	Err        error         // nil on success
	Class      Class         // meaningful when Err != nil
	Retrying   bool          // another attempt follows
	Wait       time.Duration // delay before that attempt
}

// Call sends command to service with body in (nil sends {}) and decodes the
// answer's payload into out (nil ignores it): its Response, or the
// envelope's own members for commands that answer at the top level. It retries transient
// faults and rate limiting with backoff, re-signs once after 70001, and
// stops at ctx's deadline with a *RequestError that says it timed out.
// Errors are *APIError (the service answered with an ErrorCode) or
// *RequestError (no usable answer).
func (c *Client) Call(ctx context.Context, service, command string, in, out any) error {
	return c.callQuery(ctx, service, command, "", in, out)
}

// callQuery is Call with extra query parameters, already encoded (e.g.
// "nettype=6"), after the standard ones: GetIPList takes its argument in the
// query, not the body (docs/development/trtc-api.md §8). Errors show no query,
// extra parameters included, because the query carries the UserSig.
func (c *Client) callQuery(ctx context.Context, service, command, query string, in, out any) error {
	body := []byte("{}")
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("encoding %s/%s body: %w", service, command, err)
		}
	}

	deadline, hasDeadline := ctx.Deadline()
	transient := wait.Backoff(c.retry.BaseDelay, c.retry.MaxDelay)
	limited := wait.Backoff(c.retry.RateLimitBaseDelay, c.retry.RateLimitMaxDelay)
	retries, resigned, uncertain := 0, false, false
	var last error // the previous attempt's error

	for n := 1; ; n++ {
		res := c.attempt(ctx, service, command, query, body)
		if res.noTurn != nil {
			// No request was sent: a turn is not an attempt, and the
			// Observer hears of none.
			return c.noTurn(ctx, service, command, n-1, last, res.noTurn, uncertain)
		}
		report := Attempt{
			Service: service, Command: command, Attempt: n, Duration: res.duration,
			HTTPStatus: res.httpStatus, ErrorCode: res.errorCode, RequestID: res.requestID,
			Err: res.err, Class: res.class,
		}

		if res.err == nil {
			c.observe(ctx, report)
			if out == nil || len(res.response) == 0 {
				return nil
			}
			if err := json.Unmarshal(res.response, out); err != nil {
				return &RequestError{Service: service, Command: command, Attempts: n,
					Err: &InvalidAnswerError{Size: len(res.response), Reason: "Response does not match the documented shape: " + err.Error()}}
			}
			return nil
		}

		// The operation's own deadline or cancellation ends the call.
		if ctx.Err() != nil {
			c.observe(ctx, report)
			return c.interrupted(ctx, service, command, n, res.err, uncertain || res.uncertain)
		}

		var pause time.Duration
		retry := true
		switch res.class {
		case ClassRetry, ClassRateLimited:
			if retries >= c.retry.MaxRetries {
				retry = false
				break
			}
			retries++
			if res.class == ClassRateLimited {
				pause = limited.NextBackOff()
			} else {
				pause = transient.NextBackOff()
			}
			pause = max(pause, res.retryAfter)
		case ClassExpiredSig:
			// Sign afresh and retry at once, but only once: a second 70001
			// means the clock or the key is wrong, not the signature's age.
			retry = !resigned && c.creds.Renew(res.userSig)
			resigned = true
		default:
			retry = false
		}
		if !retry {
			c.observe(ctx, report)
			return finalError(service, command, n, res.err, uncertain || res.uncertain)
		}
		uncertain = uncertain || res.uncertain
		last = res.err
		if left := time.Until(deadline); hasDeadline && left < pause {
			// Waiting would outlive the operation: say so now rather than
			// sleep into the deadline. The deadline and the wait are both
			// real time, whatever clock signs the UserSigs.
			c.observe(ctx, report)
			e := c.interrupted(ctx, service, command, n, res.err, uncertain)
			if e.TimedOut && res.retryAfter > left {
				// The server's own wait is why: the user should hear it.
				e.RetryAfter, e.TimeLeft = res.retryAfter, max(left, 0)
			}
			return e
		}
		report.Retrying, report.Wait = true, pause
		c.observe(ctx, report)
		if err := wait.Sleep(ctx, pause); err != nil {
			return c.interrupted(ctx, service, command, n, res.err, uncertain)
		}
	}
}

func (c *Client) observe(ctx context.Context, a Attempt) {
	if c.observer != nil {
		c.observer(ctx, a)
	}
}

// finalError annotates the last attempt's error with the call's history.
func finalError(service, command string, attempts int, err error, uncertain bool) error {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		apiErr.Attempts, apiErr.Uncertain = attempts, uncertain
		return apiErr
	}
	return &RequestError{Service: service, Command: command, Attempts: attempts, Uncertain: uncertain, Err: err}
}

// interrupted ends a call that ran out of time, or whose context was
// cancelled, keeping the last attempt's error for the user.
func (c *Client) interrupted(ctx context.Context, service, command string, attempts int, last error, uncertain bool) *RequestError {
	var apiErr *APIError
	if errors.As(last, &apiErr) {
		apiErr.Attempts, apiErr.Uncertain = attempts, uncertain
	}
	e := &RequestError{Service: service, Command: command, Attempts: attempts, Uncertain: uncertain, Err: last}
	if errors.Is(ctx.Err(), context.Canceled) {
		e.Err = fmt.Errorf("cancelled: %w", last)
		return e
	}
	e.TimedOut = true
	return e
}

// noTurn ends a call whose next attempt got no turn of the rate limit
// before ctx's deadline, or whose context ended while it waited. No
// request was sent for that turn; last, the previous attempt's error if
// there was one, is kept for the user.
func (c *Client) noTurn(ctx context.Context, service, command string, attempts int, last, wait error, uncertain bool) error {
	err := wait
	if last != nil {
		err = fmt.Errorf("%w; then %v", last, wait)
		var apiErr *APIError
		if errors.As(last, &apiErr) {
			apiErr.Attempts, apiErr.Uncertain = attempts, uncertain
		}
	}
	e := &RequestError{Service: service, Command: command, Attempts: attempts, Uncertain: uncertain, Err: err}
	if errors.Is(ctx.Err(), context.Canceled) {
		e.Err = fmt.Errorf("cancelled: %w", err)
		return e
	}
	e.TimedOut = true
	return e
}
