package trtcmock

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// maxBody bounds what the mock reads of a request body.
const maxBody = 1 << 20

// hostedApp is an App prepared for lookups.
type hostedApp struct {
	secret string
	admins map[string]bool
}

// Server is the mock data centre. It is an http.Handler; use it with
// httptest.NewServer or start it with Listen.
type Server struct {
	opts            Options
	apps            map[uint64]hostedApp
	sigFailureLimit int
	closing         chan struct{} // closed by Close: releases hung requests
	closeOnce       sync.Once
	closeErr        error

	// Set by Listen only.
	httpSrv *http.Server
	baseURL string

	mu          sync.Mutex
	latency     time.Duration
	readLag     time.Duration
	configs     map[key]lagged[Config]
	tokens      map[key]lagged[token]
	gifts       giftState // the gift catalogues (gifts.go)
	faults      []Fault
	sigFailures map[uint64][]time.Time
	seq         uint64
	log         []*Request
	userSigs    map[string]struct{}
	stats       Stats
	inFlight    int
}

// New returns a Server for opts. It serves nothing until used as a
// handler or started with Listen.
func New(opts Options) *Server {
	s := &Server{
		opts:            opts,
		apps:            make(map[uint64]hostedApp, len(opts.Apps)),
		sigFailureLimit: opts.SigFailureLimit,
		closing:         make(chan struct{}),
		latency:         opts.Latency,
		readLag:         opts.ReadLag,
		configs:         map[key]lagged[Config]{},
		tokens:          map[key]lagged[token]{},
		sigFailures:     map[uint64][]time.Time{},
		userSigs:        map[string]struct{}{},
	}
	if s.sigFailureLimit <= 0 {
		s.sigFailureLimit = defaultSigFailureLimit
	}
	for _, a := range opts.Apps {
		admins := a.Admins
		if len(admins) == 0 {
			admins = []string{defaultAdmin}
		}
		h := hostedApp{secret: a.Key, admins: map[string]bool{}}
		for _, id := range admins {
			h.admins[id] = true
		}
		s.apps[a.SDKAppID] = h
	}
	return s
}

// Listen starts a Server on addr (e.g. "127.0.0.1:0") with ConnState wired.
func Listen(addr string, opts Options) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := New(opts)
	s.baseURL = "http://" + ln.Addr().String()
	s.httpSrv = &http.Server{
		Handler:           s,
		ConnState:         s.ConnState,
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() { _ = s.httpSrv.Serve(ln) }()
	return s, nil
}

// URL is the base URL of a Listen-ed server ("" otherwise).
func (s *Server) URL() string { return s.baseURL }

// Close releases hung requests and, for a Listen-ed server, closes the
// listener and every connection. With httptest, call it before the test
// server's Close so hung handlers can finish. Later calls return the
// first call's result.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		close(s.closing)
		if s.httpSrv != nil {
			s.closeErr = s.httpSrv.Close()
		}
	})
	return s.closeErr
}

func (s *Server) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

// ServeHTTP routes /_mock/ to the control API and everything else to the
// TRTC REST API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, controlPrefix) {
		s.serveControl(w, r)
		return
	}
	s.serveAPI(w, r)
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	s.enter()
	defer s.leave()

	body, readErr := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	tooLarge := len(body) > maxBody
	if tooLarge {
		body = body[:maxBody]
	}
	q := r.URL.Query()
	service, command, _ := splitPath(r.URL.Path)
	s.mu.Lock()
	s.seq++
	seq := s.seq
	latency := s.latency
	s.mu.Unlock()
	e := &Request{
		Time:       time.Now(),
		Method:     r.Method,
		Service:    service,
		Command:    command,
		Query:      q,
		Body:       string(body),
		UserSig:    q.Get("usersig"),
		Identifier: q.Get("identifier"),
		SDKAppID:   q.Get("sdkappid"),
		UserAgent:  r.UserAgent(),
		ErrorCode:  -1,
		RequestID:  newRequestID(seq),
	}
	s.logRequest(e)
	if readErr != nil {
		// The client went away mid-body; there is nobody to answer.
		return
	}
	if !sleep(r.Context(), latency) {
		return
	}

	req, failed := s.check(r, body, tooLarge)
	if failed != nil {
		s.reply(w, e, *failed)
		return
	}
	if f, found := s.takeFault(req.command); found {
		s.serveFault(w, r, e, f, func() answer { return s.run(req) })
		return
	}
	s.reply(w, e, s.run(req))
}

func (s *Server) reply(w http.ResponseWriter, e *Request, a answer) {
	s.finish(e, http.StatusOK, a.code, "", a.applied)
	writeEnvelope(w, a.envelope(e.RequestID))
}

// sleep waits d, or less if ctx ends first; it reports whether d elapsed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
