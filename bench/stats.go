package main

import (
	"slices"
	"time"
)

// floor is the least time n reads can take: Terraform runs at most
// parallelism of them at once, and each waits latency at the mock.
func floor(n, parallelism int, latency time.Duration) time.Duration {
	if n <= 0 || parallelism <= 0 {
		return 0
	}
	waves := (n + parallelism - 1) / parallelism
	return time.Duration(waves) * latency
}

// share is part / whole, e.g. (T_N - T0) over the floor. It is 0 when
// whole is not positive, where the quotient means nothing.
func share(part, whole time.Duration) float64 {
	if whole <= 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// median of ds; the mean of the middle two for an even count.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}
