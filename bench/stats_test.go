package main

import (
	"math"
	"testing"
	"time"
)

func TestFloor(t *testing.T) {
	ms := time.Millisecond
	for _, c := range []struct {
		n, p int
		lat  time.Duration
		want time.Duration
	}{
		{100, 10, 50 * ms, 500 * ms},
		{101, 10, 50 * ms, 550 * ms}, // a partial wave still costs a round trip
		{99, 10, 50 * ms, 500 * ms},
		{1, 10, 50 * ms, 50 * ms},
		{20, 1, 10 * ms, 200 * ms},
		{100, 10, 0, 0},
		{0, 10, 50 * ms, 0},
		{10, 0, 50 * ms, 0},
	} {
		if got := floor(c.n, c.p, c.lat); got != c.want {
			t.Errorf("floor(%d, %d, %s) = %s, want %s", c.n, c.p, c.lat, got, c.want)
		}
	}
}

func TestShare(t *testing.T) {
	ms := time.Millisecond
	if got := share(587*ms, 500*ms); math.Abs(got-1.174) > 1e-9 {
		t.Errorf("share = %g, want 1.174", got)
	}
	if got := share(500*ms, 400*ms); got != 1.25 {
		t.Errorf("share = %g, want 1.25", got)
	}
	for _, whole := range []time.Duration{0, -ms} {
		if got := share(time.Second, whole); got != 0 {
			t.Errorf("share over %s = %g, want 0", whole, got)
		}
	}
}

func TestMedian(t *testing.T) {
	ms := time.Millisecond
	odd := []time.Duration{300 * ms, 100 * ms, 200 * ms}
	if got := median(odd); got != 200*ms {
		t.Errorf("median(odd) = %s", got)
	}
	if odd[0] != 300*ms {
		t.Error("median reordered its argument")
	}
	if got := median([]time.Duration{400 * ms, 100 * ms, 300 * ms, 200 * ms}); got != 250*ms {
		t.Errorf("median(even) = %s, want 250ms", got)
	}
	if got := median(nil); got != 0 {
		t.Errorf("median(nil) = %s", got)
	}
}
