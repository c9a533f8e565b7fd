package provider

import (
	"context"
	"encoding/json"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/trtc/terraform-provider-trtc/internal/wait"
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

// lagBackoff paces the reads that wait for lag to end.
func lagBackoff() *backoff.ExponentialBackOff {
	return wait.Backoff(200*time.Millisecond, 2*time.Second)
}

// privateKeyWriteNote holds a writeNote in private state.
const privateKeyWriteNote = "write_note"

// staleAnswers are the answers a lagging read may give after a write: what
// TRTC held before it (nil: none). Digests, not values: a note keeps them
// in private state, and a token must never reach it.
type staleAnswers []*digest

// staleOf are the answers given (fingerprints; nil for none).
func staleOf(answers ...[]byte) staleAnswers {
	out := make(staleAnswers, 0, len(answers))
	for _, a := range answers {
		if a == nil {
			out = append(out, nil)
			continue
		}
		d := newDigest(a)
		out = append(out, &d)
	}
	return out
}

// has reports whether a read's answer (nil: none) is one of them.
func (s staleAnswers) has(answer []byte) bool {
	for _, d := range s {
		if (d == nil && answer == nil) || (d != nil && answer != nil && d.matches(answer)) {
			return true
		}
	}
	return false
}

// writeNote is left in private state by a write no read has shown: when it
// happened, the answers a lagging read may still give, and what it wrote,
// all as digests: a token must never reach the state.
type writeNote struct {
	UnixMilli int64        `json:"unix_ms"`
	Stale     staleAnswers `json:"stale"`
	// Wrote is what the write wrote: an update that has to read what TRTC
	// holds (the state cannot say: a write-only value) and gets a lagging
	// answer knows TRTC holds this, and that its own reads may show it.
	Wrote *digest `json:"wrote,omitempty"`
}

// lagging reports whether a read's answer (nil: none) is one of the stale
// answers, within lagWindow of the write.
func (n writeNote) lagging(answer []byte, now time.Time) bool {
	return now.Sub(time.UnixMilli(n.UnixMilli)) < lagWindow && n.Stale.has(answer)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// noteWrite leaves a note for a write that no read has shown yet: its
// lagging reads may still give one of w's stale answers. A write a read
// has shown needs none, and a note of an earlier write is dropped: once
// TRTC shows a write, a stale answer is drift.
func noteWrite(ctx context.Context, private privateSetter, w written, diags *diag.Diagnostics) {
	var raw []byte
	if !w.seen && len(w.stale) > 0 {
		raw = newWriteNote(w.stale, w.value)
	}
	// Failing to record only costs the lag tolerance: warn, never fail an
	// apply whose write succeeded.
	for _, d := range private.SetKey(ctx, privateKeyWriteNote, raw) {
		diags.AddWarning(d.Summary(), d.Detail())
	}
}

// newWriteNote is a note, now, of a write of value (a fingerprint) whose
// lagging reads may give the stale answers.
func newWriteNote(stale staleAnswers, value []byte) []byte {
	note := writeNote{UnixMilli: time.Now().UnixMilli(), Stale: stale}
	if value != nil {
		d := newDigest(value)
		note.Wrote = &d
	}
	raw, _ := json.Marshal(note)
	return raw
}

// writeNoteOf is the note in private, or nil.
func writeNoteOf(ctx context.Context, private privateGetter) *writeNote {
	if n, ok := readWriteNote(ctx, private); ok {
		return &n
	}
	return nil
}

func readWriteNote(ctx context.Context, private privateGetter) (writeNote, bool) {
	raw, _ := private.GetKey(ctx, privateKeyWriteNote)
	var n writeNote
	if len(raw) == 0 || json.Unmarshal(raw, &n) != nil {
		return n, false
	}
	return n, true
}
