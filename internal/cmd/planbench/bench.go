package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

const service = "live_config"

// result is what one bench measured; summarize derives the figures.
type result struct {
	opts      options
	machine   machine
	terraform tfVersion
	// times[s] holds the timed plans of scenario s, in run order.
	times [scenarioCount][]time.Duration
	// mock holds the mock's counters after each timed N run.
	mock []trtcmock.Stats
	// apiSpan is, per timed N run, how long the reads kept the mock busy:
	// first arrival to last arrival plus latency. What T_N - T0 spends
	// outside it is Terraform's and the provider's, not the API's.
	apiSpan []time.Duration
	// emptyRequests counts API requests during the N=0 plans (expect 0).
	emptyRequests int
}

// bench starts the mock, writes the configurations, warms every one up
// once and then times them, interleaved so that drift in the machine's
// load spreads over all of them. Progress goes to progress.
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
	mock.SetConfig(benchAppID, service, trtcmock.Config{
		URL:      "https://hooks.example.com/trtc",
		Commands: []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"},
	})

	ws, err := newWorkspace(o.providerDir, mock.URL(), o.n)
	if err != nil {
		return nil, err
	}
	defer ws.remove()
	env := planEnv(os.Environ(), ws.cliConfig)

	res := &result{opts: o, machine: currentMachine()}
	if res.terraform, err = terraformVersion(ctx, o.terraform, env, ws.dirs[scenarioNone]); err != nil {
		return nil, err
	}

	fmt.Fprintln(progress, "planbench: warming up (one untimed plan per configuration)...")
	for s := range scenarioCount {
		if _, err := timePlan(ctx, o, env, ws.dirs[s], s); err != nil {
			return nil, err
		}
	}
	for run := range o.runs {
		fmt.Fprintf(progress, "planbench: run %d/%d\n", run+1, o.runs)
		for i := range scenarioCount {
			// Rotate the order so no configuration always goes first.
			s := (scenario(run) + i) % scenarioCount
			mock.ResetRequests()
			d, err := timePlan(ctx, o, env, ws.dirs[s], s)
			if err != nil {
				return nil, err
			}
			res.times[s] = append(res.times[s], d)
			switch s {
			case scenarioReads:
				res.mock = append(res.mock, mock.Stats())
				res.apiSpan = append(res.apiSpan, apiSpan(mock.Requests(), o.latency))
			case scenarioEmpty:
				res.emptyRequests += mock.Stats().Requests
			}
		}
	}
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
func timePlan(ctx context.Context, o options, env []string, dir string, s scenario) (time.Duration, error) {
	cmd := exec.CommandContext(ctx, o.terraform, "plan", "-input=false", "-lock=false", "-refresh=true",
		"-no-color", "-parallelism="+strconv.Itoa(o.parallelism))
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("terraform plan (%s configuration): %v\n%s", s, err, out.String())
	}
	return elapsed, nil
}

// planEnv is the caller's environment without what would change the
// measurement (another CLI config, extra CLI arguments, TRTC_* fallbacks),
// plus the bench's CLI config and quiet automation settings.
func planEnv(base []string, cliConfigFile string) []string {
	env := make([]string, 0, len(base)+3)
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "TF_CLI_CONFIG_FILE", name == "TF_IN_AUTOMATION", name == "CHECKPOINT_DISABLE",
			strings.HasPrefix(name, "TF_CLI_ARGS"), strings.HasPrefix(name, "TRTC_"):
			continue
		}
		env = append(env, kv)
	}
	return append(env, "TF_CLI_CONFIG_FILE="+cliConfigFile, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
}
