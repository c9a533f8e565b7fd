package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

const msec = time.Millisecond

// fakeResult is runs runs at N = 100, 300 with the default options, every
// count as it should be. This provider: T0' 70 ms, T0 130 ms, T100 730 ms,
// T300 1930 ms, API span 1.1 × floor. The stub: 60, 120, 670, 1770 ms.
func fakeResult(runs int) *result {
	r := &result{opts: options{ns: []int{100, 300}, latency: 50 * msec, parallelism: 10, runs: runs},
		samples: map[plan][]sample{}}
	times := map[plan]time.Duration{
		{noBlock: true}: 70 * msec, {}: 130 * msec, {n: 100}: 730 * msec, {n: 300}: 1930 * msec,
		{stub: true, noBlock: true}: 60 * msec, {stub: true}: 120 * msec,
		{stub: true, n: 100}: 670 * msec, {stub: true, n: 300}: 1770 * msec,
	}
	for range runs {
		for _, p := range plans(r.opts.ns) {
			s := sample{time: times[p]}
			if n := p.wantRequests(); n > 0 {
				s.stats = trtcmock.Stats{Requests: n, DistinctUserSigs: 1, MaxInFlight: 10, Connections: 10}
				s.apiSpan = r.floor(n) * 11 / 10
			}
			r.samples[p] = append(r.samples[p], s)
		}
	}
	return r
}

func gateNamed(t *testing.T, gs []gate, name string) gate {
	t.Helper()
	for _, g := range gs {
		if g.name == name {
			return g
		}
	}
	t.Fatalf("no gate %q in %v", name, gs)
	return gate{}
}

func TestGatesPassOnTheCountsAndOnlyPrintTheRatios(t *testing.T) {
	gs := gates(fakeResult(3))
	want := map[string]gateStatus{
		"requests = N": gatePass, "one UserSig per process": gatePass, "reads in parallel": gatePass,
		"connections reused": gatePass, "API span / floor, T100": gateInfo, "this provider vs stub, T300": gateInfo,
	}
	for name, st := range want {
		if g := gateNamed(t, gs, name); g.status != st {
			t.Errorf("%s: %s (%s), want %s", name, g.status, g.detail, st)
		}
	}
	if g := gateNamed(t, gs, "this provider vs stub, T100"); g.detail != "1.09 (limit 1.25, gated with BENCH_STRICT=1)" {
		t.Errorf("vs stub: %q", g.detail)
	}
	if line, ok := verdict(gs); !ok || line != "PASS: requests = N, one UserSig per process, reads in parallel, connections reused" {
		t.Errorf("verdict %q, %v", line, ok)
	}
}

func TestGatesFailOnEveryCount(t *testing.T) {
	for _, c := range []struct {
		plan   plan
		mutate func(*trtcmock.Stats)
		gate   string
		detail string
	}{
		{plan{n: 100}, func(st *trtcmock.Stats) { st.Requests = 99 }, "requests = N", "run 2, T100: 99 requests, want 100"},
		{plan{}, func(st *trtcmock.Stats) { st.Requests = 1 }, "requests = N", "run 2, T0: 1 requests, want 0"},
		{plan{noBlock: true}, func(st *trtcmock.Stats) { st.Requests = 1 }, "requests = N", "run 2, T0': 1 requests, want 0"},
		{plan{stub: true, n: 300}, func(st *trtcmock.Stats) { st.Requests = 300 }, "requests = N", "run 2, stub T300: 300 requests, want 0"},
		{plan{n: 300}, func(st *trtcmock.Stats) { st.DistinctUserSigs = 2 }, "one UserSig per process", "run 2, T300: 2 UserSigs"},
		{plan{n: 100}, func(st *trtcmock.Stats) { st.MaxInFlight = 9 }, "reads in parallel", "run 2, T100: 9 in flight, want 10"},
		{plan{n: 100}, func(st *trtcmock.Stats) { st.MaxInFlight = 11 }, "reads in parallel", "run 2, T100: 11 in flight, want 10"},
		{plan{n: 300}, func(st *trtcmock.Stats) { st.Connections = 11 }, "connections reused", "run 2, T300: 11 connections"},
	} {
		r := fakeResult(3)
		c.mutate(&r.samples[c.plan][1].stats)
		gs := gates(r)
		if g := gateNamed(t, gs, c.gate); g.status != gateFail || g.detail != c.detail {
			t.Errorf("%s: %s %q, want FAIL %q", c.gate, g.status, g.detail, c.detail)
		}
		if line, ok := verdict(gs); ok || line != "FAIL: "+c.gate {
			t.Errorf("verdict %q, %v", line, ok)
		}
	}
}

func TestReadsInParallelWantsNWhenFewerThanParallelism(t *testing.T) {
	r := fakeResult(1)
	r.opts.ns = []int{5}
	r.samples[plan{n: 5}] = []sample{{stats: trtcmock.Stats{Requests: 5, DistinctUserSigs: 1, MaxInFlight: 5, Connections: 5}}}
	r.samples[plan{stub: true, n: 5}] = []sample{{}}
	if g := gateNamed(t, gates(r), "reads in parallel"); g.status != gatePass {
		t.Errorf("5 reads, 5 in flight: %s %s", g.status, g.detail)
	}
}

