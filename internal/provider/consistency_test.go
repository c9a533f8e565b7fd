package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// absentCode is what the mock answers a read of s when there is none.
func (s subject) absentCode() int {
	if s.product == nil {
		return 100302
	}
	return 100301
}

// readAnswered checks that a read since the last reset answered code:
// the read lagged as the test means it to.
func readAnswered(mock *trtcmock.Server, s subject, code int) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := mocktest.Answers(mock, s.service, s.get); !slices.Contains(got, code) {
			return fmt.Errorf("%s answered %v, want a lagging read (%d) among them", s.get, got, code)
		}
		return nil
	}
}

// Reads that lag longer than settleWindow (15 s against 10 s). The
// create's reads never show its write, so it trusts the API's answer and
// leaves a note; the plan right after, whose read still shows nothing
// (the lag is made to outlast it), is empty. Then a destroy, and a create
// of another object while reads still show the deleted one: it waits for
// them to catch up until its timeout (3 s) ends, and then says that TRTC's
// reads are catching up and that applying again settles it, not to import
// what TRTC no longer holds; also when the timeout ends during one of its
// reads. Applying again once reads caught up does.
func TestAccConsistency_lagLongerThanTheWindow(t *testing.T) {
	for _, s := range subjects() {
		t.Run(s.name, func(t *testing.T) {
			mock := startMock(t, func(o *trtcmock.Options) { o.ReadLag = 15 * time.Second })
			cfg := func(i int, extra ...string) string { return providerBlock(mock) + s.resource("this", i, extra...) }
			withTimeout := "timeouts {\n    create = \"3s\"\n  }"
			caughtUp := 0
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				// The create over the lagging read fails, as it should: the
				// error must be the one that says why, and nothing else.
				ErrorCheck: func(err error) error {
					switch {
					case !words("TRTC's reads still show the ... that an earlier run deleted at ... and the operation's " +
						"timeout ran out while waiting for them to catch up. TRTC holds none, most likely: run terraform " +
						"apply again and it will settle.").MatchString(err.Error()):
						return err
					case regexp.MustCompile(`import`).MatchString(err.Error()):
						return fmt.Errorf("the error speaks of import: %w", err)
					}
					caughtUp++
					return nil
				},
				Steps: []resource.TestStep{
					{Config: cfg(1), Check: s.holdsCheck(mock, 1)},
					{
						// The plan right after the create: its read shows none.
						PreConfig: func() { mock.SetReadLag(time.Hour); mock.ResetRequests() },
						Config:    cfg(1),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: readAnswered(mock, s, s.absentCode()),
					},
					{PreConfig: func() { mock.SetReadLag(15 * time.Second) }, Config: cfg(1), Destroy: true},
					{
						// Another object, while reads show the deleted one.
						PreConfig: func() { mock.SetReadLag(time.Hour) },
						Config:    cfg(2, withTimeout),
					},
					{
						// The same, where the timeout ends during a read (each
						// takes 0.8 s): the error is still the one of the wait.
						PreConfig: func() { mock.SetLatency(800 * time.Millisecond) },
						Config:    cfg(2, withTimeout),
					},
					{
						PreConfig: func() {
							if caughtUp != 2 {
								t.Errorf("%d of 2 creates over a lagging read of a deleted object failed as they should", caughtUp)
							}
							mock.SetLatency(0)
							mock.SetReadLag(0)
						},
						Config: cfg(2, withTimeout),
						Check:  s.holdsCheck(mock, 2),
					},
					{Config: cfg(2, withTimeout), PlanOnly: true},
				},
			})
		})
	}
}

// holdsCheck is holds as a check function.
func (s subject) holdsCheck(mock *trtcmock.Server, i int) func(*terraform.State) error {
	return func(*terraform.State) error { return s.holds(mock, i) }
}

// The token's read-after-write, stored and write-only: with every token
// read lagging every write (the state before the last write, for as long
// as the test runs, well within lagWindow), a create, an enabled flip, a
// new token and both at once each end with an empty plan, the state what
// was written, and the mock holding it.
func TestAccConsistency_tokenReadAfterWrite(t *testing.T) {
	type step struct {
		token   string
		enabled bool
		version int // token_wo_version
	}
	steps := []step{
		{token: hookToken, enabled: true, version: 1},   // create
		{token: hookToken, enabled: false, version: 1},  // enabled flip
		{token: hookToken3, enabled: false, version: 2}, // new token
		{token: hookToken2, enabled: true, version: 3},  // both
	}
	for _, writeOnly := range []bool{false, true} {
		name := "token"
		if writeOnly {
			name = "token_wo"
		}
		t.Run(name, func(t *testing.T) {
			mock := startMock(t, func(o *trtcmock.Options) { o.ReadLag = time.Hour })
			var ts []resource.TestStep
			for i, st := range steps {
				write := resource.TestStep{
					PreConfig: mock.ResetRequests,
					Config:    providerBlock(mock) + storedToken(st.token, st.enabled),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("enabled"), knownvalue.Bool(st.enabled)),
						statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("token"), knownvalue.StringExact(st.token)),
					},
					Check: resource.ComposeTestCheckFunc(
						mockHoldsToken(mock, st.token, st.enabled),
						tokenWritesExactly(mock, 1),
						lagged(mock, i == 0),
					),
				}
				if writeOnly {
					write.Config = providerBlock(mock) + writeOnlyToken(st.version, st.enabled)
					write.ConfigVariables = tokenVar(st.token)
					write.ConfigStateChecks = []statecheck.StateCheck{
						statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("enabled"), knownvalue.Bool(st.enabled)),
						statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("token_wo_version"), knownvalue.Int64Exact(int64(st.version))),
						statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("token"), knownvalue.Null()),
					}
				}
				// Then the plan, whose read lags the write just made.
				ts = append(ts, write, resource.TestStep{Config: write.Config, ConfigVariables: write.ConfigVariables, PlanOnly: true})
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				TerraformVersionChecks:   writeOnlyCLIsIf(writeOnly),
				Steps:                    ts,
				// The destroy, whose read lags the last write too, disables
				// the token.
				CheckDestroy: mockHoldsToken(mock, hookToken2, false),
			})
		})
		t.Run(name+"/destroyed right after the create", func(t *testing.T) {
			mock := startMock(t, func(o *trtcmock.Options) { o.ReadLag = time.Hour })
			write := resource.TestStep{Config: providerBlock(mock) + storedToken(hookToken, true)}
			if writeOnly {
				write = resource.TestStep{Config: providerBlock(mock) + writeOnlyToken(1, true), ConfigVariables: tokenVar(hookToken)}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				TerraformVersionChecks:   writeOnlyCLIsIf(writeOnly),
				Steps:                    []resource.TestStep{write},
				// Its read shows no token yet: the destroy disables it all the same.
				CheckDestroy: mockHoldsToken(mock, hookToken, false),
			})
		})
	}
}

