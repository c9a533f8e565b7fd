package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestMain serves the stub when a plan started this test binary as the
// stub provider, as main does for planbench.
func TestMain(m *testing.M) {
	if latency, ok := os.LookupEnv(stubLatencyVariable); ok {
		os.Exit(serveStub(latency, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestPlanBenchEndToEnd runs every plan once against a freshly built
// provider, the stub and a real CLI, like the acceptance tests (TF_ACC).
// It checks the mechanics and the counts, not the speed.
func TestPlanBenchEndToEnd(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run terraform plan end to end")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Skip("no terraform: set TF_ACC_TERRAFORM_PATH or put terraform on PATH")
		}
	}
	providerDir := t.TempDir()
	// Built in its own module, as make build does.
	build := exec.Command("go", "build", "-C", "..", "-o", filepath.Join(providerDir, providerBinary), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}

	o := options{terraform: tf, providerDir: providerDir, ns: []int{5, 20}, latency: 40 * time.Millisecond,
		parallelism: 10, runs: 1}
	if err := o.resolvePaths(); err != nil {
		t.Fatal(err)
	}
	r, err := bench(context.Background(), o, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	gs := gates(r)
	var report bytes.Buffer
	printReport(&report, r, gs)
	t.Logf("\n%s", &report)
	if line, ok := verdict(gs); !ok {
		t.Errorf("%s", line)
	}
	// Timings are printed, never gated: a single run on a busy machine says
	// nothing about speed (BENCH_STRICT=1 make bench gates ratios over runs).
	t.Logf("stub T20 − T0 = %s (floor %s)", r.reads(true, 20, false), r.floor(20))
}
