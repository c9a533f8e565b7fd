package trtcmock

import (
	"net"
	"net/http"
	"net/url"
	"time"
)

// Request is one entry of the log: an API request as received and how the
// mock answered it. Control requests are not logged.
type Request struct {
	Time       time.Time  `json:"time"`
	Method     string     `json:"method"`
	Service    string     `json:"service"`
	Command    string     `json:"command"`
	Query      url.Values `json:"query"`
	Body       string     `json:"body"`
	UserSig    string     `json:"usersig"`
	Identifier string     `json:"identifier"`
	SDKAppID   string     `json:"sdkappid"` // raw query value
	UserAgent  string     `json:"user_agent"`
	HTTPStatus int        `json:"http_status"` // 0 for hang/drop/lose_answer (and while still in progress)
	ErrorCode  int        `json:"error_code"`  // -1 when no envelope was sent
	RequestID  string     `json:"request_id"`
	Fault      FaultKind  `json:"fault,omitempty"`
	Applied    bool       `json:"applied"`
}

// Stats are counters since New or the last ResetRequests.
type Stats struct {
	Requests         int `json:"requests"`          // API requests received
	MaxInFlight      int `json:"max_in_flight"`     // most API requests handled at the same moment
	DistinctUserSigs int `json:"distinct_usersigs"` // distinct non-empty usersig query values
	Connections      int `json:"connections"`       // TCP connections accepted (needs ConnState)
}

// logRequest appends e to the log at arrival; e is completed by
// finish under the same lock, so a request still hanging is already visible.
func (s *Server) logRequest(e *Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, e)
	s.stats.Requests++
	if e.UserSig != "" {
		s.userSigs[e.UserSig] = struct{}{}
	}
}

// finish records how a logged request was answered.
func (s *Server) finish(e *Request, status, code int, fault FaultKind, applied bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e.HTTPStatus, e.ErrorCode, e.Fault, e.Applied = status, code, fault, applied
}

func (s *Server) enter() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight++
	if s.inFlight > s.stats.MaxInFlight {
		s.stats.MaxInFlight = s.inFlight
	}
}

func (s *Server) leave() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight--
}

// Requests returns a copy of the log, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.log))
	for i, e := range s.log {
		out[i] = *e
		out[i].Query = cloneValues(e.Query)
	}
	return out
}

// CountRequests counts logged requests for command ("" counts all).
func (s *Server) CountRequests(command string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if command == "" {
		return len(s.log)
	}
	n := 0
	for _, e := range s.log {
		if e.Command == command {
			n++
		}
	}
	return n
}

// ResetRequests clears the log and the Stats counters. Requests in flight
// keep counting toward MaxInFlight so the next peak is measured correctly.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
	s.userSigs = map[string]struct{}{}
	s.stats = Stats{MaxInFlight: s.inFlight}
}

// Stats returns the current counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.DistinctUserSigs = len(s.userSigs)
	return st
}

// ConnState counts new TCP connections; assign it to http.Server.ConnState
// (Listen does) so tests can tell keep-alive reuse from fresh dials.
func (s *Server) ConnState(_ net.Conn, st http.ConnState) {
	if st != http.StateNew {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Connections++
}

func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
