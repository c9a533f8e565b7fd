package provider

import (
	"testing"
	"time"
)

// Two provider processes' pacers for one app and command space their calls
// an interval apart; other commands and other apps do not wait.
func TestFilePacer(t *testing.T) {
	t.Parallel()
	const interval = 300 * time.Millisecond
	dir := t.TempDir()
	l := &ledger{dir: dir}
	first, second := l.giftPacer("https://a.example.com", 1), l.giftPacer("https://a.example.com", 1)
	ctx := t.Context()
	took := func(f func() error) time.Duration {
		t.Helper()
		start := time.Now()
		if err := f(); err != nil {
			t.Fatal(err)
		}
		return time.Since(start)
	}
	if d := took(func() error { return first.Pace(ctx, "add_gift", interval) }); d > interval/2 {
		t.Errorf("the first call waited %v", d)
	}
	if d := took(func() error { return second.Pace(ctx, "add_gift", interval) }); d < interval-20*time.Millisecond {
		t.Errorf("the second process's call waited %v, want about %v", d, interval)
	}
	if d := took(func() error { return second.Pace(ctx, "edit_gift", interval) }); d > interval/2 {
		t.Errorf("another command waited %v", d)
	}
	if d := took(func() error { return l.giftPacer("https://a.example.com", 2).Pace(ctx, "add_gift", interval) }); d > interval/2 {
		t.Errorf("another app waited %v", d)
	}
	if (&ledger{}).giftPacer("https://a.example.com", 1) != nil {
		t.Error("a ledger kept in memory has a pacer")
	}
}
