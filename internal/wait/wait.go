// Package wait is how the client and the provider wait: a sleep that an
// operation's context ends, and the one jittered backoff schedule both use
// (cenkalti/backoff). It knows nothing of TRTC or Terraform.
package wait

import (
	"context"
	"time"

	"github.com/cenkalti/backoff/v5"
)

// Sleep waits d, or until ctx ends, and then returns ctx's error. A d of
// zero or less returns at once.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Backoff is an exponential schedule from initial, doubling up to most,
// each wait jittered by ±50%, so that many callers do not retry in step.
func Backoff(initial, most time.Duration) *backoff.ExponentialBackOff {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval, b.MaxInterval, b.Multiplier, b.RandomizationFactor = initial, most, 2, 0.5
	b.Reset()
	return b
}
