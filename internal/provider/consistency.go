package provider

import (
	"context"
	"encoding/json"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// The consistency policy (DESIGN.md), one for every object kind. TRTC
// promises no read-after-write consistency: for a while after a write or a
// delete, a read may still answer what the object held before. Two windows
// bound every rule that has to tell that lag from drift:
const (
	// lagWindow is how long a read may lag. Within it of this resource's
	// own write that no read has shown yet (the write outlasted
	// settleWindow), a read that gives one of the answers TRTC held before
	// it is lag: the state keeps what was written (a changed URL takes
	// about two minutes to reach deliveries, so reads may well take as
	// long). Once a read has shown the write, a stale answer is drift. A
	// create that reads what a recent delete removed waits within it.
	lagWindow = 2 * time.Minute
	// settleWindow is how long a write reads back to see itself before it
	// trusts the API's answer, and how long an uncertain write is settled.
	settleWindow = 10 * time.Second
)

// quietPeriod is how long a confirmed write waits before its last read, so
// that a writer who read "none" just before this write landed has had the
// time to land its own (about one round trip; twice, to be safe).
func quietPeriod(roundTrip time.Duration) time.Duration {
	return min(max(2*roundTrip, 250*time.Millisecond), 5*time.Second)
}

// newBackoff paces the reads that wait for lag to end.
func newBackoff() *backoff.ExponentialBackOff {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval, b.MaxInterval, b.Multiplier, b.RandomizationFactor = 200*time.Millisecond, 2*time.Second, 2, 0.5
	b.Reset()
	return b
}

// sleepCtx waits d, or until ctx ends (then it returns ctx's error).
func sleepCtx(ctx context.Context, d time.Duration) error {
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

// privateKeyWriteNote holds a writeNote in private state.
const privateKeyWriteNote = "write_note"

// writeNote is left in private state by a write no read has shown: when it
// happened, and digests of the answers a lagging read may still give (nil
// for "none").
// Digests, not values: a token must never reach the state.
type writeNote struct {
	UnixMilli int64     `json:"unix_ms"`
	Stale     []*digest `json:"stale"`
}

// lagging reports whether a read's answer (nil: none) is one of the stale
// answers, within lagWindow of the write.
func (n writeNote) lagging(answer []byte, now time.Time) bool {
	if now.Sub(time.UnixMilli(n.UnixMilli)) >= lagWindow {
		return false
	}
	for _, s := range n.Stale {
		if (s == nil && answer == nil) || (s != nil && answer != nil && s.matches(answer)) {
			return true
		}
	}
	return false
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// noteWrite leaves a note for a write that no read has shown yet: its
// lagging reads may still answer stale (each a fingerprint; nil for
// "none"). A write a read has shown needs none, and a note of an earlier
// write is dropped: once TRTC shows a write, a stale answer is drift.
func noteWrite(ctx context.Context, private privateSetter, w written, diags *diag.Diagnostics) {
	var raw []byte
	if !w.seen && len(w.stale) > 0 {
		raw = newWriteNote(w.stale)
	}
	// Failing to record only costs the lag tolerance: warn, never fail an
	// apply whose write succeeded.
	for _, d := range private.SetKey(ctx, privateKeyWriteNote, raw) {
		diags.AddWarning(d.Summary(), d.Detail())
	}
}

func newWriteNote(stale [][]byte) []byte {
	note := writeNote{UnixMilli: time.Now().UnixMilli()}
	for _, s := range stale {
		if s == nil {
			note.Stale = append(note.Stale, nil)
			continue
		}
		d := newDigest(s)
		note.Stale = append(note.Stale, &d)
	}
	raw, _ := json.Marshal(note)
	return raw
}

func readWriteNote(ctx context.Context, private privateGetter) (writeNote, bool) {
	raw, _ := private.GetKey(ctx, privateKeyWriteNote)
	var n writeNote
	if len(raw) == 0 || json.Unmarshal(raw, &n) != nil {
		return n, false
	}
	return n, true
}
