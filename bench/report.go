package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// figures are one provider's plan times and what follows from them.
type figures struct {
	// median and min per scenario; the stub has no scenarioNone.
	median, min [scenarioCount]time.Duration
	// reads is T_N - T0: what the N data sources add to a plan.
	readsMedian, readsBest time.Duration
	// ratio is reads / floor: (T_N - T0) / floor.
	ratioMedian, ratioBest float64
}

func figuresOf(times [scenarioCount][]time.Duration, fl time.Duration) figures {
	var f figures
	for sc := range scenarioCount {
		f.median[sc], f.min[sc] = median(times[sc]), minimum(times[sc])
	}
	f.readsMedian = f.median[scenarioReads] - f.median[scenarioEmpty]
	f.readsBest = f.min[scenarioReads] - f.min[scenarioEmpty]
	f.ratioMedian, f.ratioBest = share(f.readsMedian, fl), share(f.readsBest, fl)
	return f
}

// summary holds the figures derived from a result.
type summary struct {
	figures         // the provider under test
	stub    figures // the stub; zero with -stub=false
	floor   time.Duration
	// Provider start cost: T0 - T_none, for each provider (the stub's
	// against the same T_none, which starts no provider).
	startMedian, startMin         time.Duration
	stubStartMedian, stubStartMin time.Duration
	// vsStub is this provider's T_N - T0 over the stub's; 0 when the
	// stub did not run or its T_N - T0 is not positive.
	vsStubMedian, vsStubBest float64
	// The request path alone: API span, and API span / floor.
	apiSpanMedian, apiSpanMin      time.Duration
	spanRatioMedian, spanRatioBest float64
	gates                          []gate
	failures                       []string
	notes                          []string
}

// A gate is one pass/fail check of the run.
type gate struct {
	name   string
	status gateStatus
	detail string
}

type gateStatus string

const (
	gatePass    gateStatus = "PASS"
	gateFail    gateStatus = "FAIL"
	gateOff     gateStatus = "off"     // its limit is 0
	gateSkipped gateStatus = "skipped" // nothing to check it against
)

// Gate names, as printed.
const (
	gateRequests  = "requests = N"
	gateSpan      = "API span / floor"
	gateVsStub    = "this provider vs stub"
	gateRatioName = "(T_N − T0) / floor"
)

// limitGate checks a median figure against a -max-* flag; limit 0 is off.
func limitGate(name string, value float64, flag string, limit float64) gate {
	switch {
	case limit == 0:
		return gate{name, gateOff, fmt.Sprintf("%.2f (%s 0)", value, flag)}
	case value <= limit:
		return gate{name, gatePass, fmt.Sprintf("%.2f <= %s %.2f", value, flag, limit)}
	}
	return gate{name, gateFail, fmt.Sprintf("%.2f > %s %.2f", value, flag, limit)}
}

