package provider

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// Delete then create while reads still show the deleted configuration:
// a replacement (taint, as -replace), a destroy followed at once by an
// apply, a create_before_destroy replacement and a rename without a moved
// block all end with the configured webhook present and in state, and an
// empty plan.
func TestAccLedger_replaceInsideReadLag(t *testing.T) {
	lagging := func(o *trtcmock.Options) { o.ReadLag = 3 * time.Second }
	forEachProduct(t, func(t *testing.T, p product) {
		cfg := func(mock *trtcmock.Server, url string, extra ...string) string {
			return providerBlock(mock) + p.resource(url, []string{p.word(0)}, extra...)
		}
		emptyPlan := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
		t.Run("replace", func(t *testing.T) {
			mock := startMock(t, lagging)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{Config: cfg(mock, hookURL)},
					{
						Taint:  []string{p.addr()},
						Config: cfg(mock, hookURL),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionDestroyBeforeCreate)},
						},
						Check: mockHolds(mock, p, hookURL, p.word(0)),
					},
					{
						// Replaced with a change: the create's read still shows
						// what this apply's delete removed, and the ledger
						// knows it for lag: one read, no waiting it out.
						PreConfig: mock.ResetRequests,
						Taint:     []string{p.addr()},
						Config:    cfg(mock, hookURL2),
						Check: resource.ComposeTestCheckFunc(
							mockHolds(mock, p, hookURL2, p.word(0)),
							// Then the reads that confirm the write, which see it once
							// the lag has passed.
							requestSequence(mock, p, "get_callback:0", "delete_callback:0", "get_callback:0", "set_callback:0"),
						),
					},
					{Config: cfg(mock, hookURL2), ConfigPlanChecks: emptyPlan},
				},
			})
		})
		t.Run("destroy then apply", func(t *testing.T) {
			mock := startMock(t, lagging)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{Config: cfg(mock, hookURL)},
					{Config: cfg(mock, hookURL), Destroy: true},
					{Config: cfg(mock, hookURL), Check: mockHolds(mock, p, hookURL, p.word(0))},
					{Config: cfg(mock, hookURL), Destroy: true},
					// Another configuration right after the destroy: the old one
					// still shows for the lag, and is waited out.
					{Config: cfg(mock, hookURL2), Check: mockHolds(mock, p, hookURL2, p.word(0))},
					{Config: cfg(mock, hookURL2), ConfigPlanChecks: emptyPlan},
				},
			})
		})
		t.Run("create_before_destroy", func(t *testing.T) {
			mock := startMock(t, lagging)
			cbd := "lifecycle {\n    create_before_destroy = true\n  }"
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{Config: cfg(mock, hookURL, cbd)},
					{
						Taint:  []string{p.addr()},
						Config: cfg(mock, hookURL, cbd),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionCreateBeforeDestroy)},
						},
						Check: resource.ComposeTestCheckFunc(
							mockHolds(mock, p, hookURL, p.word(0)),
							countRequests(mock, p, "delete_callback", 0),
						),
					},
					{Config: cfg(mock, hookURL, cbd), ConfigPlanChecks: emptyPlan},
				},
			})
		})
		t.Run("rename without moved", func(t *testing.T) {
			mock := startMock(t, lagging)
			renamed := func(url string) string {
				return providerBlock(mock) + fmt.Sprintf("resource %q \"renamed\" {\n  url = %q\n  callback_commands = [%q]\n}\n",
					p.typeName(), url, p.word(0))
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{Config: cfg(mock, hookURL)},
					{Config: renamed(hookURL), Check: mockHolds(mock, p, hookURL, p.word(0))},
					{Config: renamed(hookURL), ConfigPlanChecks: emptyPlan},
					// Renamed back, with a change on the way.
					{Config: cfg(mock, hookURL2), Check: mockHolds(mock, p, hookURL2, p.word(0))},
					{Config: cfg(mock, hookURL2), ConfigPlanChecks: emptyPlan},
				},
			})
		})
	})
}

