package main

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

const msec = time.Millisecond

// fakeResult is a run of len(reads) plans with the flag defaults: T_none
// 100 ms, T0 300 ms, T100 as given, API span 550 ms; the stub's T0 is
// 250 ms and its T100 650 ms (T100 − T0 = 400 ms, ratio 0.8).
func fakeResult(requests int, reads ...time.Duration) *result {
	r := &result{opts: options{n: 100, parallelism: 10, latency: 50 * msec, runs: len(reads), stub: true,
		maxSpanRatio: 1.2, maxVsStub: 1.25}}
	for _, d := range reads {
		r.times[scenarioNone] = append(r.times[scenarioNone], 100*msec)
		r.times[scenarioEmpty] = append(r.times[scenarioEmpty], 300*msec)
		r.times[scenarioReads] = append(r.times[scenarioReads], d)
		r.stubTimes[scenarioEmpty] = append(r.stubTimes[scenarioEmpty], 250*msec)
		r.stubTimes[scenarioReads] = append(r.stubTimes[scenarioReads], 650*msec)
		r.mock = append(r.mock, trtcmock.Stats{Requests: requests, DistinctUserSigs: 1, MaxInFlight: 10, Connections: 10})
		r.apiSpan = append(r.apiSpan, 550*msec)
	}
	return r
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func gateStatuses(s summary) map[string]gateStatus {
	m := map[string]gateStatus{}
	for _, g := range s.gates {
		m[g.name] = g.status
	}
	return m
}

func TestSummarize(t *testing.T) {
	s := summarize(fakeResult(100, 900*msec, 800*msec, 1000*msec))
	if s.floor != 500*msec || s.startMedian != 200*msec || s.stubStartMedian != 150*msec {
		t.Errorf("floor %s, start %s, stub start %s", s.floor, s.startMedian, s.stubStartMedian)
	}
	if s.readsMedian != 600*msec || s.readsBest != 500*msec || s.stub.readsMedian != 400*msec {
		t.Errorf("reads %s / %s, stub %s", s.readsMedian, s.readsBest, s.stub.readsMedian)
	}
	if !near(s.ratioMedian, 1.2) || !near(s.ratioBest, 1.0) {
		t.Errorf("ratios %g / %g, want 1.2 / 1.0", s.ratioMedian, s.ratioBest)
	}
	if !near(s.stub.ratioMedian, 0.8) || !near(s.stub.ratioBest, 0.8) {
		t.Errorf("stub ratios %g / %g, want 0.8", s.stub.ratioMedian, s.stub.ratioBest)
	}
	if !near(s.vsStubMedian, 1.5) || !near(s.vsStubBest, 1.25) {
		t.Errorf("vs stub %g / %g, want 1.5 / 1.25", s.vsStubMedian, s.vsStubBest)
	}
	if !near(s.spanRatioMedian, 1.1) || s.apiSpanMedian != 550*msec {
		t.Errorf("API span %s, / floor %g", s.apiSpanMedian, s.spanRatioMedian)
	}
	want := map[string]gateStatus{gateRequests: gatePass, gateSpan: gatePass, gateVsStub: gateFail, "(T100 − T0) / floor": gateOff}
	if got := gateStatuses(s); len(got) != len(want) {
		t.Errorf("gates %v, want %v", got, want)
	} else {
		for name, st := range want {
			if got[name] != st {
				t.Errorf("gate %q: %s, want %s", name, got[name], st)
			}
		}
	}
	if len(s.failures) != 1 || !strings.Contains(s.failures[0], "1.50 > -max-vs-stub 1.25") {
		t.Errorf("failures = %v", s.failures)
	}
}

func TestSummarizeGatesAtTheLimit(t *testing.T) {
	r := fakeResult(100, 900*msec)
	r.opts.maxRatio, r.opts.maxSpanRatio, r.opts.maxVsStub = 1.2, 1.1, 1.5
	s := summarize(r)
	for _, g := range s.gates {
		if g.status != gatePass {
			t.Errorf("gate %q at exactly its limit: %s (%s)", g.name, g.status, g.detail)
		}
	}
	if len(s.failures) != 0 || verdict(s) != "PASS: requests = N, API span / floor, this provider vs stub, (T100 − T0) / floor" {
		t.Errorf("failures %v, verdict %q", s.failures, verdict(s))
	}
}

func TestSummarizeFails(t *testing.T) {
	r := fakeResult(100, 1200*msec)
	r.opts.maxRatio, r.opts.maxVsStub = 1.2, 0
	s := summarize(r)
	if len(s.failures) != 1 || !strings.Contains(s.failures[0], "1.80 > -max-ratio 1.20") {
		t.Errorf("failures = %v", s.failures)
	}
	if got := gateStatuses(s)[gateVsStub]; got != gateOff {
		t.Errorf("-max-vs-stub 0: gate %s", got)
	}

	r = fakeResult(99, 800*msec)
	r.opts.maxVsStub = 0
	s = summarize(r)
	if len(s.failures) != 1 || !strings.Contains(s.failures[0], "99 requests") {
		t.Errorf("failures = %v", s.failures)
	}
	if !strings.HasPrefix(verdict(s), "FAIL: requests = N (passed: API span / floor)") {
		t.Errorf("verdict %q", verdict(s))
	}

	r = fakeResult(100, 800*msec)
	r.apiSpan[0] = 700 * msec
	s = summarize(r)
	if got := gateStatuses(s)[gateSpan]; got != gateFail || !strings.Contains(strings.Join(s.failures, "\n"), "1.40 > -max-span-ratio 1.20") {
		t.Errorf("span gate %s, failures %v", got, s.failures)
	}
}

func TestSummarizeWithoutStub(t *testing.T) {
	r := fakeResult(100, 1200*msec)
	r.opts.stub = false
	r.stubTimes = [scenarioCount][]time.Duration{}
	s := summarize(r)
	if got := gateStatuses(s)[gateVsStub]; got != gateSkipped {
		t.Errorf("vs-stub gate without a stub: %s", got)
	}
	if s.vsStubMedian != 0 || len(s.failures) != 0 {
		t.Errorf("vs stub %g, failures %v", s.vsStubMedian, s.failures)
	}
	var b bytes.Buffer
	printReport(&b, r, s)
	if strings.Contains(b.String(), "stub ratio") || strings.Contains(b.String(), "stub T100") {
		t.Errorf("report without a stub shows stub figures:\n%s", &b)
	}
}

func TestSummarizeStubThatReadsNothingInTime(t *testing.T) {
	r := fakeResult(100, 900*msec)
	r.stubTimes[scenarioReads][0] = 250 * msec // T100 = T0
	s := summarize(r)
	if got := gateStatuses(s)[gateVsStub]; got != gateFail || s.vsStubMedian != 0 {
		t.Errorf("gate %s, vs stub %g", got, s.vsStubMedian)
	}
}

func TestSummarizeZeroLatencySkipsFloorGates(t *testing.T) {
	r := fakeResult(100, 900*msec)
	r.opts.latency, r.opts.maxRatio = 0, 1.2
	s := summarize(r)
	st := gateStatuses(s)
	if st[gateSpan] != gateSkipped || st["(T100 − T0) / floor"] != gateSkipped {
		t.Errorf("gates %v", st)
	}
}

func TestMarkdownTable(t *testing.T) {
	r := fakeResult(100, 900*msec)
	md := markdown(r, summarize(r))
	want := []string{
		"|---|---:|---:|",
		"| **ratio** (T100 − T0) / floor | **1.20** | 1.20 |",
		"| stub ratio: the floor any framework provider reaches here | 0.80 | 0.80 |",
		"| this provider vs stub: (T100 − T0) ÷ the stub's | 1.50 | 1.50 |",
		"| API span / floor: the requests alone | 1.10 | 1.10 |",
		"| stub T100 | 650 ms | 650 ms |",
		"| 100 / 1 / 10 / 10 |",
		"mock latency 50ms, 1 runs;",
	}
	last := -1
	for _, w := range want {
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
	// Ratios first, then the times.
	if strings.Index(md, "ms |") < strings.Index(md, "API span / floor") {
		t.Errorf("a time comes before the ratios:\n%s", md)
	}
}

func TestPrintReportNamesEveryFigure(t *testing.T) {
	r := fakeResult(100, 900*msec, 800*msec)
	var b bytes.Buffer
	printReport(&b, r, summarize(r))
	for _, want := range []string{
		"T_none (no provider)", "provider start", "floor = ceil(100/10) x 50ms", "ratio = (T100 - T0) / floor",
		"(T100 − T0) / floor   = 1.10 median", "stub ratio", "this provider vs stub", "API span / floor", "API span",
		"stub T100", "gates:", "PASS  requests = N", "FAIL  this provider vs stub", "off   (T100 − T0) / floor", "| **ratio**",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, &b)
		}
	}
}