func summarize(r *result) summary {
	o := r.opts
	s := summary{floor: floor(o.n, o.parallelism, o.latency)}
	s.figures = figuresOf(r.times, s.floor)
	s.startMedian = s.median[scenarioEmpty] - s.median[scenarioNone]
	s.startMin = s.min[scenarioEmpty] - s.min[scenarioNone]
	s.apiSpanMedian, s.apiSpanMin = median(r.apiSpan), minimum(r.apiSpan)
	s.spanRatioMedian, s.spanRatioBest = share(s.apiSpanMedian, s.floor), share(s.apiSpanMin, s.floor)
	if o.stub {
		s.stub = figuresOf(r.stubTimes, s.floor)
		s.stubStartMedian = s.stub.median[scenarioEmpty] - s.median[scenarioNone]
		s.stubStartMin = s.stub.min[scenarioEmpty] - s.min[scenarioNone]
		s.vsStubMedian = share(s.readsMedian, s.stub.readsMedian)
		s.vsStubBest = share(s.readsBest, s.stub.readsBest)
	}

	// Gate 1: every N plan read each data source exactly once.
	requests := gate{gateRequests, gatePass, fmt.Sprintf("%s requests in each of %d T%d plans (want %d)",
		span(r, func(st trtcmock.Stats) int { return st.Requests }), len(r.mock), o.n, o.n)}
	for i, st := range r.mock {
		if st.Requests != o.n {
			requests.status = gateFail
			s.failures = append(s.failures, fmt.Sprintf("run %d: the mock saw %d requests for %d data sources; each must be exactly one read", i+1, st.Requests, o.n))
		}
		if st.DistinctUserSigs != 1 {
			s.notes = append(s.notes, fmt.Sprintf("run %d: %d distinct UserSigs (expected 1: one signature per provider process)", i+1, st.DistinctUserSigs))
		}
	}
	s.gates = append(s.gates, requests)

	// Gate 2: the request path alone stays near the floor.
	spanGate := limitGate(gateSpan, s.spanRatioMedian, "-max-span-ratio", o.maxSpanRatio)
	if s.floor == 0 && spanGate.status != gateOff {
		spanGate = gate{gateSpan, gateSkipped, "the floor is 0 (-latency 0)"}
	}
	s.gates = append(s.gates, spanGate)

	// Gate 3: this provider's reads cost little more than the stub's.
	var vs gate
	switch {
	case !o.stub:
		vs = gate{gateVsStub, gateSkipped, "no stub (-stub=false)"}
	case s.stub.readsMedian <= 0 && o.maxVsStub > 0:
		vs = gate{gateVsStub, gateFail, fmt.Sprintf("the stub's T%d − T0 is %s: nothing to compare with", o.n, ms(s.stub.readsMedian))}
	default:
		vs = limitGate(gateVsStub, s.vsStubMedian, "-max-vs-stub", o.maxVsStub)
	}
	s.gates = append(s.gates, vs)

	// Gate 4: the plain ratio, off unless -max-ratio is set.
	ratioGate := limitGate(strings.Replace(gateRatioName, "T_N", fmt.Sprintf("T%d", o.n), 1), s.ratioMedian, "-max-ratio", o.maxRatio)
	if s.floor == 0 && ratioGate.status != gateOff {
		ratioGate = gate{ratioGate.name, gateSkipped, "the floor is 0 (-latency 0)"}
	}
	s.gates = append(s.gates, ratioGate)

	for _, g := range s.gates[1:] {
		if g.status == gateFail {
			s.failures = append(s.failures, fmt.Sprintf("%s: %s", g.name, g.detail))
		}
	}
	if r.emptyRequests != 0 {
		s.notes = append(s.notes, fmt.Sprintf("the N=0 plans sent %d API requests (expected none)", r.emptyRequests))
	}
	if r.stubRequests != 0 {
		s.notes = append(s.notes, fmt.Sprintf("the stub's plans reached the mock %d times (expected never)", r.stubRequests))
	}
	return s
}

// verdict is the last line of the report.
func verdict(s summary) string {
	var passed, failed []string
	for _, g := range s.gates {
		switch g.status {
		case gatePass:
			passed = append(passed, g.name)
		case gateFail:
			failed = append(failed, g.name)
		}
	}
	if len(failed) > 0 {
		return fmt.Sprintf("FAIL: %s (passed: %s)", strings.Join(failed, ", "), listOrNone(passed))
	}
	return fmt.Sprintf("PASS: %s", listOrNone(passed))
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%d ms", d.Round(time.Millisecond).Milliseconds())
}

// span prints one value when all runs agree, else "min–max".
func span(r *result, field func(trtcmock.Stats) int) string {
	vals := make([]int, len(r.mock))
	for i, st := range r.mock {
		vals[i] = field(st)
	}
	if len(vals) == 0 {
		return "-"
	}
	lo, hi := slices.Min(vals), slices.Max(vals)
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}

