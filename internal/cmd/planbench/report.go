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

// summary holds the figures derived from a result.
type summary struct {
	median, min [scenarioCount]time.Duration
	floor       time.Duration
	// ratioMedian uses the median plans; ratioBest the fastest ones.
	ratioMedian, ratioBest float64
	// Provider start cost: T0 - T_none.
	startMedian, startMin time.Duration
	apiSpanMedian         time.Duration
	failures              []string
	notes                 []string
}

func summarize(r *result, maxRatio float64) summary {
	var s summary
	for sc := range scenarioCount {
		s.median[sc], s.min[sc] = median(r.times[sc]), minimum(r.times[sc])
	}
	o := r.opts
	s.floor = floor(o.n, o.parallelism, o.latency)
	s.ratioMedian = ratio(s.median[scenarioReads], s.median[scenarioEmpty], s.floor)
	s.ratioBest = ratio(s.min[scenarioReads], s.min[scenarioEmpty], s.floor)
	s.startMedian = s.median[scenarioEmpty] - s.median[scenarioNone]
	s.startMin = s.min[scenarioEmpty] - s.min[scenarioNone]
	s.apiSpanMedian = median(r.apiSpan)

	for i, st := range r.mock {
		if st.Requests != o.n {
			s.failures = append(s.failures, fmt.Sprintf("run %d: the mock saw %d requests for %d data sources; each must be exactly one read", i+1, st.Requests, o.n))
		}
		if st.DistinctUserSigs != 1 {
			s.notes = append(s.notes, fmt.Sprintf("run %d: %d distinct UserSigs (expected 1: one signature per provider process)", i+1, st.DistinctUserSigs))
		}
	}
	if r.emptyRequests != 0 {
		s.notes = append(s.notes, fmt.Sprintf("the N=0 plans sent %d API requests (expected none)", r.emptyRequests))
	}
	if maxRatio > 0 && s.ratioMedian > maxRatio {
		s.failures = append(s.failures, fmt.Sprintf("median ratio %.2f is above -max-ratio %.2f", s.ratioMedian, maxRatio))
	}
	return s
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
	fmt.Fprintf(w, "planbench: terraform plan with %d data sources, -parallelism=%d, mock latency %s, %d runs\n",
		o.n, o.parallelism, o.latency, o.runs)
	fmt.Fprintf(w, "machine:   %s\n", r.machine)
	fmt.Fprintf(w, "terraform: %s (%s) at %s\n\n", r.terraform.Version, r.terraform.Platform, o.terraform)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "run\tT_none\tT0\t%s\tAPI span\trequests\tUserSigs\tin flight\tconnections\t\n", nName)
	for i := range o.runs {
		st := r.mock[i]
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t\n", i+1, ms(r.times[scenarioNone][i]),
			ms(r.times[scenarioEmpty][i]), ms(r.times[scenarioReads][i]), ms(r.apiSpan[i]),
			st.Requests, st.DistinctUserSigs, st.MaxInFlight, st.Connections)
	}
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "\tmedian\tmin\t\n")
	fmt.Fprintf(tw, "T_none (no provider)\t%s\t%s\t\n", ms(s.median[scenarioNone]), ms(s.min[scenarioNone]))
	fmt.Fprintf(tw, "T0 (provider, no reads)\t%s\t%s\t\n", ms(s.median[scenarioEmpty]), ms(s.min[scenarioEmpty]))
	fmt.Fprintf(tw, "%s (%d reads)\t%s\t%s\t\n", nName, o.n, ms(s.median[scenarioReads]), ms(s.min[scenarioReads]))
	fmt.Fprintf(tw, "provider start (T0 - T_none)\t%s\t%s\t\n", ms(s.startMedian), ms(s.startMin))
	fmt.Fprintf(tw, "floor = ceil(%d/%d) x %s\t%s\t\t\n", o.n, o.parallelism, o.latency, ms(s.floor))
	fmt.Fprintf(tw, "ratio = (%s - T0) / floor\t%.2f\t%.2f (best)\t\n", nName, s.ratioMedian, s.ratioBest)
	fmt.Fprintf(tw, "API span (first request to last answer)\t%s\t\t\n", ms(s.apiSpanMedian))
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
	var b strings.Builder
	fmt.Fprintf(&b, "| `terraform plan`, %d data sources | median | best |\n", o.n)
	b.WriteString("|---|---:|---:|\n")
	fmt.Fprintf(&b, "| **ratio** (T%d − T0) / floor | **%.2f** | %.2f |\n", o.n, s.ratioMedian, s.ratioBest)
	fmt.Fprintf(&b, "| floor ⌈%d / %d⌉ × %s | %s | |\n", o.n, o.parallelism, o.latency, ms(s.floor))
	fmt.Fprintf(&b, "| T%d, %d reads | %s | %s |\n", o.n, o.n, ms(s.median[scenarioReads]), ms(s.min[scenarioReads]))
	fmt.Fprintf(&b, "| T0, provider configured, no reads | %s | %s |\n", ms(s.median[scenarioEmpty]), ms(s.min[scenarioEmpty]))
	fmt.Fprintf(&b, "| T_none, no provider | %s | %s |\n", ms(s.median[scenarioNone]), ms(s.min[scenarioNone]))
	fmt.Fprintf(&b, "| provider start, T0 − T_none | %s | %s |\n", ms(s.startMedian), ms(s.startMin))
	fmt.Fprintf(&b, "| requests / UserSigs / most in flight / TCP connections | %s / %s / %s / %s | |\n",
		span(r, func(st trtcmock.Stats) int { return st.Requests }),
		span(r, func(st trtcmock.Stats) int { return st.DistinctUserSigs }),
		span(r, func(st trtcmock.Stats) int { return st.MaxInFlight }),
		span(r, func(st trtcmock.Stats) int { return st.Connections }))
	fmt.Fprintf(&b, "\nTerraform %s, `-parallelism=%d`, mock latency %s, %d runs; %s.\n",
		r.terraform.Version, o.parallelism, o.latency, o.runs, r.machine)
	return b.String()
}

