package trtcapi

import (
	"time"
)

// RetryPolicy bounds retries. Every wait is exponential with jitter
// (cenkalti/backoff), and a call never waits past its context's deadline.
type RetryPolicy struct {
	// MaxRetries is the number of retries after the first attempt for
	// transient faults and rate limiting (0: none). Re-signing after 70001
	// is not counted. Zero delays take the defaults.
	MaxRetries int
	// BaseDelay and MaxDelay shape waits after transient faults.
	BaseDelay time.Duration
	MaxDelay  time.Duration
	// RateLimitBaseDelay and RateLimitMaxDelay shape the longer waits
	// after a rate-limit answer.
	RateLimitBaseDelay time.Duration
	RateLimitMaxDelay  time.Duration
}

// Defaults for RetryPolicy.
const (
	DefaultMaxRetries         = 5
	defaultBaseDelay          = 250 * time.Millisecond
	defaultMaxDelay           = 8 * time.Second
	defaultRateLimitBaseDelay = 2 * time.Second
	defaultRateLimitMaxDelay  = 60 * time.Second
)

// DefaultRetryPolicy is the policy callers start from.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: DefaultMaxRetries}.withDefaults()
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	p.MaxRetries = max(p.MaxRetries, 0)
	if p.BaseDelay <= 0 {
		p.BaseDelay = defaultBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = defaultMaxDelay
	}
	if p.RateLimitBaseDelay <= 0 {
		p.RateLimitBaseDelay = defaultRateLimitBaseDelay
	}
	if p.RateLimitMaxDelay <= 0 {
		p.RateLimitMaxDelay = defaultRateLimitMaxDelay
	}
	return p
}