func printReport(w io.Writer, r *result, s summary) {
	o := r.opts
	nName := fmt.Sprintf("T%d", o.n)
	baseline := "a stub provider as the baseline"
	if !o.stub {
		baseline = "no stub baseline (-stub=false)"
	}
	fmt.Fprintf(w, "planbench: terraform plan with %d data sources, -parallelism=%d, mock latency %s, %d runs, %s\n",
		o.n, o.parallelism, o.latency, o.runs, baseline)
	fmt.Fprintf(w, "machine:   %s\n", r.machine)
	fmt.Fprintf(w, "terraform: %s (%s) at %s\n\n", r.terraform.Version, r.terraform.Platform, o.terraform)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "run\tT_none\tT0\t%s\tAPI span\trequests\tUserSigs\tin flight\tconnections\t", nName)
	if o.stub {
		fmt.Fprintf(tw, "stub T0\tstub %s\t", nName)
	}
	fmt.Fprintln(tw)
	for i := range o.runs {
		st := r.mock[i]
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t", i+1, ms(r.times[scenarioNone][i]),
			ms(r.times[scenarioEmpty][i]), ms(r.times[scenarioReads][i]), ms(r.apiSpan[i]),
			st.Requests, st.DistinctUserSigs, st.MaxInFlight, st.Connections)
		if o.stub {
			fmt.Fprintf(tw, "%s\t%s\t", ms(r.stubTimes[scenarioEmpty][i]), ms(r.stubTimes[scenarioReads][i]))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()

	// Per provider: times, then what follows from them.
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(label string, this, stub [2]string) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t", label, this[0], this[1])
		if o.stub {
			fmt.Fprintf(tw, "%s\t%s\t", stub[0], stub[1])
		}
		fmt.Fprintln(tw)
	}
	durs := func(a, b time.Duration) [2]string { return [2]string{ms(a), ms(b)} }
	ratios := func(a, b float64) [2]string { return [2]string{fmt.Sprintf("%.2f", a), fmt.Sprintf("%.2f", b)} }
	blank := [2]string{}
	if o.stub {
		fmt.Fprintf(tw, "\tthis provider\t\tstub\t\t\n")
	}
	row("", [2]string{"median", "min"}, [2]string{"median", "min"})
	row("T_none (no provider)", durs(s.median[scenarioNone], s.min[scenarioNone]), blank)
	row("T0 (provider, no reads)", durs(s.median[scenarioEmpty], s.min[scenarioEmpty]),
		durs(s.stub.median[scenarioEmpty], s.stub.min[scenarioEmpty]))
	row(fmt.Sprintf("%s (%d reads)", nName, o.n), durs(s.median[scenarioReads], s.min[scenarioReads]),
		durs(s.stub.median[scenarioReads], s.stub.min[scenarioReads]))
	row("provider start (T0 - T_none)", durs(s.startMedian, s.startMin), durs(s.stubStartMedian, s.stubStartMin))
	row(fmt.Sprintf("reads (%s - T0)", nName), durs(s.readsMedian, s.readsBest), durs(s.stub.readsMedian, s.stub.readsBest))
	row(fmt.Sprintf("ratio = (%s - T0) / floor", nName), ratios(s.ratioMedian, s.ratioBest),
		ratios(s.stub.ratioMedian, s.stub.ratioBest))
	row(fmt.Sprintf("floor = ceil(%d/%d) x %s", o.n, o.parallelism, o.latency), [2]string{ms(s.floor)}, blank)
	row("API span (first request to last answer)", durs(s.apiSpanMedian, s.apiSpanMin), blank)
	tw.Flush()

	// The figures the issue is about, each with what it means.
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "(%s − T0) / floor\t= %.2f\tmedian (best %.2f)\tthis provider, end to end\n", nName, s.ratioMedian, s.ratioBest)
	if o.stub {
		fmt.Fprintf(tw, "stub ratio\t= %.2f\tmedian (best %.2f)\tthe floor any framework provider reaches on this machine and CLI\n",
			s.stub.ratioMedian, s.stub.ratioBest)
		fmt.Fprintf(tw, "this provider vs stub\t= %.2f\tmedian (best %.2f)\t(%s − T0) over the stub's: what this provider costs\n",
			s.vsStubMedian, s.vsStubBest, nName)
	}
	fmt.Fprintf(tw, "API span / floor\t= %.2f\tmedian (best %.2f)\tthe request path alone\n", s.spanRatioMedian, s.spanRatioBest)
	tw.Flush()

	fmt.Fprintln(w, "\ngates:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, g := range s.gates {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", g.status, g.name, g.detail)
	}
	tw.Flush()

	fmt.Fprintf(w, "\nmock, per %s plan: requests %s (want %d), distinct UserSigs %s (want 1), "+
		"most in flight %s (want ~%d), TCP connections %s\n",
		nName, span(r, func(st trtcmock.Stats) int { return st.Requests }), o.n,
		span(r, func(st trtcmock.Stats) int { return st.DistinctUserSigs }),
		span(r, func(st trtcmock.Stats) int { return st.MaxInFlight }), o.parallelism,
		span(r, func(st trtcmock.Stats) int { return st.Connections }))
	for _, n := range s.notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}

	fmt.Fprintf(w, "\nMarkdown (README):\n\n%s", markdown(r, s))
}

