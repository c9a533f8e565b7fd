package provider

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// The ledger is shared by the provider processes of one Terraform run:
// each provider configuration (an alias; an OpenTofu provider for_each
// instance) is a process of its own, and the two halves of a rename
// without a moved block run in two of them, in either order or at once.
// These tests drive the CLI with the built provider, served as a plugin,
// so that the run is the CLI's process, as it is for a user.

// testRepeat is how many times a test that depends on the order Terraform
// picks runs each scenario: TRTC_TEST_REPEAT, or 2 so that the suite stays
// fast.
func testRepeat(t *testing.T) int {
	raw := os.Getenv("TRTC_TEST_REPEAT")
	if raw == "" {
		return 2
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		t.Fatalf("TRTC_TEST_REPEAT=%q: want a whole number, 1 or more", raw)
	}
	return n
}

// parallelisms are the two ways Terraform walks the graph that matter
// here: both halves at once (the default), and one at a time.
var parallelisms = []applyMode{
	{name: "default parallelism"},
	{name: "parallelism=1", args: []string{"-parallelism=1"}},
}

// applyMode is how a test applies: the CLI's arguments, and lines for the
// resource created.
type applyMode struct {
	name  string
	args  []string
	extra []string
}

// tally counts how runs of one scenario ended, for the log.
type tally struct {
	mu  sync.Mutex
	got map[string]int
}

func (c *tally) add(outcome string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.got == nil {
		c.got = map[string]int{}
	}
	c.got[outcome]++
}

func (c *tally) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(c.got)) {
		parts = append(parts, fmt.Sprintf("%d× %s", c.got[k], k))
	}
	return strings.Join(parts, ", ")
}

// aliasedProviders are the default provider configuration and an aliased
// one, "same", both for the one test app.
func aliasedProviders(mock *trtcmock.Server) string {
	return providerBlock(mock) + providerBlock(mock, `alias = "same"`)
}

// renameOrder says which half of a rename ran first, from what the apply
// printed: the delete leaves the object in place when the create wrote (or
// adopted) it first.
func renameOrder(out string) string {
	if leftInPlace(out) > 0 {
		return "create first, delete left it in place"
	}
	return "delete first, then create"
}

// leftInPlace counts the deletes that left their object in place.
func leftInPlace(out string) int {
	n := 0
	for line := range strings.Lines(out) {
		if strings.HasPrefix(line, "Warning: ") && strings.HasSuffix(strings.TrimSpace(line), " left in place") {
			n++
		}
	}
	return n
}

// A rename without a moved block from the default provider configuration
// to an aliased one of the same app, with the same settings: the delete of
// the old address and the create of the new run in two processes, in
// either order or at once. Either way the object stays: the create adopts
// what the old address holds (the delete then leaves it in place, as this
// run wrote it last), or the delete goes first and the create writes. The
// apply succeeds, the webhook is present, the token enabled, and the plan
// after is empty, at the default parallelism and at -parallelism=1.
// TRTC_TEST_REPEAT runs each scenario that many times; the order each run
// took is logged.
func TestAccLedger_renameAcrossProviderConfigurations(t *testing.T) {
	cli, name, _ := cliUnderTest(t)
	bin := buildProvider(t)
	n := testRepeat(t)
	started := time.Now()
	for _, s := range subjects() {
		for _, par := range parallelisms {
			var outcomes tally
			t.Run(s.name+"/"+par.name, func(t *testing.T) {
				for run := range n {
					t.Run(strconv.Itoa(run), func(t *testing.T) {
						t.Parallel()
						mock := startMock(t)
						d := newCLIMachine(t, cli, name, bin).dir(t)
						d.configure(aliasedProviders(mock) + s.resource("old", 1))
						d.must("apply", "-auto-approve")

						d.configure(aliasedProviders(mock) + s.resource("new", 1, "provider = trtc.same"))
						out := d.must(append([]string{"apply", "-auto-approve"}, par.args...)...)
						outcomes.add(renameOrder(out))
						checkRenamed(t, d, s, mock, 1)
					})
				}
			})
			if got := outcomes.String(); got != "" {
				t.Logf("%s, %s: %d run(s): %s", s.name, par.name, n, got)
			}
		}
	}
	t.Logf("%d run(s) of each scenario took %s", n, time.Since(started).Round(time.Second))
}

