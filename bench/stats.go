package main

import (
	"slices"
	"time"
)

// floor is the least time N reads can take: Terraform runs at most
// parallelism of them at once, and each waits latency at the mock.
func floor(n, parallelism int, latency time.Duration) time.Duration {
	if n <= 0 || parallelism <= 0 {
		return 0
	}
	waves := (n + parallelism - 1) / parallelism
	return time.Duration(waves) * latency
}

// ratio is how far the reads' share of the plan is from the floor: 1.0
// means the provider adds nothing beyond the mock's latency. It is 0 when
// the floor is 0 (no latency), where a ratio means nothing.
func ratio(tReads, tEmpty, fl time.Duration) float64 {
	return share(tReads-tEmpty, fl)
}

// share is part / whole: API span over the floor, or this provider's
// T_N - T0 over the stub's. It is 0 when whole is not positive, where the
// quotient means nothing.
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

func minimum(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return slices.Min(ds)
}