// markdown is the README table: ratios first, because seconds depend on
// the machine and ratios much less.
func markdown(r *result, s summary) string {
	o := r.opts
	n := fmt.Sprintf("T%d", o.n)
	var b strings.Builder
	row := func(label, med, best string) { fmt.Fprintf(&b, "| %s | %s | %s |\n", label, med, best) }
	f2 := func(v float64) string { return fmt.Sprintf("%.2f", v) }

	fmt.Fprintf(&b, "| `terraform plan`, %d data sources | median | best |\n", o.n)
	b.WriteString("|---|---:|---:|\n")
	row(fmt.Sprintf("**ratio** (%s − T0) / floor", n), "**"+f2(s.ratioMedian)+"**", f2(s.ratioBest))
	if o.stub {
		row("stub ratio: the floor any framework provider reaches here", f2(s.stub.ratioMedian), f2(s.stub.ratioBest))
		row(fmt.Sprintf("this provider vs stub: (%s − T0) ÷ the stub's", n), f2(s.vsStubMedian), f2(s.vsStubBest))
	}
	row("API span / floor: the requests alone", f2(s.spanRatioMedian), f2(s.spanRatioBest))
	row(fmt.Sprintf("floor ⌈%d / %d⌉ × %s", o.n, o.parallelism, o.latency), ms(s.floor), "")
	row(fmt.Sprintf("%s, %d reads", n, o.n), ms(s.median[scenarioReads]), ms(s.min[scenarioReads]))
	row("T0, provider configured, no reads", ms(s.median[scenarioEmpty]), ms(s.min[scenarioEmpty]))
	if o.stub {
		row(fmt.Sprintf("stub %s", n), ms(s.stub.median[scenarioReads]), ms(s.stub.min[scenarioReads]))
		row("stub T0", ms(s.stub.median[scenarioEmpty]), ms(s.stub.min[scenarioEmpty]))
	}
	row("T_none, no provider", ms(s.median[scenarioNone]), ms(s.min[scenarioNone]))
	row("provider start, T0 − T_none", ms(s.startMedian), ms(s.startMin))
	row("API span, first request to last answer", ms(s.apiSpanMedian), ms(s.apiSpanMin))
	row("requests / UserSigs / most in flight / TCP connections", fmt.Sprintf("%s / %s / %s / %s",
		span(r, func(st trtcmock.Stats) int { return st.Requests }),
		span(r, func(st trtcmock.Stats) int { return st.DistinctUserSigs }),
		span(r, func(st trtcmock.Stats) int { return st.MaxInFlight }),
		span(r, func(st trtcmock.Stats) int { return st.Connections })), "")
	fmt.Fprintf(&b, "\nTerraform %s, `-parallelism=%d`, mock latency %s, %d runs; %s.\n",
		r.terraform.Version, o.parallelism, o.latency, o.runs, r.machine)
	return b.String()
}