// checkRenamed checks the end of a rename: the object the mock holds is
// variant i, the state holds it at the new address alone, and the plan is
// empty.
func checkRenamed(t *testing.T, d *cliDir, s subject, mock *trtcmock.Server, i int) {
	t.Helper()
	if err := s.holds(mock, i); err != nil {
		t.Error(err)
	}
	res := d.stateResources()
	if got := s.stateVariant(res, s.addr("new"), i); got != i || len(res) != 1 {
		t.Errorf("state: %v, want %s alone, with variant %d", res, s.addr("new"), i)
	}
	if code, out := d.planExit(); code != 0 {
		t.Errorf("the plan after the rename exits %d, want 0 (empty):\n%s", code, out)
	}
}

// A rename without a moved block across two provider configurations that
// also changes the object: the create of the new address meets what the
// old one holds, which this plan destroys (ModifyPlan of the old address
// noted it), and waits for that destroy, without the lock, within
// settleWindow. Nothing is ever lost: after every apply the app holds the
// old object or the new one.
//
// At the default parallelism the destroy runs while the create waits, and
// the apply succeeds with the new object. At -parallelism=1 Terraform runs
// one at a time, in an order of its choosing: the destroy first succeeds
// as well; the create first waits settleWindow for a destroy that cannot
// run, fails saying so, and the destroy then leaves the old object in
// place (its replacement was not written). The same when the create's
// timeout (3 s) ends the wait before settleWindow does. The next apply,
// with no destroy planned, refuses at once, and import then apply converge.
func TestAccLedger_renameWithChangeAcrossProviderConfigurations(t *testing.T) {
	cli, name, _ := cliUnderTest(t)
	bin := buildProvider(t)
	n := testRepeat(t)
	started := time.Now()
	for _, s := range subjects() {
		modes := append(slices.Clone(parallelisms), applyMode{name: "parallelism=1, create timeout 3s",
			args: []string{"-parallelism=1"}, extra: []string{"timeouts {\n    create = \"3s\"\n  }"}})
		for _, par := range modes {
			var outcomes tally
			t.Run(s.name+"/"+par.name, func(t *testing.T) {
				for run := range n {
					t.Run(strconv.Itoa(run), func(t *testing.T) {
						t.Parallel()
						mock := startMock(t)
						d := newCLIMachine(t, cli, name, bin).dir(t)
						d.configure(aliasedProviders(mock) + s.resource("old", 1))
						d.must("apply", "-auto-approve")

						mock.ResetRequests()
						d.configure(aliasedProviders(mock) + s.resource("new", 2, append([]string{"provider = trtc.same"}, par.extra...)...))
						r := d.timed(append([]string{"apply", "-auto-approve"}, par.args...)...)
						first := "delete first"
						if readsBeforeFirstWrite(mock, s) > 1 {
							first = "create first" // its read came before the delete
						}
						switch held := s.held(mock, 1, 2); {
						case r.err == nil:
							outcomes.add("applied, " + first)
							checkRenamed(t, d, s, mock, 2)
						case held == 1 && len(par.args) > 0 && first == "create first":
							outcomes.add("failed: the create waited for the destroy, which left the old object in place")
							checkDestroyPending(t, d, s, mock, r)
						default:
							t.Fatalf("apply (%s): %v, and the mock holds %s:\n%s", first, r.err, s.describeHeld(mock), r.out)
						}
						t.Logf("the apply took %s", r.took.Round(100*time.Millisecond))
					})
				}
			})
			if got := outcomes.String(); got != "" {
				t.Logf("%s, %s: %d run(s): %s", s.name, par.name, n, got)
			}
		}
	}
	t.Logf("%d run(s) of each scenario took %s", n, time.Since(started).Round(time.Second))
}

// readsBeforeFirstWrite counts the reads of s the mock answered before the
// first write (a delete, or the token's disable): the plan's refresh of
// the old address is one; more is the create's, before the delete.
func readsBeforeFirstWrite(mock *trtcmock.Server, s subject) int {
	reads := 0
	for _, c := range s.commands(mock) {
		if c != s.get {
			break
		}
		reads++
	}
	return reads
}

