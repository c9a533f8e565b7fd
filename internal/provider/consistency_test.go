package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// fakePrivate is private state for tests that call the engine's helpers.
type fakePrivate map[string][]byte

func (p fakePrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}
func (p fakePrivate) SetKey(_ context.Context, key string, v []byte) diag.Diagnostics {
	if len(v) == 0 {
		delete(p, key)
	} else {
		p[key] = v
	}
	return nil
}

// The one consistency policy: a certain write that no read has shown
// leaves a note, within whose lagWindow the answers TRTC held before it
// (here: none, and "old") are lag; a write a read has shown, and an
// uncertain one, leave none, so a stale answer after them is the truth.
func TestWriteNote(t *testing.T) {
	ctx := t.Context()
	var diags diag.Diagnostics
	private := fakePrivate{}
	noteWrite(ctx, private, written{wrote: true, stale: [][]byte{nil, []byte("old")}}, &diags)
	note, ok := readWriteNote(ctx, private)
	if !ok || diags.HasError() {
		t.Fatalf("no note: %v", diags)
	}
	now := time.Now()
	for answer, want := range map[string]bool{"": true, "old": true, "other": false} {
		var fp []byte
		if answer != "" {
			fp = []byte(answer)
		}
		if got := note.lagging(fp, now); got != want {
			t.Errorf("lagging(%q) = %v, want %v", answer, got, want)
		}
		if note.lagging(fp, now.Add(lagWindow)) {
			t.Errorf("lagging(%q) after the window", answer)
		}
	}
	if raw := string(private[privateKeyWriteNote]); strings.Contains(raw, "old") {
		t.Errorf("the note holds a stale value, not its digest: %s", raw)
	}

	noteWrite(ctx, private, written{wrote: true, seen: true, stale: [][]byte{nil}}, &diags)
	if _, ok := readWriteNote(ctx, private); ok {
		t.Error("a write a read has shown keeps the note of the write before")
	}
	noteWrite(ctx, private, written{wrote: true, uncertain: context.DeadlineExceeded}, &diags)
	if _, ok := readWriteNote(ctx, private); ok {
		t.Error("an uncertain write leaves a note")
	}
}

// The quiet period before a confirmed write's last read follows the round
// trip, within bounds.
func TestQuietPeriod(t *testing.T) {
	for rtt, want := range map[time.Duration]time.Duration{
		time.Millisecond: 250 * time.Millisecond, 400 * time.Millisecond: 800 * time.Millisecond, time.Minute: 5 * time.Second,
	} {
		if got := quietPeriod(rtt); got != want {
			t.Errorf("quietPeriod(%v) = %v, want %v", rtt, got, want)
		}
	}
}