func TestPrintJSON(t *testing.T) {
	r := fakeResult(100, 900*msec)
	var b bytes.Buffer
	if err := printJSON(&b, r, summarize(r)); err != nil {
		t.Fatal(err)
	}
	var got jsonResult
	if err := json.Unmarshal(bytes.TrimSpace(b.Bytes()), &got); err != nil {
		t.Fatal(err)
	}
	if got.Stub == nil || !near(got.Stub.VsStub.Median, 1.5) || got.Stub.TNMS.Median != 650 || !near(got.APISpanRatio.Median, 1.1) {
		t.Errorf("stub %+v, span ratio %+v", got.Stub, got.APISpanRatio)
	}
	if got.Pass || len(got.Gates) != 4 || got.MaxVsStub != 1.25 || got.MaxSpanRatio != 1.2 {
		t.Errorf("pass %v, gates %+v, limits %g %g", got.Pass, got.Gates, got.MaxVsStub, got.MaxSpanRatio)
	}
}

func TestAPISpan(t *testing.T) {
	start := time.Unix(1000, 0)
	log := []trtcmock.Request{{Time: start.Add(30 * time.Millisecond)}, {Time: start}, {Time: start.Add(450 * time.Millisecond)}}
	if got := apiSpan(log, 50*time.Millisecond); got != 500*time.Millisecond {
		t.Errorf("apiSpan = %s, want 500ms", got)
	}
	if got := apiSpan(nil, 50*time.Millisecond); got != 0 {
		t.Errorf("apiSpan(nil) = %s", got)
	}
}

func TestJobsRotateOverBothProviders(t *testing.T) {
	if got := jobs(false); len(got) != 3 {
		t.Errorf("jobs(false) = %v", got)
	}
	got := jobs(true)
	want := []job{{providerReal, scenarioNone}, {providerReal, scenarioEmpty}, {providerReal, scenarioReads},
		{providerStub, scenarioEmpty}, {providerStub, scenarioReads}}
	if len(got) != len(want) {
		t.Fatalf("jobs(true) = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("jobs(true)[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	if s := (job{providerStub, scenarioReads}).String(); s != "N, stub" {
		t.Errorf("job name %q", s)
	}
}
