package trtcapi

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Sentinels matched with errors.Is against an *APIError.
var (
	// ErrNoConfiguration: the app has no configuration of this kind (100301).
	ErrNoConfiguration = errors.New("no configuration")
	// ErrAlreadyExists: a create met an existing configuration (100300).
	ErrAlreadyExists = errors.New("configuration already exists")
	// ErrNoToken: the app has no webhook signing token (100302).
	ErrNoToken = errors.New("no token configuration")
	// ErrNotLiveKitEdition: the app has no TUILiveKit trial or paid
	// edition, which every gift catalogue call needs (102001, §9).
	ErrNotLiveKitEdition = errors.New("the app needs a TUILiveKit trial or paid edition")
)

// APIError is an answer from TRTC with a non-zero ErrorCode. It carries what
// a user needs for a support ticket and nothing secret.
type APIError struct {
	Service   string
	Command   string
	ErrorCode int
	ErrorInfo string
	RequestID string
	// Attempts is how many requests the call made, this answer's included.
	Attempts int
	// Uncertain reports that an earlier attempt of the same call failed
	// without a definitive answer, so it may have been applied.
	Uncertain bool
}

func (e *APIError) Error() string {
	info := e.ErrorInfo
	if info == "" {
		info = "(no ErrorInfo)"
	}
	return fmt.Sprintf("TRTC %s/%s failed: ErrorCode %d: %s (RequestId %s)",
		e.Service, e.Command, e.ErrorCode, info, e.requestID())
}

func (e *APIError) requestID() string {
	if e.RequestID == "" {
		return "none"
	}
	return e.RequestID
}

// Is lets errors.Is match the sentinels for the codes that mean a state.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNoConfiguration:
		return e.ErrorCode == CodeNoConfiguration
	case ErrAlreadyExists:
		return e.ErrorCode == CodeAlreadyExists
	case ErrNoToken:
		return e.ErrorCode == CodeNoToken
	case ErrNotLiveKitEdition:
		return e.ErrorCode == CodeNotLiveKitEdition
	}
	return false
}

// Class is what a caller should do about this error.
func (e *APIError) Class() Class { return Classify(e.ErrorCode) }

// RequestError is a call that got no usable answer: connection failures,
// gateway statuses, bodies that are not a TRTC envelope, and timeouts.
type RequestError struct {
	Service  string
	Command  string
	Attempts int
	// TimedOut reports that the operation's deadline ended the call.
	TimedOut bool
	// Uncertain reports that some attempt may have been applied.
	Uncertain bool
	// RetryAfter is the wait the server asked for (Retry-After) when it is
	// why a timed-out call stopped: it would have outlived the deadline,
	// with TimeLeft remaining. Both are 0 otherwise.
	RetryAfter time.Duration
	TimeLeft   time.Duration
	Err        error
}

func (e *RequestError) Error() string {
	if e.TimedOut && e.RetryAfter > 0 {
		return fmt.Sprintf("TRTC %s/%s timed out after %d attempt(s): the server asked to wait %v before retrying "+
			"(Retry-After), longer than the %v left; last error: %v",
			e.Service, e.Command, e.Attempts, e.RetryAfter, e.TimeLeft.Truncate(time.Millisecond), e.Err)
	}
	if e.TimedOut {
		return fmt.Sprintf("TRTC %s/%s timed out after %d attempt(s); last error: %v",
			e.Service, e.Command, e.Attempts, e.Err)
	}
	return fmt.Sprintf("TRTC %s/%s failed after %d attempt(s): %v", e.Service, e.Command, e.Attempts, e.Err)
}

// IsUncertain reports whether a failed call may nevertheless have been
// applied by the service: some attempt got no definitive answer.
func IsUncertain(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Uncertain
	}
	var reqErr *RequestError
	return errors.As(err, &reqErr) && reqErr.Uncertain
}

func (e *RequestError) Unwrap() error { return e.Err }

// HTTPStatusError is an answer whose HTTP status was not 200: the gateway,
// not the service, answered.
type HTTPStatusError struct {
	StatusCode int
	RetryAfter time.Duration // parsed Retry-After, 0 when absent
}

func (e *HTTPStatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.StatusCode, http.StatusText(e.StatusCode))
}

// InvalidAnswerError is an HTTP 200 whose body is not a TRTC envelope
// (a gateway page, or an answer cut off in transit).
type InvalidAnswerError struct {
	ContentType string
	Size        int
	Reason      string
}

func (e *InvalidAnswerError) Error() string {
	ct := e.ContentType
	if ct == "" {
		ct = "no content type"
	}
	return fmt.Sprintf("the answer is not a TRTC envelope (%s, %d bytes): %s", ct, e.Size, e.Reason)
}