// writeOnlyCLIsIf is writeOnlyCLIs for a write-only test, and no check otherwise.
func writeOnlyCLIsIf(writeOnly bool) []tfversion.TerraformVersionCheck {
	if writeOnly {
		return writeOnlyCLIs
	}
	return nil
}

// tokenWritesExactly checks the number of token writes since the last reset.
func tokenWritesExactly(mock *trtcmock.Server, want int) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := tokenWrites(mock); got != want {
			return fmt.Errorf("%d set_callback_token request(s), want %d", got, want)
		}
		return nil
	}
}

// lagged checks that the token reads since the last reset lagged the
// write just made: a create's reads all show no token; an update's
// confirming reads go on reading (they never see it) where a write they
// see takes two.
func lagged(mock *trtcmock.Server, create bool) func(*terraform.State) error {
	return func(*terraform.State) error {
		answers := mocktest.Answers(mock, trtcmock.ServiceLive, "get_callback_token")
		switch {
		case create && (len(answers) == 0 || slices.ContainsFunc(answers, func(c int) bool { return c != 100302 })):
			return fmt.Errorf("token reads answered %v, want each to show no token (lag)", answers)
		case !create && len(answers) < 5:
			return fmt.Errorf("token reads answered %v, want the confirming reads to go on (lag)", answers)
		}
		return nil
	}
}

// fakePrivate is private state for tests that call the engine's helpers.
type fakePrivate map[string][]byte

func (p fakePrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}
func (p fakePrivate) SetKey(_ context.Context, key string, v []byte) diag.Diagnostics {
	if len(v) == 0 {
		delete(p, key)
	} else {
		p[key] = v
	}
	return nil
}

// The one consistency policy: a certain write that no read has shown
// leaves a note, within whose lagWindow the answers TRTC held before it
// (here: none, and "old") are lag; a write a read has shown, and an
// uncertain one, leave none, so a stale answer after them is the truth.
func TestWriteNote(t *testing.T) {
	ctx := t.Context()
	var diags diag.Diagnostics
	private := fakePrivate{}
	noteWrite(ctx, private, written{wrote: true, stale: staleOf(nil, []byte("old")), value: []byte("new")}, &diags)
	note, ok := readWriteNote(ctx, private)
	if !ok || diags.HasError() {
		t.Fatalf("no note: %v", diags)
	}
	now := time.Now()
	for answer, want := range map[string]bool{"": true, "old": true, "other": false} {
		var fp []byte
		if answer != "" {
			fp = []byte(answer)
		}
		if got := note.lagging(fp, now); got != want {
			t.Errorf("lagging(%q) = %v, want %v", answer, got, want)
		}
		if note.lagging(fp, now.Add(lagWindow)) {
			t.Errorf("lagging(%q) after the window", answer)
		}
	}
	if raw := string(private[privateKeyWriteNote]); strings.Contains(raw, "old") {
		t.Errorf("the note holds a stale value, not its digest: %s", raw)
	}

	noteWrite(ctx, private, written{wrote: true, seen: true, stale: staleOf(nil)}, &diags)
	if _, ok := readWriteNote(ctx, private); ok {
		t.Error("a write a read has shown keeps the note of the write before")
	}
	noteWrite(ctx, private, written{wrote: true, uncertain: context.DeadlineExceeded}, &diags)
	if _, ok := readWriteNote(ctx, private); ok {
		t.Error("an uncertain write leaves a note")
	}
}

// The quiet period before a confirmed write's last read follows the round
// trip, within bounds.
func TestQuietPeriod(t *testing.T) {
	for rtt, want := range map[time.Duration]time.Duration{
		time.Millisecond: 250 * time.Millisecond, 400 * time.Millisecond: 800 * time.Millisecond, time.Minute: 5 * time.Second,
	} {
		if got := quietPeriod(rtt); got != want {
			t.Errorf("quietPeriod(%v) = %v, want %v", rtt, got, want)
		}
	}
}
