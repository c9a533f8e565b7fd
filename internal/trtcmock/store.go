package trtcmock

import "time"

// key identifies one singleton: a configuration or a token of one app.
type key struct {
	app     uint64
	service string
}

// lagged is stored state as a lagging reader sees it: for ReadLag after
// each API write, reads answer what was there before the write. A nil
// value means "none".
type lagged[T any] struct {
	cur     *T
	prev    *T        // before the last write, for ReadLag
	wroteAt time.Time // zero: no write whose lag is pending
}

// write returns l after an API write of v (nil deletes), opening a lag
// window. Callers hold s.mu.
func (l lagged[T]) write(v *T) lagged[T] {
	return lagged[T]{cur: v, prev: l.cur, wroteAt: time.Now()}
}

// read is what a read answers now, given the lag.
func (l lagged[T]) read(lag time.Duration) *T {
	if !l.wroteAt.IsZero() && time.Since(l.wroteAt) < lag {
		return l.prev
	}
	return l.cur
}

// current ignores the lag: what the service really holds.
func (l lagged[T]) current() *T { return l.cur }

// token is the live_config webhook signing token state.
type token struct {
	Token         string `json:"Token"`
	IsTokenEnable bool   `json:"IsTokenEnable"`
}

// Config returns the stored configuration, ignoring ReadLag.
func (s *Server) Config(sdkAppID uint64, service string) (Config, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.configs[key{sdkAppID, service}].current()
	if c == nil {
		return Config{}, false
	}
	return c.clone(), true
}

// SetConfig changes the configuration out of band, as someone using the
// console would. It is not a write for ReadLag: it also ends any pending
// lag window, so the next get_callback sees it.
func (s *Server) SetConfig(sdkAppID uint64, service string, c Config) {
	c = c.clone()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.configs[key{sdkAppID, service}] = lagged[Config]{cur: &c}
}

// DeleteConfig removes the configuration out of band (see SetConfig).
func (s *Server) DeleteConfig(sdkAppID uint64, service string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.configs, key{sdkAppID, service})
}

// SetLatency changes Options.Latency for requests that arrive from now on.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetReadLag changes Options.ReadLag; it applies to pending lag windows too.
func (s *Server) SetReadLag(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.readLag = d
}

// Token returns the live_config webhook signing token of an app and
// whether it is enabled, ignoring ReadLag; ok is false when the app has none.
func (s *Server) Token(sdkAppID uint64) (value string, enabled, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tokens[key{sdkAppID, ServiceLive}].current()
	if t == nil {
		return "", false, false
	}
	return t.Token, t.IsTokenEnable, true
}

// SetToken changes the live_config webhook signing token out of band, as
// someone using the console would (no lag window, as for SetConfig).
func (s *Server) SetToken(sdkAppID uint64, value string, enabled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[key{sdkAppID, ServiceLive}] = lagged[token]{cur: &token{Token: value, IsTokenEnable: enabled}}
}
