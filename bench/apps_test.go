package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/provider"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

func TestParseFlagsApps(t *testing.T) {
	o, err := parseFlags(append(required, "-apps", "100, 10,100"), getenv(nil), io.Discard)
	if err != nil || !slices.Equal(o.apps, []int{10, 100}) {
		t.Errorf("-apps: %v, %v", o.apps, err)
	}
	if o, _ := parseFlags(required, getenv(nil), io.Discard); o.apps != nil {
		t.Errorf("without -apps: %v", o.apps)
	}
	if _, err := parseFlags(append(required, "-apps", "10,0"), getenv(nil), io.Discard); err == nil ||
		!strings.Contains(err.Error(), `-apps: "0" is not a count of at least 1`) {
		t.Errorf("-apps 10,0: %v", err)
	}
}

// Each app has its own SDKAppID and key.
func TestBenchAppsAreDistinct(t *testing.T) {
	a, b := benchApp(0), benchApp(99)
	if a.SDKAppID == b.SDKAppID || a.Key == b.Key || a.SDKAppID == benchAppID {
		t.Errorf("apps 0 and 99: %+v, %+v", a, b)
	}
}

func TestAppsTF(t *testing.T) {
	t.Run("one block", func(t *testing.T) {
		tf := appsTF(appsPlan{oneBlock, 3}, testMockURL)
		if n := strings.Count(tf, "provider "); n != 1 {
			t.Errorf("%d provider blocks, want 1:\n%s", n, tf)
		}
		for i := range 3 {
			a := benchApp(i)
			if want := fmt.Sprintf("{ sdk_app_id = %d, secret_key = %q }", a.SDKAppID, a.Key); !strings.Contains(tf, want) {
				t.Errorf("no apps entry %s in\n%s", want, tf)
			}
		}
		for _, want := range []string{
			fmt.Sprintf("endpoint = %q", testMockURL),
			"locals {\n  apps = [1400100000, 1400100001, 1400100002]\n}",
			fmt.Sprintf("data %q \"this\" {\n  count      = length(local.apps)\n  sdk_app_id = local.apps[count.index]\n}", dataSourceType()),
		} {
			if !strings.Contains(tf, want) {
				t.Errorf("configuration lacks\n%s\nin\n%s", want, tf)
			}
		}
		if strings.Contains(tf, "alias") || strings.Contains(tf, "for_each") {
			t.Errorf("one block has aliases or a for_each:\n%s", tf)
		}
	})
	t.Run("aliases", func(t *testing.T) {
		tf := appsTF(appsPlan{aliases, 3}, testMockURL)
		if n := strings.Count(tf, "provider \""); n != 3 {
			t.Errorf("%d provider blocks, want 3:\n%s", n, tf)
		}
		for i := range 3 {
			a := benchApp(i)
			for _, want := range []string{
				fmt.Sprintf("alias      = \"app%d\"\n  sdk_app_id = %d\n  secret_key = %q", i, a.SDKAppID, a.Key),
				fmt.Sprintf("data %q \"app%d\" {\n  provider = %s.app%d\n}", dataSourceType(), i, provider.TypeName, i),
			} {
				if !strings.Contains(tf, want) {
					t.Errorf("configuration lacks\n%s\nin\n%s", want, tf)
				}
			}
		}
		if strings.Contains(tf, "apps") {
			t.Errorf("aliases use apps:\n%s", tf)
		}
	})
	t.Run("one app", func(t *testing.T) {
		tf := appsTF(appsPlan{oneApp, 3}, testMockURL)
		for _, want := range []string{
			fmt.Sprintf("sdk_app_id = %d\n  secret_key = %q", benchApp(0).SDKAppID, benchApp(0).Key),
			fmt.Sprintf("data %q \"this\" {\n  count = 3\n}", dataSourceType()),
		} {
			if !strings.Contains(tf, want) {
				t.Errorf("configuration lacks\n%s\nin\n%s", want, tf)
			}
		}
	})
}

