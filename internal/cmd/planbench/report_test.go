package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

func fakeResult(requests int, reads ...time.Duration) *result {
	ms := time.Millisecond
	r := &result{opts: options{n: 100, parallelism: 10, latency: 50 * ms, runs: len(reads)}}
	for _, d := range reads {
		r.times[scenarioNone] = append(r.times[scenarioNone], 100*ms)
		r.times[scenarioEmpty] = append(r.times[scenarioEmpty], 300*ms)
		r.times[scenarioReads] = append(r.times[scenarioReads], d)
		r.mock = append(r.mock, trtcmock.Stats{Requests: requests, DistinctUserSigs: 1, MaxInFlight: 10, Connections: 10})
		r.apiSpan = append(r.apiSpan, 550*ms)
	}
	return r
}

func TestSummarize(t *testing.T) {
	ms := time.Millisecond
	s := summarize(fakeResult(100, 900*ms, 800*ms, 1000*ms), 1.2)
	if s.floor != 500*ms || s.startMedian != 200*ms {
		t.Errorf("floor %s, start %s", s.floor, s.startMedian)
	}
	if s.ratioMedian != 1.2 || s.ratioBest != 1.0 {
		t.Errorf("ratios %g / %g, want 1.2 / 1.0", s.ratioMedian, s.ratioBest)
	}
	if len(s.failures) != 0 {
		t.Errorf("failures at exactly the limit: %v", s.failures)
	}
}

func TestSummarizeFails(t *testing.T) {
	ms := time.Millisecond
	s := summarize(fakeResult(100, 1200*ms), 1.2)
	if len(s.failures) != 1 || !strings.Contains(s.failures[0], "ratio 1.80") {
		t.Errorf("failures = %v", s.failures)
	}
	if s := summarize(fakeResult(100, 1200*ms), 0); len(s.failures) != 0 {
		t.Errorf("-max-ratio 0 still fails: %v", s.failures)
	}
	s = summarize(fakeResult(99, 800*ms), 0)
	if len(s.failures) != 1 || !strings.Contains(s.failures[0], "99 requests") {
		t.Errorf("failures = %v", s.failures)
	}
}

func TestMarkdownTable(t *testing.T) {
	ms := time.Millisecond
	r := fakeResult(100, 900*ms)
	md := markdown(r, summarize(r, 1.2))
	for _, want := range []string{"|---|---:|---:|", "| **ratio** (T100 − T0) / floor | **1.20** | 1.20 |", "| 100 / 1 / 10 / 10 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestPrintReportNamesEveryFigure(t *testing.T) {
	ms := time.Millisecond
	r := fakeResult(100, 900*ms, 800*ms)
	var b bytes.Buffer
	printReport(&b, r, summarize(r, 1.2))
	for _, want := range []string{"T_none (no provider)", "provider start", "floor = ceil(100/10) x 50ms", "ratio = (T100 - T0) / floor", "API span", "| **ratio**"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, &b)
		}
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
