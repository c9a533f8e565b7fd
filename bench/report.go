package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// The wall-clock limits that a strict run (-strict, BENCH_STRICT=1) gates
// on; otherwise they are only printed, since one busy runner can miss them.
const (
	strictSpanRatio = 1.2  // API span / floor: the request path alone
	strictVsStub    = 1.25 // this provider's T_N − T0 over the stub's
	// strictPerRead bounds what this provider adds per read beside the
	// stub, (T_N − T0 − (stub T_N − T0)) / N: what a read costs besides its
	// one request (decoding, state, masks) is this little or less.
	strictPerRead = 300 * time.Microsecond
)

// A gate is one pass/fail check of the run.
type gate struct {
	name   string
	status gateStatus
	detail string
}

type gateStatus string

const (
	gatePass gateStatus = "PASS"
	gateFail gateStatus = "FAIL"
	gateInfo gateStatus = "info" // a wall-clock ratio, printed but not gated
)

// median is the median time of plan p.
func (r *result) median(p plan) time.Duration {
	ds := make([]time.Duration, len(r.samples[p]))
	for i, s := range r.samples[p] {
		ds[i] = s.time
	}
	return median(ds)
}

// reads is what n data sources add to a plan: T_N − T0, or T_N − T0'.
func (r *result) reads(stub bool, n int, noBlock bool) time.Duration {
	return r.median(plan{stub: stub, n: n}) - r.median(plan{stub: stub, noBlock: noBlock})
}

// apiSpan is the median API span of this provider's T_n plans.
func (r *result) apiSpan(n int) time.Duration {
	var ds []time.Duration
	for _, s := range r.samples[plan{n: n}] {
		ds = append(ds, s.apiSpan)
	}
	return median(ds)
}

func (r *result) floor(n int) time.Duration { return floor(n, r.opts.parallelism, r.opts.latency) }

// gates checks the counts, which do not depend on the machine's load,
// and compares the wall-clock ratios with their limits.
func gates(r *result) []gate {
	o := r.opts
	requests := gate{"requests = N", gatePass, "one per read in every T_N plan; none in T0, T0' or the stub's plans"}
	userSigs := gate{"one UserSig per process", gatePass, "every T_N plan signed with 1 UserSig"}
	inFlight := gate{"reads in parallel", gatePass, fmt.Sprintf("most in flight = %d (or N, if fewer) in every T_N plan", o.parallelism)}
	conns := gate{"connections reused", gatePass, fmt.Sprintf("at most %d TCP connections in every T_N plan", o.parallelism)}
	fail := func(g *gate, format string, args ...any) {
		if g.status == gatePass {
			g.status, g.detail = gateFail, ""
		} else {
			g.detail += "; "
		}
		g.detail += fmt.Sprintf(format, args...)
	}
	for _, p := range plans(o.ns) {
		want := p.wantRequests()
		for i, s := range r.samples[p] {
			st := s.stats
			if st.Requests != want {
				fail(&requests, "run %d, %s: %d requests, want %d", i+1, p, st.Requests, want)
			}
			if want == 0 {
				continue
			}
			if st.DistinctUserSigs != 1 {
				fail(&userSigs, "run %d, %s: %d UserSigs", i+1, p, st.DistinctUserSigs)
			}
			if st.MaxInFlight != min(p.n, o.parallelism) {
				fail(&inFlight, "run %d, %s: %d in flight, want %d", i+1, p, st.MaxInFlight, min(p.n, o.parallelism))
			}
			if st.Connections > o.parallelism {
				fail(&conns, "run %d, %s: %d connections", i+1, p, st.Connections)
			}
		}
	}
	gs := []gate{requests, userSigs, inFlight, conns}
	for _, n := range o.ns {
		gs = append(gs,
			limitGate(fmt.Sprintf("API span / floor, T%d", n), share(r.apiSpan(n), r.floor(n)), strictSpanRatio, o.strict),
			limitGate(fmt.Sprintf("this provider vs stub, T%d", n),
				share(r.reads(false, n, false), r.reads(true, n, false)), strictVsStub, o.strict),
			perReadGate(fmt.Sprintf("per read beside the stub, T%d", n),
				(r.reads(false, n, false)-r.reads(true, n, false))/time.Duration(n), o.strict))
	}
	return gs
}

// limitGate compares a median ratio with its limit; it only fails when
// strict.
func limitGate(name string, value, limit float64, strict bool) gate {
	switch {
	case !strict:
		return gate{name, gateInfo, fmt.Sprintf("%.2f (limit %.2f, gated with BENCH_STRICT=1)", value, limit)}
	case value <= limit:
		return gate{name, gatePass, fmt.Sprintf("%.2f <= %.2f", value, limit)}
	}
	return gate{name, gateFail, fmt.Sprintf("%.2f > %.2f", value, limit)}
}

// perReadGate compares what this provider adds per read beside the stub
// with strictPerRead; it only fails when strict.
func perReadGate(name string, extra time.Duration, strict bool) gate {
	shown := fmt.Sprintf("%+.2f ms", float64(extra)/float64(time.Millisecond))
	limit := fmt.Sprintf("%.1f ms", float64(strictPerRead)/float64(time.Millisecond))
	switch {
	case !strict:
		return gate{name, gateInfo, shown + " (limit " + limit + ", gated with BENCH_STRICT=1)"}
	case extra <= strictPerRead:
		return gate{name, gatePass, shown + " <= " + limit}
	}
	return gate{name, gateFail, shown + " > " + limit}
}