// fakeAppsResult is runs runs at 10 and 100 apps, every count as it
// should be: one block 600 and 700 ms, 30 MB; aliases 1500 and 16000 ms,
// 230 MB and 2300 MB; one app 580 and 650 ms, 28 MB.
func fakeAppsResult(runs int) *appsResult {
	r := &appsResult{opts: options{apps: []int{10, 100}, latency: 50 * msec, parallelism: 10, runs: runs},
		memory: true, samples: map[appsPlan][]appsSample{}}
	times := map[appsPlan]time.Duration{
		{oneBlock, 10}: 600 * msec, {aliases, 10}: 1500 * msec, {oneApp, 10}: 580 * msec,
		{oneBlock, 100}: 700 * msec, {aliases, 100}: 16000 * msec, {oneApp, 100}: 650 * msec,
	}
	memory := map[appsPlan]peakMemory{
		{oneBlock, 10}: {rssKB: 30 << 10, processes: 1}, {aliases, 10}: {rssKB: 230 << 10, processes: 10},
		{oneApp, 10}: {rssKB: 28 << 10, processes: 1}, {oneBlock, 100}: {rssKB: 30 << 10, processes: 1},
		{aliases, 100}: {rssKB: 2300 << 10, processes: 100}, {oneApp, 100}: {rssKB: 28 << 10, processes: 1},
	}
	for range runs {
		for _, p := range appsPlans(r.opts.apps) {
			r.samples[p] = append(r.samples[p], appsSample{
				time:   times[p],
				stats:  trtcmock.Stats{Requests: p.n, DistinctUserSigs: p.wantUserSigs(), Connections: min(p.wantUserSigs(), 10)},
				memory: memory[p],
			})
		}
	}
	return r
}

func TestAppsGatesPassOnTheCountsAndOnlyPrintTheGoals(t *testing.T) {
	gs := appsGates(fakeAppsResult(3))
	for name, st := range map[string]gateStatus{
		"requests = N": gatePass, "one UserSig per app": gatePass,
		"one block, 100 apps vs one app, 100 reads": gateInfo, "one block, 100 apps: peak memory of the providers": gateInfo,
	} {
		if g := gateNamed(t, gs, name); g.status != st {
			t.Errorf("%s: %s (%s), want %s", name, g.status, g.detail, st)
		}
	}
	if g := gateNamed(t, gs, "one block, 100 apps vs one app, 100 reads"); g.detail != "1.08 (limit 1.20, gated with BENCH_STRICT=1)" {
		t.Errorf("vs one app: %q", g.detail)
	}
	if line, ok := verdict(gs); !ok || line != "PASS: requests = N, one UserSig per app" {
		t.Errorf("verdict %q, %v", line, ok)
	}
}

func TestAppsGatesFailOnEveryCount(t *testing.T) {
	for _, c := range []struct {
		plan   appsPlan
		mutate func(*trtcmock.Stats)
		gate   string
		detail string
	}{
		{appsPlan{oneBlock, 100}, func(st *trtcmock.Stats) { st.Requests = 101 }, "requests = N", "run 2, one block, N=100: 101 requests, want 100"},
		{appsPlan{aliases, 10}, func(st *trtcmock.Stats) { st.Requests = 9 }, "requests = N", "run 2, aliases, N=10: 9 requests, want 10"},
		{appsPlan{oneBlock, 100}, func(st *trtcmock.Stats) { st.DistinctUserSigs = 1 }, "one UserSig per app",
			"run 2, one block, N=100: 1 UserSigs, want 100"},
		{appsPlan{oneApp, 10}, func(st *trtcmock.Stats) { st.DistinctUserSigs = 2 }, "one UserSig per app",
			"run 2, one app, N=10: 2 UserSigs, want 1"},
	} {
		r := fakeAppsResult(3)
		c.mutate(&r.samples[c.plan][1].stats)
		gs := appsGates(r)
		if g := gateNamed(t, gs, c.gate); g.status != gateFail || g.detail != c.detail {
			t.Errorf("%s: %s %q, want FAIL %q", c.gate, g.status, g.detail, c.detail)
		}
		if _, ok := verdict(gs); ok {
			t.Errorf("%s: the run passed", c.detail)
		}
	}
}

func TestAppsGatesStrict(t *testing.T) {
	r := fakeAppsResult(1)
	r.opts.strict = true
	if line, ok := verdict(appsGates(r)); !ok {
		t.Errorf("within the goals, strict: %s", line)
	}
	r.samples[appsPlan{oneBlock, 100}][0].time = 800 * msec // 1.23 × one app's
	r.samples[appsPlan{oneBlock, 10}][0].memory.rssKB = 64 << 10
	gs := appsGates(r)
	if g := gateNamed(t, gs, "one block, 100 apps vs one app, 100 reads"); g.status != gateFail || g.detail != "1.23 > 1.20" {
		t.Errorf("time: %s %q", g.status, g.detail)
	}
	if g := gateNamed(t, gs, "one block, 10 apps: peak memory of the providers"); g.status != gateFail || g.detail != "64 MB >= 64 MB" {
		t.Errorf("memory: %s %q", g.status, g.detail)
	}
	// Without /proc, memory is reported as not measured, never failed.
	r.memory = false
	if g := gateNamed(t, appsGates(r), "one block, 10 apps: peak memory of the providers"); g.status != gateInfo {
		t.Errorf("memory without /proc: %s %q", g.status, g.detail)
	}
}

