package wait

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSleep(t *testing.T) {
	if err := Sleep(t.Context(), time.Millisecond); err != nil {
		t.Errorf("Sleep = %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled Sleep = %v", err)
	}
	if err := Sleep(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep(0) of a cancelled context = %v", err)
	}
}

// The schedule doubles from initial up to most, each wait within ±50%.
func TestBackoff(t *testing.T) {
	b := Backoff(100*time.Millisecond, 400*time.Millisecond)
	for i, base := range []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 400 * time.Millisecond} {
		if d := b.NextBackOff(); d < base/2 || d > base*3/2 {
			t.Errorf("wait %d = %v, want %v ± 50%%", i+1, d, base)
		}
	}
}