// verdict is the last line of the report, and whether the run passed.
func verdict(gs []gate) (string, bool) {
	var passed, failed []string
	for _, g := range gs {
		switch g.status {
		case gatePass:
			passed = append(passed, g.name)
		case gateFail:
			failed = append(failed, g.name)
		}
	}
	if len(failed) > 0 {
		return "FAIL: " + strings.Join(failed, ", "), false
	}
	return "PASS: " + strings.Join(passed, ", "), true
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%d ms", d.Round(time.Millisecond).Milliseconds())
}

// spread prints one value when all agree, else "min–max".
func spread(vals []int) string {
	if len(vals) == 0 {
		return "-"
	}
	lo, hi := slices.Min(vals), slices.Max(vals)
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}

// counts is requests / UserSigs / most in flight / TCP connections over
// this provider's T_n plans.
func (r *result) counts(n int) string {
	var req, sigs, inFlight, conns []int
	for _, s := range r.samples[plan{n: n}] {
		req, sigs = append(req, s.stats.Requests), append(sigs, s.stats.DistinctUserSigs)
		inFlight, conns = append(inFlight, s.stats.MaxInFlight), append(conns, s.stats.Connections)
	}
	return strings.Join([]string{spread(req), spread(sigs), spread(inFlight), spread(conns)}, " / ")
}

func printReport(w io.Writer, r *result, gs []gate) {
	o := r.opts
	ps := plans(o.ns)
	fmt.Fprintf(w, "planbench: terraform plan over %s data sources, -parallelism=%d, mock latency %s, %d timed runs, with a stub provider as the baseline\n",
		joinInts(o.ns, " and "), o.parallelism, o.latency, o.runs)
	fmt.Fprintf(w, "machine:   %s\n", r.machine)
	if r.load != "" {
		fmt.Fprintf(w, "load:      %s (1, 5, 15 min, after the runs; on a busy machine the times spread, the counts do not)\n", r.load)
	}
	fmt.Fprintf(w, "terraform: %s (%s) at %s\n\n", r.terraform.Version, r.terraform.Platform, o.terraform)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "run\t")
	for _, p := range ps {
		fmt.Fprintf(tw, "%s\t", p)
	}
	fmt.Fprintln(tw)
	for i := range o.runs {
		fmt.Fprintf(tw, "%d\t", i+1)
		for _, p := range ps {
			fmt.Fprintf(tw, "%s\t", ms(r.samples[p][i].time))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()

	fmt.Fprintf(w, "\n%s\ngates:\n", markdown(r))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, g := range gs {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", g.status, g.name, g.detail)
	}
	tw.Flush()
}

// markdown is the summary, as the README's table: medians for this
// provider beside the stub, both definitions of T0, and the counts.
func markdown(r *result) string {
	o := r.opts
	var b strings.Builder
	row := func(label string, f func(stub bool) string) {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", label, f(false), f(true))
	}
	fmt.Fprintf(&b, "| `terraform plan`, median of %d | this provider | stub |\n|---|---:|---:|\n", o.runs)
	row("T0': the provider block, no data-source block", func(stub bool) string {
		return ms(r.median(plan{stub: stub, noBlock: true}))
	})
	row("T0: the data-source block with `count = 0`", func(stub bool) string { return ms(r.median(plan{stub: stub})) })
	for _, n := range o.ns {
		row(fmt.Sprintf("T%d", n), func(stub bool) string { return ms(r.median(plan{stub: stub, n: n})) })
		row(fmt.Sprintf("(T%d − T0) / floor, floor ⌈%d/%d⌉ × %s = %s", n, n, o.parallelism, o.latency, ms(r.floor(n))),
			func(stub bool) string { return fmt.Sprintf("%.2f", share(r.reads(stub, n, false), r.floor(n))) })
		row(fmt.Sprintf("(T%d − T0') / floor", n), func(stub bool) string {
			return fmt.Sprintf("%.2f", share(r.reads(stub, n, true), r.floor(n)))
		})
		row(fmt.Sprintf("per read, (T%d − T0) / %d", n, n), func(stub bool) string {
			return fmt.Sprintf("%.1f ms", float64(r.reads(stub, n, false).Microseconds())/1000/float64(n))
		})
	}
	if len(o.ns) > 1 {
		lo, hi := o.ns[0], o.ns[len(o.ns)-1]
		row(fmt.Sprintf("per extra read, (T%d − T%d) / %d", hi, lo, hi-lo), func(stub bool) string {
			d := r.median(plan{stub: stub, n: hi}) - r.median(plan{stub: stub, n: lo})
			return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000/float64(hi-lo))
		})
	}
	var spans, counts []string
	for _, n := range o.ns {
		spans = append(spans, fmt.Sprintf("%.2f", share(r.apiSpan(n), r.floor(n))))
		counts = append(counts, r.counts(n))
	}
	var stubRequests []int
	for _, p := range plans(o.ns)[len(plans(o.ns))/2:] { // the stub's
		for _, s := range r.samples[p] {
			stubRequests = append(stubRequests, s.stats.Requests)
		}
	}
	ns := joinInts(o.ns, " · ")
	fmt.Fprintf(&b, "| API span / floor (first request to last answer), T%s | %s | – |\n",
		strings.ReplaceAll(ns, " · ", " · T"), strings.Join(spans, " · "))
	fmt.Fprintf(&b, "| requests / UserSigs / most in flight / TCP connections per plan, %s reads | %s | %s requests |\n",
		ns, strings.Join(counts, " · "), spread(stubRequests))
	fmt.Fprintf(&b, "\nTerraform %s, `-parallelism=%d`, mock latency %s, median of %d runs; %s.\n",
		r.terraform.Version, o.parallelism, o.latency, o.runs, r.machine)
	return b.String()
}

func joinInts(ns []int, sep string) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, sep)
}