func TestAppsReport(t *testing.T) {
	r := fakeAppsResult(2)
	var b bytes.Buffer
	printAppsReport(&b, r, appsGates(r))
	for _, want := range []string{
		"| wall time, N = 100 | 700 ms | 16000 ms | 650 ms |",
		"| wall time / one app's, N = 100 | 1.08 | 24.62 | 1.00 |",
		"| peak memory of the provider processes, N = 100 | 30 MB | 2300 MB | 28 MB |",
		"| provider processes at once, N = 100 | 1 | 100 | 1 |",
		"| requests / distinct UserSigs / TCP connections per plan, N = 10 | 10 / 10 / 10 | 10 / 10 / 10 | 10 / 1 / 1 |",
		"sampled every 20ms (Linux /proc)",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

func TestParseProc(t *testing.T) {
	if ppid, ok := parentOf([]byte("4242 (terraform (x) y) S 4200 4242 4200 0 -1")); !ok || ppid != 4200 {
		t.Errorf("parentOf = %d, %v", ppid, ok)
	}
	if _, ok := parentOf([]byte("garbage")); ok {
		t.Error("parentOf accepted garbage")
	}
	status := []byte("Name:\tterraform-provi\nVmPeak:\t  999 kB\nVmRSS:\t   24576 kB\nThreads:\t8\n")
	if kb, ok := vmRSS(status); !ok || kb != 24576 {
		t.Errorf("vmRSS = %d, %v", kb, ok)
	}
	if _, ok := vmRSS([]byte("Name:\tzombie\n")); ok {
		t.Error("vmRSS without VmRSS")
	}
	parent := map[int]int{10: 1, 11: 10, 12: 11, 20: 1}
	if !below(12, 10, parent) || below(20, 10, parent) || below(10, 10, parent) {
		t.Error("below")
	}
}

// The sampler finds a process of the provider's name below this one, and
// nothing of any other name.
func TestSamplerFindsTheProviders(t *testing.T) {
	if !memorySupported() {
		t.Skip("memory is read from Linux's /proc")
	}
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep")
	}
	dir := t.TempDir()
	fake := filepath.Join(dir, providerBinary)
	raw, err := os.ReadFile(sleep)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fake, raw, 0o755); err != nil {
		t.Fatal(err)
	}
	var cmds []*exec.Cmd
	for _, bin := range []string{fake, fake, sleep} {
		cmd := exec.Command(bin, "5")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	defer func() {
		for _, cmd := range cmds {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	}()
	s := startSampler(os.Getpid(), providerBinary)
	time.Sleep(3 * sampleEvery)
	peak := s.finish()
	if peak.processes != 2 || peak.rssKB <= 0 || peak.samples < 2 {
		t.Errorf("peak = %+v, want 2 processes with some memory", peak)
	}
	if m := sampleTree(os.Getpid(), "no-such-binary"); m.processes != 0 {
		t.Errorf("found %d processes of no such binary", m.processes)
	}
}

// TestPlanBenchAppsEndToEnd runs -apps once against a freshly built
// provider and a real CLI, like the acceptance tests (TF_ACC): the
// mechanics and the counts, not the speed or the memory.
func TestPlanBenchAppsEndToEnd(t *testing.T) {
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
	build := exec.Command("go", "build", "-C", "..", "-o", filepath.Join(providerDir, providerBinary), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	o := options{terraform: tf, providerDir: providerDir, apps: []int{2, 5}, latency: 40 * time.Millisecond,
		parallelism: 10, runs: 1}
	if err := o.resolvePaths(); err != nil {
		t.Fatal(err)
	}
	r, err := appsBench(t.Context(), o, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	gs := appsGates(r)
	var report bytes.Buffer
	printAppsReport(&report, r, gs)
	t.Logf("\n%s", &report)
	if line, ok := verdict(gs); !ok {
		t.Errorf("%s", line)
	}
	if r.memory {
		if _, procs := r.peak(appsPlan{aliases, 5}); procs != 5 {
			t.Errorf("5 aliases ran %d provider processes at once, want 5", procs)
		}
		if mb, procs := r.peak(appsPlan{oneBlock, 5}); procs != 1 || mb <= 0 {
			t.Errorf("one block of 5 apps: %d provider processes at once, %.0f MB", procs, mb)
		}
	}
}