// jsonResult is the -json line; durations in milliseconds.
type jsonResult struct {
	N            int              `json:"n"`
	Parallelism  int              `json:"parallelism"`
	LatencyMS    float64          `json:"latency_ms"`
	Runs         int              `json:"runs"`
	Terraform    tfVersion        `json:"terraform"`
	Machine      machine          `json:"machine"`
	TNoneMS      jsonSpread       `json:"t_none_ms"`
	T0MS         jsonSpread       `json:"t0_ms"`
	TNMS         jsonSpread       `json:"tn_ms"`
	StartMS      jsonSpread       `json:"provider_start_ms"`
	FloorMS      float64          `json:"floor_ms"`
	APISpanMS    float64          `json:"api_span_ms"`
	APISpanRatio jsonRatio        `json:"api_span_ratio"`
	Ratio        jsonRatio        `json:"ratio"`
	Stub         *jsonStub        `json:"stub,omitempty"`
	Mock         []trtcmock.Stats `json:"mock"`
	MaxRatio     float64          `json:"max_ratio"`
	MaxSpanRatio float64          `json:"max_span_ratio"`
	MaxVsStub    float64          `json:"max_vs_stub"`
	Gates        []jsonGate       `json:"gates"`
	Pass         bool             `json:"pass"`
	Failures     []string         `json:"failures,omitempty"`
}

type jsonStub struct {
	T0MS    jsonSpread `json:"t0_ms"`
	TNMS    jsonSpread `json:"tn_ms"`
	StartMS jsonSpread `json:"provider_start_ms"`
	Ratio   jsonRatio  `json:"ratio"`
	// VsStub is this provider's T_N - T0 over the stub's.
	VsStub   jsonRatio `json:"this_provider_vs_stub"`
	Requests int       `json:"requests"`
}

type jsonSpread struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
}

type jsonRatio struct {
	Median float64 `json:"median"`
	Best   float64 `json:"best"`
}

type jsonGate struct {
	Name   string `json:"name"`
	Status string `json:"status"`
	Detail string `json:"detail"`
}

func msFloat(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func printJSON(w io.Writer, r *result, s summary) error {
	o := r.opts
	spread := func(a, b time.Duration) jsonSpread { return jsonSpread{msFloat(a), msFloat(b)} }
	out := jsonResult{
		N: o.n, Parallelism: o.parallelism, LatencyMS: msFloat(o.latency), Runs: o.runs,
		Terraform: r.terraform, Machine: r.machine,
		TNoneMS: spread(s.median[scenarioNone], s.min[scenarioNone]),
		T0MS:    spread(s.median[scenarioEmpty], s.min[scenarioEmpty]),
		TNMS:    spread(s.median[scenarioReads], s.min[scenarioReads]),
		StartMS: spread(s.startMedian, s.startMin),
		FloorMS: msFloat(s.floor), APISpanMS: msFloat(s.apiSpanMedian),
		APISpanRatio: jsonRatio{s.spanRatioMedian, s.spanRatioBest},
		Ratio:        jsonRatio{s.ratioMedian, s.ratioBest},
		Mock:         r.mock, MaxRatio: o.maxRatio, MaxSpanRatio: o.maxSpanRatio, MaxVsStub: o.maxVsStub,
		Pass: len(s.failures) == 0, Failures: s.failures,
	}
	if o.stub {
		out.Stub = &jsonStub{
			T0MS:     spread(s.stub.median[scenarioEmpty], s.stub.min[scenarioEmpty]),
			TNMS:     spread(s.stub.median[scenarioReads], s.stub.min[scenarioReads]),
			StartMS:  spread(s.stubStartMedian, s.stubStartMin),
			Ratio:    jsonRatio{s.stub.ratioMedian, s.stub.ratioBest},
			VsStub:   jsonRatio{s.vsStubMedian, s.vsStubBest},
			Requests: r.stubRequests,
		}
	}
	for _, g := range s.gates {
		out.Gates = append(out.Gates, jsonGate{g.name, string(g.status), g.detail})
	}
	line, err := json.Marshal(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s\n", line)
	return nil
}
