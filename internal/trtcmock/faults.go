package trtcmock

import (
	"fmt"
	"net/http"
)

// FaultKind selects how an injected fault misbehaves.
type FaultKind string

// Fault kinds. Every kind except FaultLoseAnswer leaves state untouched.
const (
	FaultErrorCode  FaultKind = "error_code"  // HTTP 200, envelope FAIL with the fault's ErrorCode/ErrorInfo
	FaultHTTPStatus FaultKind = "http_status" // HTTPStatus with a short non-JSON body (and Retry-After)
	FaultNonJSON    FaultKind = "non_json"    // HTTP 200 with an HTML gateway page
	FaultTruncated  FaultKind = "truncated"   // HTTP 200, JSON content type, envelope cut off halfway
	FaultHang       FaultKind = "hang"        // no answer until the client gives up or the server closes
	FaultDrop       FaultKind = "drop"        // connection closed without an answer
	FaultLoseAnswer FaultKind = "lose_answer" // command applied, then connection closed without an answer
)

func (k FaultKind) valid() bool {
	switch k {
	case FaultErrorCode, FaultHTTPStatus, FaultNonJSON, FaultTruncated, FaultHang, FaultDrop, FaultLoseAnswer:
		return true
	}
	return false
}

// Fault is one queued misbehaviour.
type Fault struct {
	Command    string    `json:"command"` // command word to match; "" matches any API command
	Kind       FaultKind `json:"kind"`
	ErrorCode  int       `json:"error_code"`  // FaultErrorCode; 0 means 100001
	ErrorInfo  string    `json:"error_info"`  // FaultErrorCode; "" means a generic message
	HTTPStatus int       `json:"http_status"` // FaultHTTPStatus; 0 means 502
	RetryAfter string    `json:"retry_after"` // Retry-After header for FaultHTTPStatus
	Times      int       `json:"times"`       // consecutive matching requests it applies to; 0 means 1
	// Skip lets this many matching requests through untouched before the
	// fault applies, e.g. to fail the read after a write but not the one before.
	Skip int `json:"skip"`
}

// InjectFault queues f. Each API request that passes authentication
// consumes the first queued fault whose Command matches it.
func (s *Server) InjectFault(f Fault) {
	if f.Times < 1 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// PendingFaults counts the request-applications still queued (a fault
// with Times 3 that has fired once counts 2).
func (s *Server) PendingFaults() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, f := range s.faults {
		n += f.Times
	}
	return n
}

// takeFault consumes one application of the first fault matching command.
func (s *Server) takeFault(command string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.faults {
		f := &s.faults[i]
		if f.Command != "" && f.Command != command {
			continue
		}
		if f.Skip > 0 {
			f.Skip--
			return Fault{}, false
		}
		out := *f
		f.Times--
		if f.Times <= 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return out, true
	}
	return Fault{}, false
}

// serveFault answers a request with fault f instead of (or, for
// FaultLoseAnswer, after) running the command.
func (s *Server) serveFault(w http.ResponseWriter, r *http.Request, e *Request, f Fault, run func() answer) {
	switch f.Kind {
	case FaultErrorCode:
		code, info := f.ErrorCode, f.ErrorInfo
		if code == 0 {
			code = codeInternal
		}
		if info == "" {
			info = fmt.Sprintf("injected error %d", code)
		}
		s.finish(e, http.StatusOK, code, f.Kind, false)
		writeEnvelope(w, fail(code, info).envelope(e.RequestID))
	case FaultHTTPStatus:
		status := f.HTTPStatus
		if status == 0 {
			status = http.StatusBadGateway
		}
		s.finish(e, status, -1, f.Kind, false)
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = fmt.Fprintf(w, "%d %s\n", status, http.StatusText(status))
	case FaultNonJSON:
		s.finish(e, http.StatusOK, -1, f.Kind, false)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(gatewayPage))
	case FaultTruncated:
		// Well framed HTTP, broken JSON: the client must fail on parsing,
		// not on transport.
		s.finish(e, http.StatusOK, -1, f.Kind, false)
		b := marshalEnvelope(ok(nil).envelope(e.RequestID))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(b[:len(b)/2])
	case FaultHang:
		s.finish(e, 0, -1, f.Kind, false)
		select {
		case <-r.Context().Done():
		case <-s.closing:
		}
		// Returning normally would send an empty 200; close instead.
		dropConn(w)
	case FaultDrop:
		s.finish(e, 0, -1, f.Kind, false)
		dropConn(w)
	case FaultLoseAnswer:
		a := run()
		s.finish(e, 0, a.code, f.Kind, a.applied)
		dropConn(w)
	default:
		s.finish(e, http.StatusInternalServerError, -1, f.Kind, false)
		http.Error(w, "trtcmock: unknown fault kind "+string(f.Kind), http.StatusInternalServerError)
	}
}

// dropConn closes the client connection without writing a response.
func dropConn(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	// Not hijackable (HTTP/2) or already gone: net/http aborts the
	// response silently on this sentinel.
	panic(http.ErrAbortHandler)
}

const gatewayPage = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>stgw</center>
</body>
</html>
`