// checkDestroyPending checks a rename whose create ran first at
// -parallelism=1: it fails saying what happened, the old object stays and
// neither address is in the state. Then the way on: the next apply refuses
// at once (one read, no wait), and import then apply converge.
func checkDestroyPending(t *testing.T, d *cliDir, s subject, mock *trtcmock.Server, r cliResult) {
	t.Helper()
	if !words("another resource of this plan destroys ... and that destroy did not run while this create waited " +
		"for it (with -parallelism=1 it cannot). Nothing was changed, and the destroy leaves it in place.").MatchString(r.out) {
		t.Errorf("the failure does not say why:\n%s", r.out)
	}
	if leftInPlace(r.out) != 1 {
		t.Errorf("the destroy does not say it left the object in place:\n%s", r.out)
	}
	if res := d.stateResources(); len(res) != 0 {
		t.Errorf("state after the failed rename: %v, want none", res)
	}

	mock.ResetRequests()
	again := d.timed("apply", "-auto-approve", "-parallelism=1")
	if again.err == nil || !strings.Contains(again.out, "do not import it here") {
		t.Fatalf("the apply after: %v, want the create refused at once:\n%s", again.err, again.out)
	}
	if got := s.commands(mock); !slices.Equal(got, []string{s.get}) {
		t.Errorf("the refused create sent %v, want one %s", got, s.get)
	}
	t.Logf("the apply after, refused, took %s", again.took.Round(100*time.Millisecond))
	if err := s.holds(mock, 1); err != nil {
		t.Error(err)
	}

	d.must("import", s.addr("new"), testApp)
	d.must("apply", "-auto-approve", "-parallelism=1")
	checkRenamed(t, d, s, mock, 2)
}

// renameProviderKey is the OpenTofu configuration of
// TestAccLedger_renameProviderKey.
const renameProviderKey = "testdata/rename-provider-key/main.tf"

// A provider key renamed with OpenTofu's provider for_each: the webhook
// and the token of one app go through the instance of their key, and the
// key "old" becomes "new" (the old key kept, retired, for the apply that
// destroys its resources). Each object's rename without moved runs in two
// provider instances, two processes; the apply succeeds, the webhook is
// present, the token enabled, and with the old key gone the plan is empty,
// at the default parallelism and at -parallelism=1, TRTC_TEST_REPEAT times.
func TestAccLedger_renameProviderKey(t *testing.T) {
	cli, name, v := cliUnderTest(t)
	if name != "OpenTofu" || !atLeast(v, "1.9.0") {
		t.Skipf("%s %s has no provider for_each (needs OpenTofu 1.9 or later)", name, v)
	}
	hcl, err := os.ReadFile(renameProviderKey)
	if err != nil {
		t.Fatal(err)
	}
	bin := buildProvider(t)
	n := testRepeat(t)
	webhook, token := webhookSubject(live), tokenSubject
	started := time.Now()
	for _, par := range parallelisms {
		var outcomes tally
		t.Run(par.name, func(t *testing.T) {
			for run := range n {
				t.Run(strconv.Itoa(run), func(t *testing.T) {
					t.Parallel()
					mock := startMock(t)
					d := newCLIMachine(t, cli, name, bin).dir(t)
					write(t, filepath.Join(d.dir, "main.tf"), string(hcl))
					vars := func(apps string) {
						t.Helper()
						write(t, filepath.Join(d.dir, "terraform.tfvars.json"), fmt.Sprintf(
							`{"apps": %s, "sdk_app_id": %d, "endpoint": %q, "secret_key": %q, "webhook_url": %q, "token": %q}`,
							apps, testAppID, mock.URL(), testKey, variantURL(1), variantToken(1)))
					}
					vars(`{"old": {}}`)
					d.must("apply", "-auto-approve")

					vars(`{"old": {"retire": true}, "new": {}}`)
					out := d.must(append([]string{"apply", "-auto-approve"}, par.args...)...)
					outcomes.add(fmt.Sprintf("%d of 2 created first", leftInPlace(out)))
					for _, s := range []subject{webhook, token} {
						if err := s.holds(mock, 1); err != nil {
							t.Error(err)
						}
					}
					res := d.stateResources()
					if webhook.stateVariant(res, webhook.typeName+`.this["new"]`, 1) != 1 ||
						token.stateVariant(res, token.typeName+`.this["new"]`, 1) != 1 || len(res) != 2 {
						t.Errorf("state: %v, want the webhook and the token of key new alone", res)
					}
					vars(`{"new": {}}`)
					if code, out := d.planExit(); code != 0 {
						t.Errorf("the plan after the rename exits %d, want 0 (empty):\n%s", code, out)
					}
				})
			}
		})
		if got := outcomes.String(); got != "" {
			t.Logf("%s: %d run(s): %s", par.name, n, got)
		}
	}
	t.Logf("%d run(s) at each parallelism took %s", n, time.Since(started).Round(time.Second))
}