// jsonResult is the -json line; durations in milliseconds.
type jsonResult struct {
	N           int              `json:"n"`
	Parallelism int              `json:"parallelism"`
	LatencyMS   float64          `json:"latency_ms"`
	Runs        int              `json:"runs"`
	Terraform   tfVersion        `json:"terraform"`
	Machine     machine          `json:"machine"`
	TNoneMS     jsonSpread       `json:"t_none_ms"`
	T0MS        jsonSpread       `json:"t0_ms"`
	TNMS        jsonSpread       `json:"tn_ms"`
	StartMS     jsonSpread       `json:"provider_start_ms"`
	FloorMS     float64          `json:"floor_ms"`
	APISpanMS   float64          `json:"api_span_ms"`
	Ratio       jsonRatio        `json:"ratio"`
	Mock        []trtcmock.Stats `json:"mock"`
	MaxRatio    float64          `json:"max_ratio"`
	Pass        bool             `json:"pass"`
	Failures    []string         `json:"failures,omitempty"`
}

type jsonSpread struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
}

type jsonRatio struct {
	Median float64 `json:"median"`
	Best   float64 `json:"best"`
}

func msFloat(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func printJSON(w io.Writer, r *result, s summary) error {
	o := r.opts
	spread := func(sc scenario) jsonSpread { return jsonSpread{msFloat(s.median[sc]), msFloat(s.min[sc])} }
	line, err := json.Marshal(jsonResult{
		N: o.n, Parallelism: o.parallelism, LatencyMS: msFloat(o.latency), Runs: o.runs,
		Terraform: r.terraform, Machine: r.machine,
		TNoneMS: spread(scenarioNone), T0MS: spread(scenarioEmpty), TNMS: spread(scenarioReads),
		StartMS: jsonSpread{msFloat(s.startMedian), msFloat(s.startMin)},
		FloorMS: msFloat(s.floor), APISpanMS: msFloat(s.apiSpanMedian),
		Ratio: jsonRatio{s.ratioMedian, s.ratioBest},
		Mock:  r.mock, MaxRatio: o.maxRatio,
		Pass: len(s.failures) == 0, Failures: s.failures,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s\n", line)
	return nil
}
