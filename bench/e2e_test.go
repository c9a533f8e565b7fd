package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain serves the stub when a plan started this test binary as the
// stub provider, as main does for planbench.
func TestMain(m *testing.M) {
	if latency, ok := os.LookupEnv(stubLatencyVariable); ok {
		os.Exit(serveStub(latency, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestPlanBenchEndToEnd runs the whole command once against a freshly
// built provider, the stub and a real CLI, like the acceptance tests
// (TF_ACC). It checks the mechanics, not the speed: the timing gates are
// off, since one short run on a busy machine proves nothing.
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

	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{
		"-terraform", tf, "-provider-dir", providerDir, "-runs", "1", "-n", "20", "-latency", "40ms",
		"-max-ratio", "0", "-max-span-ratio", "0", "-max-vs-stub", "0", "-json",
	}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
	}

	var got jsonResult
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	for _, line := range lines {
		if strings.HasPrefix(line, "{") {
			if err := json.Unmarshal([]byte(line), &got); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(got.Mock) != 1 || got.Mock[0].Requests != 20 {
		t.Fatalf("mock stats %+v, want one run with 20 requests\n%s", got.Mock, &stdout)
	}
	if got.Mock[0].DistinctUserSigs != 1 {
		t.Errorf("%d distinct UserSigs, want 1", got.Mock[0].DistinctUserSigs)
	}
	if !got.Pass || got.FloorMS != 80 {
		t.Errorf("pass %v, floor %g ms (want true, 80)", got.Pass, got.FloorMS)
	}
	// The stub ran, never reached the mock, and waited the latency it was
	// given: its 20 reads take at least two waves of 40 ms.
	if got.Stub == nil {
		t.Fatalf("no stub figures\n%s", &stdout)
	}
	if got.Stub.Requests != 0 {
		t.Errorf("the stub sent %d requests to the mock", got.Stub.Requests)
	}
	if reads := got.Stub.TNMS.Median - got.Stub.T0MS.Median; reads < got.FloorMS {
		t.Errorf("stub T20 - T0 = %g ms, below the floor %g ms: did it get %s?", reads, got.FloorMS, stubLatencyVariable)
	}
	t.Logf("\n%s", &stdout)
}
