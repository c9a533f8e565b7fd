package main

import (
	"fmt"
	"time"
)

// latencyVariable holds how long every read waits, as a Go duration.
const (
	latencyVariable = "PLANBENCH_STUB_LATENCY"
	defaultLatency  = 50 * time.Millisecond
)

// latencyFromEnv is the read latency: latencyVariable when set, else
// defaultLatency.
func latencyFromEnv(lookup func(string) (string, bool)) (time.Duration, error) {
	v, ok := lookup(latencyVariable)
	if !ok || v == "" {
		return defaultLatency, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", latencyVariable, err)
	}
	if d < 0 {
		return 0, fmt.Errorf("%s must not be negative, got %s", latencyVariable, v)
	}
	return d, nil
}
