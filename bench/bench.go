package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// plan is one configuration under one provider.
type plan struct {
	stub bool
	// noBlock plans the provider block alone (T0'); otherwise the data
	// block with count = n (T0 when n is 0).
	noBlock bool
	n       int
}

func (p plan) String() string {
	name := fmt.Sprintf("T%d", p.n)
	if p.noBlock {
		name = "T0'"
	}
	if p.stub {
		return "stub " + name
	}
	return name
}

// wantRequests is how many API requests the plan must send: one per read,
// and none from the stub.
func (p plan) wantRequests() int {
	if p.stub || p.noBlock {
		return 0
	}
	return p.n
}

// plans lists the plans of one run, this provider's first.
func plans(ns []int) []plan {
	var ps []plan
	for _, stub := range []bool{false, true} {
		ps = append(ps, plan{stub: stub, noBlock: true}, plan{stub: stub})
		for _, n := range ns {
			ps = append(ps, plan{stub: stub, n: n})
		}
	}
	return ps
}

// sample is one timed plan and what the mock saw during it.
type sample struct {
	time  time.Duration
	stats trtcmock.Stats
	// apiSpan is how long the requests kept the mock busy: first arrival
	// to last arrival plus latency (0 without requests).
	apiSpan time.Duration
}

// result is what one bench measured; summarize derives the figures.
type result struct {
	opts      options
	machine   machine
	terraform tfVersion
	// load is the load average when the runs ended.
	load string
	// samples holds each plan's samples in run order.
	samples map[plan][]sample
}

// bench starts the mock, writes the configurations, warms each provider up
// with one untimed plan and then times every plan once per run, in a new
// random order each run, so that neither drift in the machine's load nor
// the wake of the plan before (a T300 plan's exiting processes) always
// falls on the same plan. Progress goes to progress.
func bench(ctx context.Context, o options, progress io.Writer) (*result, error) {
	mock, err := trtcmock.Listen("127.0.0.1:0", trtcmock.Options{
		Apps:    []trtcmock.App{{SDKAppID: benchAppID, Key: benchKey}},
		Latency: o.latency,
	})
	if err != nil {
		return nil, err
	}
	defer mock.Close()
	// Reads find a configuration: the common, successful path.
	mock.SetConfig(benchAppID, trtcmock.ServiceLive, benchConfig)

	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	ws, err := newWorkspace(o.providerDir, exe, mock.URL())
	if err != nil {
		return nil, err
	}
	defer ws.remove()
	env := map[bool][]string{
		false: planEnv(os.Environ(), ws.cliConfig),
		true:  append(planEnv(os.Environ(), ws.stubCLIConfig), stubLatencyVariable+"="+o.latency.String()),
	}

	res := &result{opts: o, machine: currentMachine(), samples: map[plan][]sample{}}
	if res.terraform, err = terraformVersion(ctx, o.terraform, env[false], ws.readsDir); err != nil {
		return nil, err
	}
	fmt.Fprintln(progress, "planbench: warming up (one untimed plan per provider)...")
	for _, stub := range []bool{false, true} {
		if _, err := timePlan(ctx, o.terraform, o.parallelism, env[stub], ws, plan{stub: stub}); err != nil {
			return nil, err
		}
	}
	ps := plans(o.ns)
	for run := range o.runs {
		fmt.Fprintf(progress, "planbench: run %d/%d\n", run+1, o.runs)
		rand.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		for _, p := range ps {
			mock.ResetRequests()
			d, err := timePlan(ctx, o.terraform, o.parallelism, env[p.stub], ws, p)
			if err != nil {
				return nil, err
			}
			res.samples[p] = append(res.samples[p], sample{d, mock.Stats(), apiSpan(mock.Requests(), o.latency)})
		}
	}
	res.load = loadAverage()
	return res, nil
}

// apiSpan is how long the logged requests kept the mock busy: the answer
// to the last arrival leaves latency after it (plus the mock's own
// microseconds, ignored here).
func apiSpan(log []trtcmock.Request, latency time.Duration) time.Duration {
	if len(log) == 0 {
		return 0
	}
	first, last := log[0].Time, log[0].Time
	for _, r := range log[1:] {
		if r.Time.Before(first) {
			first = r.Time
		}
		if r.Time.After(last) {
			last = r.Time
		}
	}
	return last.Sub(first) + latency
}

// timePlan runs one plan and returns its wall-clock time.
func timePlan(ctx context.Context, terraform string, parallelism int, env []string, ws *workspace, p plan) (time.Duration, error) {
	args := []string{"plan", "-input=false", "-lock=false", "-refresh=true", "-no-color", "-parallelism=" + strconv.Itoa(parallelism)}
	dir := ws.noBlockDir
	if !p.noBlock {
		dir = ws.readsDir
		args = append(args, "-var=n="+strconv.Itoa(p.n))
	}
	cmd := exec.CommandContext(ctx, terraform, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("terraform plan (%s): %v\n%s", p, err, out.String())
	}
	return elapsed, nil
}
