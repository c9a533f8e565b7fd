package trtcapi

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// maxAnswerSize bounds what is read from one answer.
const maxAnswerSize = 1 << 20

// attemptResult is the outcome of one request.
type attemptResult struct {
	response   json.RawMessage // the payload (see payload)
	err        error           // nil on success
	class      Class
	retryAfter time.Duration
	httpStatus int
	requestID  string
	errorCode  int
	userSig    string
	// uncertain: the request may have reached the service and been applied
	// even though no definitive answer came back.
	uncertain bool
	// noTurn: no turn of the command's rate limit came within ctx, so no
	// request was sent (limits.go).
	noTurn error
	// duration is the request's, from its turn to its answer.
	duration time.Duration
}

// attempt sends one request and classifies its outcome. ctx is the call's:
// the request waits for a turn of its command's rate limit within it, as
// late as it can (after signing), and only then is bounded by the attempt
// timeout. query holds extra encoded query parameters ("" for none).
func (c *Client) attempt(ctx context.Context, service, command, query string, body []byte) attemptResult {
	sig, err := c.creds.UserSig(c.now())
	if err != nil {
		return attemptResult{err: fmt.Errorf("signing a UserSig: %w", err), class: ClassPermanent}
	}
	if err := c.limits.wait(ctx, service, command); err != nil {
		return attemptResult{noTurn: err}
	}
	ctx, cancel := context.WithTimeout(ctx, c.attemptTimeout)
	defer cancel()
	began := c.now()
	res := c.send(ctx, service, command, query, sig, body)
	res.duration = c.now().Sub(began)
	return res
}

// send makes the request of one attempt.
func (c *Client) send(ctx context.Context, service, command, query, sig string, body []byte) attemptResult {
	res := attemptResult{userSig: sig}
	target := c.endpoint(service, command, sig, rand.Uint32())
	if query != "" {
		target += "&" + query
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		res.err, res.class = redactURL(err), ClassPermanent
		return res
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")

	resp, err := c.http.Do(req)
	if err != nil {
		res.err, res.class, res.uncertain = redactURL(err), ClassRetry, true
		if isTLSFailure(err) {
			// No request crossed a failed handshake, and another attempt
			// would fail the same way (https:// against a plain-HTTP
			// endpoint, or a certificate this machine does not trust).
			res.class, res.uncertain = ClassPermanent, false
		}
		return res
	}
	defer resp.Body.Close()
	res.httpStatus = resp.StatusCode
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswerSize))
	if err != nil {
		res.err, res.class, res.uncertain = fmt.Errorf("reading the answer: %w", redactURL(err)), ClassRetry, true
		return res
	}

	if resp.StatusCode != http.StatusOK {
		// An HTTP-date comes from the server's real clock and the wait is
		// slept in real time: compare with time.Now, not the signing clock.
		se := &HTTPStatusError{StatusCode: resp.StatusCode, RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())}
		res.err, res.class, res.retryAfter = se, ClassPermanent, se.RetryAfter
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			res.class = ClassRateLimited
		case resp.StatusCode >= 500:
			// The gateway may have forwarded the request before failing.
			res.class, res.uncertain = ClassRetry, true
		}
		return res
	}

	env, err := parseEnvelope(data, resp.Header.Get("Content-Type"))
	res.requestID, res.errorCode = env.RequestID, env.ErrorCode
	if err != nil {
		res.err, res.class, res.uncertain = err, ClassRetry, true
		return res
	}
	if env.ErrorCode != CodeOK {
		res.err = &APIError{Service: service, Command: command, ErrorCode: env.ErrorCode, ErrorInfo: env.ErrorInfo, RequestID: env.RequestID}
		res.class = Classify(env.ErrorCode)
		return res
	}
	res.response = payload(env, data)
	return res
}

// isTLSFailure reports a TLS handshake that failed for good.
func isTLSFailure(err error) bool {
	var (
		header    tls.RecordHeaderError
		alert     tls.AlertError
		verify    *tls.CertificateVerificationError
		authority x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
	)
	return errors.Is(err, http.ErrSchemeMismatch) || errors.As(err, &header) || errors.As(err, &alert) ||
		errors.As(err, &verify) || errors.As(err, &authority) || errors.As(err, &hostname) || errors.As(err, &invalid)
}

// redactURL strips the query (which carries the UserSig) from the URL that
// net/http puts into its errors.
func redactURL(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	u, perr := url.Parse(ue.URL)
	where := "the TRTC API"
	if perr == nil {
		u.RawQuery, u.User = "", nil
		where = u.String()
	}
	return fmt.Errorf("%s %s: %w", ue.Op, where, ue.Err)
}

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