// Two ledgers of one run in one directory are two provider processes of
// one Terraform run: each sees what the other recorded, and the object's
// lock excludes the other, also from another process.
func TestLedgerSharedByTheProcessesOfARun(t *testing.T) {
	dir := t.TempDir()
	a, b := newLedger(dir, "run-1"), newLedger(dir, "run-1")
	key := objectKey("https://adminapisgp.im.qcloud.com", testAppID, "trtc_live_webhook", "")
	a.record(key, ledgerWrote, []byte("new"))
	if !b.read(key).wroteThisRun("run-1") {
		t.Fatal("the other process does not see the write")
	}
	if newLedger(dir, "run-2").read(key).wroteThisRun("run-2") {
		t.Error("another run counts this run's write as its own")
	}

	unlock, err := a.lock(t.Context(), key)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	if _, err := b.lock(short, key); err == nil {
		t.Fatal("the other process took a lock that is held")
	}
	unlock()
	unlockB, err := b.lock(t.Context(), key)
	if err != nil {
		t.Fatal(err)
	}
	unlockB()

	// Another process: this test binary, holding the lock for a while and
	// recording a delete before it lets go.
	cmd := exec.Command(os.Args[0], "-test.run=^TestLedgerHelperProcess$")
	cmd.Env = append(os.Environ(), "LEDGER_HELPER_DIR="+dir, "LEDGER_HELPER_KEY="+key)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "locked" {
		t.Fatalf("helper said %q", line)
	}
	unlock, err = a.lock(t.Context(), key) // waits for the helper
	if err != nil {
		t.Fatal(err)
	}
	unlock()
	if removed, thisRun, _ := a.read(key).removed([]byte("old"), "run-1"); !removed || !thisRun {
		t.Error("the lock was taken before the other process recorded its delete")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

// TestLedgerHelperProcess is the other process of the test above.
func TestLedgerHelperProcess(t *testing.T) {
	dir, key := os.Getenv("LEDGER_HELPER_DIR"), os.Getenv("LEDGER_HELPER_KEY")
	if dir == "" {
		t.Skip("run by TestLedgerSharedByTheProcessesOfARun")
	}
	l := newLedger(dir, "run-1")
	unlock, err := l.lock(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("locked")
	time.Sleep(300 * time.Millisecond)
	l.record(key, ledgerDeleted, []byte("old"))
	unlock()
}

// Entries past their time and files that do not parse are forgotten; a
// directory that cannot be made leaves the ledger in memory, still working.
func TestLedgerForgets(t *testing.T) {
	dir := t.TempDir()
	l := newLedger(dir, "run-1")
	key := objectKey("e", 1, "k", "")
	l.update(key, func(r *ledgerRecord) {
		r.Last = &ledgerEntry{Run: "run-1", Op: ledgerWrote, At: time.Now().Add(-ledgerTTL - time.Minute), Value: newDigest([]byte("v"))}
	})
	if l.read(key).wroteThisRun("run-1") {
		t.Error("an entry past ledgerTTL counts")
	}
	if err := os.WriteFile(filepath.Join(dir, key+".json"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := l.read(key); r.Last != nil {
		t.Error("a file that does not parse was read")
	}
	l.record(key, ledgerDeleted, []byte("v"))
	if removed, _, _ := l.read(key).removed([]byte("v"), "run-1"); !removed {
		t.Error("a record over a corrupt file was lost")
	}

	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	m := newLedger(filepath.Join(file, "ledger"), "run-1")
	if m.dir != "" {
		t.Fatalf("dir = %q, want the in-memory fallback", m.dir)
	}
	m.record(key, ledgerWrote, []byte("v"))
	unlock, err := m.lock(t.Context(), key)
	if err != nil || !m.read(key).wroteThisRun("run-1") {
		t.Errorf("in-memory ledger: %v", err)
	}
	unlock()
}

// The run of a provider served by Terraform is its parent (with the
// parent's start time on Linux, against reused process IDs); served any
// other way, each process is a run of its own.
func TestCurrentRun(t *testing.T) {
	t.Setenv("TF_PLUGIN_MAGIC_COOKIE", "")
	if a, b := currentRun(), currentRun(); a == b {
		t.Errorf("in-process runs are one run: %q", a)
	}
	t.Setenv("TF_PLUGIN_MAGIC_COOKIE", "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2")
	a, b := currentRun(), currentRun()
	if a != b || !strings.HasPrefix(a, fmt.Sprintf("parent-%d-", os.Getppid())) {
		t.Errorf("plugin runs %q and %q, want one named for the parent", a, b)
	}
	if runtime.GOOS == "linux" && processStart(os.Getpid()) == "" {
		t.Error("no start time read from /proc")
	}
}

// A digest, not the value, is what the ledger keeps: a token is a secret.
func TestLedgerKeepsNoValue(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ledger")
	l := newLedger(dir, "run-1")
	key := objectKey("e", 1, "trtc_live_webhook_token", "")
	l.record(key, ledgerWrote, []byte("true\n"+hookToken))
	raw, err := os.ReadFile(filepath.Join(dir, key+".json"))
	if err != nil || strings.Contains(string(raw), hookToken) {
		t.Errorf("ledger file %s (%v) holds the token", raw, err)
	}
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o700 && runtime.GOOS != "windows" {
		t.Errorf("ledger directory mode %v", info.Mode())
	}
}
