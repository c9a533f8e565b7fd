package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// The goals of -apps: through one block, N apps cost at most appsVsOneApp
// × what N reads of one app cost, and the provider processes stay under
// appsMemoryMB together. Printed, and gated only with -strict: like the
// wall clock, memory depends on the machine and the CLI.
const (
	appsVsOneApp = 1.2
	appsMemoryMB = 64
)

func (r *appsResult) median(p appsPlan) time.Duration {
	ds := make([]time.Duration, len(r.samples[p]))
	for i, s := range r.samples[p] {
		ds[i] = s.time
	}
	return median(ds)
}

// peak is the most memory the providers of p held together, in any run,
// and the most provider processes alive at once.
func (r *appsResult) peak(p appsPlan) (mb float64, processes int) {
	for _, s := range r.samples[p] {
		mb = max(mb, float64(s.memory.rssKB)/1024)
		processes = max(processes, s.memory.processes)
	}
	return mb, processes
}

// appsGates checks the counts, which do not depend on the machine: every
// plan sends one request per read, and signs one UserSig per app (one in
// all for the reads of one app). The goals follow, gated only when strict.
func appsGates(r *appsResult) []gate {
	requests := gate{"requests = N", gatePass, "one request per read in every plan"}
	userSigs := gate{"one UserSig per app", gatePass, "N distinct UserSigs for N apps (one block and aliases), 1 for one app"}
	fail := func(g *gate, format string, args ...any) {
		if g.status == gatePass {
			g.status, g.detail = gateFail, ""
		} else {
			g.detail += "; "
		}
		g.detail += fmt.Sprintf(format, args...)
	}
	for _, p := range appsPlans(r.opts.apps) {
		for i, s := range r.samples[p] {
			if s.stats.Requests != p.n {
				fail(&requests, "run %d, %s: %d requests, want %d", i+1, p, s.stats.Requests, p.n)
			}
			if s.stats.DistinctUserSigs != p.wantUserSigs() {
				fail(&userSigs, "run %d, %s: %d UserSigs, want %d", i+1, p, s.stats.DistinctUserSigs, p.wantUserSigs())
			}
		}
	}
	gs := []gate{requests, userSigs}
	for _, n := range r.opts.apps {
		gs = append(gs, limitGate(fmt.Sprintf("one block, %d apps vs one app, %d reads", n, n),
			share(r.median(appsPlan{oneBlock, n}), r.median(appsPlan{oneApp, n})), appsVsOneApp, r.opts.strict))
	}
	for _, n := range r.opts.apps {
		name := fmt.Sprintf("one block, %d apps: peak memory of the providers", n)
		if !r.memory {
			gs = append(gs, gate{name, gateInfo, "not measured: needs Linux's /proc"})
			continue
		}
		mb, _ := r.peak(appsPlan{oneBlock, n})
		gs = append(gs, memoryGate(name, mb, r.opts.strict))
	}
	return gs
}

// memoryGate compares a peak with appsMemoryMB; it only fails when strict.
func memoryGate(name string, mb float64, strict bool) gate {
	switch {
	case !strict:
		return gate{name, gateInfo, fmt.Sprintf("%.0f MB (goal < %d MB, gated with BENCH_STRICT=1)", mb, appsMemoryMB)}
	case mb < appsMemoryMB:
		return gate{name, gatePass, fmt.Sprintf("%.0f MB < %d MB", mb, appsMemoryMB)}
	}
	return gate{name, gateFail, fmt.Sprintf("%.0f MB >= %d MB", mb, appsMemoryMB)}
}

func printAppsReport(w io.Writer, r *appsResult, gs []gate) {
	o := r.opts
	ps := appsPlans(o.apps)
	fmt.Fprintf(w, "planbench -apps: terraform plan of %s apps × 1 read through one provider block (apps), through an "+
		"aliased provider block per app, and of as many reads of one app; -parallelism=%d, mock latency %s, %d timed runs\n",
		joinInts(o.apps, " and "), o.parallelism, o.latency, o.runs)
	fmt.Fprintf(w, "machine:   %s\n", r.machine)
	if r.load != "" {
		fmt.Fprintf(w, "load:      %s (1, 5, 15 min, after the runs; on a busy machine the times spread, the counts do not)\n", r.load)
	}
	fmt.Fprintf(w, "terraform: %s (%s) at %s\n", r.terraform.Version, r.terraform.Platform, o.terraform)
	if r.memory {
		fmt.Fprintf(w, "memory:    the most VmRSS of all %s processes of a plan together, sampled every %s (Linux /proc)\n\n",
			providerBinary, sampleEvery)
	} else {
		fmt.Fprintf(w, "memory:    not measured: it is read from /proc, which only Linux has\n\n")
	}

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

	fmt.Fprintf(w, "\n%s\ngates:\n", appsMarkdown(r))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, g := range gs {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", g.status, g.name, g.detail)
	}
	tw.Flush()
}

// appsMarkdown is the summary, as bench/README.md's table.
func appsMarkdown(r *appsResult) string {
	o := r.opts
	var b strings.Builder
	row := func(label string, f func(s setup) string) {
		cells := make([]string, len(setups))
		for i, s := range setups {
			cells[i] = f(s)
		}
		fmt.Fprintf(&b, "| %s | %s |\n", label, strings.Join(cells, " | "))
	}
	fmt.Fprintf(&b, "| `terraform plan`, median of %d | one block, `apps`: N apps × 1 read | N aliased blocks: N apps × 1 read | one app: N reads |\n|---|---:|---:|---:|\n", o.runs)
	for _, n := range o.apps {
		row(fmt.Sprintf("wall time, N = %d", n), func(s setup) string { return ms(r.median(appsPlan{s, n})) })
		row(fmt.Sprintf("wall time / one app's, N = %d", n), func(s setup) string {
			return fmt.Sprintf("%.2f", share(r.median(appsPlan{s, n}), r.median(appsPlan{oneApp, n})))
		})
		row(fmt.Sprintf("peak memory of the provider processes, N = %d", n), func(s setup) string {
			if !r.memory {
				return "n/a"
			}
			mb, _ := r.peak(appsPlan{s, n})
			return fmt.Sprintf("%.0f MB", mb)
		})
		row(fmt.Sprintf("provider processes at once, N = %d", n), func(s setup) string {
			if !r.memory {
				return "n/a"
			}
			_, procs := r.peak(appsPlan{s, n})
			return fmt.Sprint(procs)
		})
		row(fmt.Sprintf("requests / distinct UserSigs / TCP connections per plan, N = %d", n), func(s setup) string {
			var req, sigs, conns []int
			for _, x := range r.samples[appsPlan{s, n}] {
				req, sigs = append(req, x.stats.Requests), append(sigs, x.stats.DistinctUserSigs)
				conns = append(conns, x.stats.Connections)
			}
			return spread(req) + " / " + spread(sigs) + " / " + spread(conns)
		})
	}
	fmt.Fprintf(&b, "\nTerraform %s, `-parallelism=%d`, mock latency %s, median of %d runs (memory and processes: the most "+
		"in any run); %s.\n", r.terraform.Version, o.parallelism, o.latency, o.runs, r.machine)
	return b.String()
}
