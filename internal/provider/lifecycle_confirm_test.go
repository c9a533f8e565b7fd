package provider

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// Two states, one app's object, on an API that overwrites: two working
// directories on two machines (each its own ledger) apply the same
// singleton with different values at about the same time, against a slow
// API (400 ms a request) whose create overwrites (Call's set_callback; Live
// and Conference as if theirs did; the token's). The API has no
// compare-and-swap, so the engine cannot stop the second write; what it
// must do is notice: at least one apply fails, saying that two states
// manage one app's object and naming what each wrote, and neither state
// claims what TRTC does not hold (each matches the mock, or has no
// resource). Overlapping creates start 0.5 s apart and at once (both may
// write: the one overwritten fails), and 3 s apart (the second read sees
// the first's write, most likely, and refuses, naming both); then both
// directories adopt the same object (no write at all) and update it to
// values of their own, 0.5 s apart and at once, where the loser's state
// records the winner's value.
func TestAccConfirm_overlappingWriters(t *testing.T) {
	cli, name, _ := cliUnderTest(t)
	bin := buildProvider(t)
	for _, s := range subjects() {
		t.Run(s.name, func(t *testing.T) {
			for _, tc := range []struct {
				name string
				// update: both adopt variant 0 first, then update.
				update  bool
				stagger time.Duration
			}{
				{name: "creates 0.5s apart", stagger: 500 * time.Millisecond},
				{name: "creates at once"},
				// The first has written before the second reads, most likely:
				// the second is refused.
				{name: "creates 3s apart", stagger: 3 * time.Second},
				{name: "updates 0.5s apart", update: true, stagger: 500 * time.Millisecond},
				{name: "updates at once", update: true},
			} {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					mock := startMock(t, func(o *trtcmock.Options) {
						o.Latency = 400 * time.Millisecond
						o.SetOverwrites = true
					})
					// One variant per directory: 1 for a, 2 for b.
					dirs := []*cliDir{
						newCLIMachine(t, cli, name, bin).dir(t),
						newCLIMachine(t, cli, name, bin).dir(t),
					}
					if tc.update {
						// Both states adopt what TRTC holds: neither writes.
						s.put(mock, 0)
						for _, d := range dirs {
							d.configure(providerBlock(mock) + s.resource("this", 0))
							d.must("apply", "-auto-approve")
						}
						if n := s.count(mock, s.set); n != 0 {
							t.Errorf("adopting an identical object sent %s %d time(s), want 0", s.set, n)
						}
						if n := s.count(mock, "update_callback"); n != 0 {
							t.Errorf("adopting an identical object sent update_callback %d time(s), want 0", n)
						}
					}
					for i, d := range dirs {
						d.configure(providerBlock(mock) + s.resource("this", i+1))
					}
					results := make([]cliResult, len(dirs))
					var wg sync.WaitGroup
					for i, d := range dirs {
						if i > 0 {
							time.Sleep(tc.stagger)
						}
						wg.Go(func() { results[i] = d.timed("apply", "-auto-approve") })
					}
					wg.Wait()

					held := s.held(mock, 1, 2)
					if held < 0 {
						t.Fatalf("the mock holds %s, want variant 1 or 2", s.describeHeld(mock))
					}
					failed := 0
					for i, r := range results {
						t.Logf("%c: apply took %s: %s", "ab"[i], r.took.Round(10*time.Millisecond), writerOutcome(r))
						if r.err == nil {
							continue
						}
						failed++
						if exitCode(r.err) != 1 {
							t.Errorf("apply %c: %v\n%s", "ab"[i], r.err, r.out)
							continue
						}
						checkNamesTheConflict(t, s, r.out, i+1, held)
					}
					if failed == 0 {
						t.Errorf("both applies succeeded, and the mock holds variant %d: the other state claims what TRTC does not hold", held)
					}
					// Neither state claims what TRTC does not hold.
					for i, d := range dirs {
						got := s.stateVariant(d.stateResources(), s.addr("this"), 1, 2)
						if got != held && (got != -1 || tc.update) {
							t.Errorf("state %c holds variant %d, the mock %d\napply output:\n%s", "ab"[i], got, held, results[i].out)
						}
					}
				})
			}
		})
	}
}

// checkNamesTheConflict checks that a failed apply of variant mine, while
// the mock holds variant held, says that two states manage the object and
// names both values.
func checkNamesTheConflict(t *testing.T, s subject, out string, mine, held int) {
	t.Helper()
	want := []string{s.shown(mine), s.shown(held)}
	// The conflict's "Two Terraform states ...", the refusal's "... two
	// Terraform states would manage ...".
	if !regexp.MustCompile("(?i)" + words("two Terraform states").String()).MatchString(out) {
		t.Errorf("the failure does not say that two states manage the object:\n%s", out)
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("the failure does not name %q:\n%s", w, out)
		}
	}
}

// writerOutcome says how an overlapping apply ended, for the log.
func writerOutcome(r cliResult) string {
	switch {
	case r.err == nil:
		return "applied"
	case strings.Contains(r.out, "right after, TRTC held another one"):
		return "failed: overwritten by the other (confirm)"
	case strings.Contains(r.out, "do not import it here"):
		return "failed: refused over the other's (create rule)"
	}
	return fmt.Sprintf("failed: %v", r.err)
}
