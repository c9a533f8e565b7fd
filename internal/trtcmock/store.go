package trtcmock

import "time"

// key identifies one singleton configuration.
type key struct {
	app     uint64
	service string
}

// slot holds a configuration plus what a lagging reader still sees.
type slot struct {
	cur     *Config   // nil: no configuration
	prev    *Config   // state before the last write, for ReadLag
	wroteAt time.Time // zero: no write whose lag is pending
}

// token is the live_config webhook signing token state.
type token struct {
	Token         string `json:"Token"`
	IsTokenEnable bool   `json:"IsTokenEnable"`
}

// write replaces the configuration of k (nil deletes it) as an API write,
// opening a ReadLag window in which readers see the old state. Callers hold s.mu.
func (s *Server) write(k key, c *Config) {
	sl := s.configs[k]
	sl.prev, sl.cur, sl.wroteAt = sl.cur, c, time.Now()
	s.configs[k] = sl
}

// read returns what get_callback answers now. Callers hold s.mu.
func (s *Server) read(k key) *Config {
	sl := s.configs[k]
	if !sl.wroteAt.IsZero() && time.Since(sl.wroteAt) < s.readLag {
		return sl.prev
	}
	return sl.cur
}

// Config returns the stored configuration, ignoring ReadLag.
func (s *Server) Config(sdkAppID uint64, service string) (Config, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.configs[key{sdkAppID, service}].cur
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
	s.configs[key{sdkAppID, service}] = slot{cur: &c}
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
// whether it is enabled; ok is false when the app has none.
func (s *Server) Token(sdkAppID uint64) (value string, enabled, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[key{sdkAppID, ServiceLive}]
	return t.Token, t.IsTokenEnable, ok
}

// SetToken changes the live_config webhook signing token out of band, as
// someone using the console would.
func (s *Server) SetToken(sdkAppID uint64, value string, enabled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[key{sdkAppID, ServiceLive}] = token{Token: value, IsTokenEnable: enabled}
}