func TestStrictGatesTheRatios(t *testing.T) {
	r := fakeResult(3)
	r.opts.strict = true
	for _, name := range []string{"this provider vs stub, T100", "this provider vs stub, T300", "API span / floor, T300"} {
		if g := gateNamed(t, gates(r), name); g.status != gatePass {
			t.Errorf("strict within the limits: %s %s %q", name, g.status, g.detail)
		}
	}
	// 600 ms against the stub's 550 ms over 100 reads: 0.5 ms more a read.
	if g := gateNamed(t, gates(r), "per read beside the stub, T100"); g.status != gateFail || g.detail != "+0.50 ms > 0.3 ms" {
		t.Errorf("per read: %s %q", g.status, g.detail)
	}
	for i := range r.samples[plan{n: 100}] {
		r.samples[plan{n: 100}][i].time = 900 * msec // T100 − T0 = 770 ms, 1.40 × the stub's
		r.samples[plan{n: 100}][i].apiSpan = 650 * msec
	}
	gs := gates(r)
	if g := gateNamed(t, gs, "this provider vs stub, T100"); g.status != gateFail || g.detail != "1.40 > 1.25" {
		t.Errorf("vs stub: %s %q", g.status, g.detail)
	}
	if g := gateNamed(t, gs, "API span / floor, T100"); g.status != gateFail || g.detail != "1.30 > 1.20" {
		t.Errorf("span: %s %q", g.status, g.detail)
	}
	// 770 ms against the stub's 550 ms over 100 reads: 2.2 ms more a read.
	if g := gateNamed(t, gs, "per read beside the stub, T100"); g.status != gateFail || !strings.HasPrefix(g.detail, "+2.") {
		t.Errorf("per read: %s %q", g.status, g.detail)
	}
	r.opts.strict = false
	if _, ok := verdict(gates(r)); !ok {
		t.Error("the same ratios fail without -strict")
	}
}

func TestMarkdownStatesBothDefinitionsBesideTheStub(t *testing.T) {
	md := markdown(fakeResult(3))
	last := -1
	for _, w := range []string{
		"| `terraform plan`, median of 3 | this provider | stub |",
		"| T0': the provider block, no data-source block | 70 ms | 60 ms |",
		"| T0: the data-source block with `count = 0` | 130 ms | 120 ms |",
		"| T100 | 730 ms | 670 ms |",
		"| (T100 − T0) / floor, floor ⌈100/10⌉ × 50ms = 500 ms | 1.20 | 1.10 |",
		"| (T100 − T0') / floor | 1.32 | 1.22 |",
		"| per read, (T100 − T0) / 100 | 6.0 ms | 5.5 ms |",
		"| (T300 − T0) / floor, floor ⌈300/10⌉ × 50ms = 1500 ms | 1.20 | 1.10 |",
		"| per extra read, (T300 − T100) / 200 | 6.0 ms | 5.5 ms |",
		"| API span / floor (first request to last answer), T100 · T300 | 1.10 · 1.10 | – |",
		"| 100 / 1 / 10 / 10 · 300 / 1 / 10 / 10 | 0 requests |",
		"mock latency 50ms, median of 3 runs;",
	} {
		i := strings.Index(md, w)
		if i < 0 {
			t.Errorf("markdown lacks %q:\n%s", w, md)
			continue
		}
		if i < last {
			t.Errorf("%q is out of order:\n%s", w, md)
		}
		last = i
	}
}

func TestCountsShowTheSpreadOverRuns(t *testing.T) {
	r := fakeResult(3)
	r.samples[plan{n: 100}][2].stats.Connections = 8
	if got := r.counts(100); got != "100 / 1 / 10 / 8–10" {
		t.Errorf("counts = %q", got)
	}
}

func TestPrintReportShowsEveryRunAndGate(t *testing.T) {
	r := fakeResult(2)
	r.load = "0.50 0.40 0.30"
	var b bytes.Buffer
	printReport(&b, r, gates(r))
	for _, want := range []string{
		"load:      0.50 0.40 0.30 (1, 5, 15 min",
		"over 100 and 300 data sources, -parallelism=10, mock latency 50ms, 2 timed runs",
		"run    T0'      T0    T100     T300  stub T0'  stub T0  stub T100  stub T300",
		"2  70 ms  130 ms  730 ms  1930 ms     60 ms   120 ms     670 ms    1770 ms",
		"| T300 | 1930 ms | 1770 ms |",
		"PASS  connections reused",
		"info  this provider vs stub, T300",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, &b)
		}
	}
}

func TestAPISpan(t *testing.T) {
	start := time.Unix(1000, 0)
	log := []trtcmock.Request{{Time: start.Add(30 * msec)}, {Time: start}, {Time: start.Add(450 * msec)}}
	if got := apiSpan(log, 50*msec); got != 500*msec {
		t.Errorf("apiSpan = %s, want 500ms", got)
	}
	if got := apiSpan(nil, 50*msec); got != 0 {
		t.Errorf("apiSpan(nil) = %s", got)
	}
}

func TestPlansCoverBothProvidersAndBothT0s(t *testing.T) {
	var got []string
	for _, p := range plans([]int{100, 300}) {
		got = append(got, fmt.Sprintf("%s:%d", p, p.wantRequests()))
	}
	want := "T0':0 T0:0 T100:100 T300:300 stub T0':0 stub T0:0 stub T100:0 stub T300:0"
	if strings.Join(got, " ") != want {
		t.Errorf("plans and their requests = %s\nwant %s", strings.Join(got, " "), want)
	}
}
