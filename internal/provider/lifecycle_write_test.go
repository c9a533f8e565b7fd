package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// A create whose write may have landed but could not be confirmed is
// recorded without tainting it, so the next apply never deletes a
// configuration that already matches; when the write did not land, the
// next apply creates it.
func TestAccLifecycle_uncertainCreateConverges(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		for name, tc := range map[string]struct {
			write  trtcmock.FaultKind
			landed bool
		}{
			"write landed":     {trtcmock.FaultLoseAnswer, true},
			"write never sent": {trtcmock.FaultDrop, false},
		} {
			t.Run(name, func(t *testing.T) {
				mock := startMock(t)
				mock.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: tc.write})
				// The read that would confirm the write fails too (after the
				// create's first read).
				mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultDrop, Skip: 1})
				cfg := providerBlock(mock, "max_retries = 0") + p.resource(hookURL, []string{p.word(0)})
				next := resource.TestStep{
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
				}
				if !tc.landed {
					next.ConfigPlanChecks.PreApply = []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionCreate)}
				}
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(t),
					CheckDestroy:             mockEmpty(mock, p),
					Steps: []resource.TestStep{
						{
							// Recorded, not tainted; when the write did not land,
							// the refresh after it already plans the create.
							Config: cfg,
							ConfigStateChecks: []statecheck.StateCheck{
								statecheck.ExpectKnownValue(p.addr(), tfjsonpath.New("id"), knownvalue.StringExact(testApp)),
							},
							ExpectNonEmptyPlan: !tc.landed,
						},
						next,
						{
							Config: cfg,
							Check: resource.ComposeTestCheckFunc(
								mockHolds(mock, p, hookURL, p.word(0)),
								countRequests(mock, p, "delete_callback", 0),
							),
						},
					},
				})
			})
		}
	})
}

// An update that meets no configuration says so with ErrorCode and
// RequestId, like every other API error.
func TestAccLifecycle_updateMeetsNoConfiguration(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{
				{Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0)})},
				{
					PreConfig: func() {
						mock.InjectFault(trtcmock.Fault{Command: p.updateCommand(), Kind: trtcmock.FaultErrorCode, ErrorCode: 100301, ErrorInfo: "callback config not exist"})
					},
					Config: providerBlock(mock) + p.resource(hookURL2, []string{p.word(0)}),
					ExpectError: words("ErrorCode: 100301 ErrorInfo: callback config not exist RequestId: Id- ... " +
						"The configuration was deleted outside Terraform while this apply ran."),
				},
			},
		})
	})
}

// testApps configures the provider for the test app (the default) and the
// other test app, sending nothing.
func testApps(t *testing.T) (d *providerData, a, other *app) {
	t.Helper()
	d = configureForTest(t, map[string]string{envSDKAppID: testApp, envSecretKey: testKey, envEndpoint: "http://127.0.0.1:9"})
	return d, d.defaultApp, d.defaultApp
}

func ptr(s string) *string { return &s }

// The create rule, driven through the engine over a kind that has no code
// for it: each case is what TRTC holds before the create, and what the
// create must do.
func TestCreateRule(t *testing.T) {
	for name, tc := range map[string]struct {
		setup func(s *bareStore, e *lifecycle[bareModel, string], a *app)
		want  string   // the value TRTC holds afterwards, "" for none
		calls []string // what the kind was asked to do
		err   string   // a refusal, or "" for success
	}{
		"none: written and confirmed": {
			setup: func(*bareStore, *lifecycle[bareModel, string], *app) {},
			want:  "v1", calls: []string{"get", "put", "get", "get"},
		},
		"identical: adopted, nothing written": {
			setup: func(s *bareStore, _ *lifecycle[bareModel, string], a *app) { s.set(a.id, "v1", true) },
			want:  "v1", calls: []string{"get"},
		},
		"different: refused at once": {
			setup: func(s *bareStore, _ *lifecycle[bareModel, string], a *app) { s.set(a.id, "console", true) },
			want:  "console", calls: []string{"get"}, err: errNotOurs.Error(),
		},
		"deleted by this run, the read lagging: written": {
			setup: func(s *bareStore, e *lifecycle[bareModel, string], a *app) {
				e.data.ledger.record(e.key(a, ""), ledgerDeleted, []byte("old"))
				s.lag(a.id, ptr("old"))
				s.onGet = func(app uint64, n int) { // the lag ends after the create's read
					if n == 1 {
						s.unlag(app)
					}
				}
			},
			want: "v1", calls: []string{"get", "put", "get", "get"},
		},
		"deleted by an earlier run, the read catching up: waited for, then written": {
			setup: func(s *bareStore, e *lifecycle[bareModel, string], a *app) {
				other := &ledger{dir: e.data.ledger.dir, run: "earlier", locks: map[string]*sync.Mutex{}}
				other.record(e.key(a, ""), ledgerDeleted, []byte("old"))
				s.lag(a.id, ptr("old"))
				s.onGet = func(app uint64, n int) {
					if n == 1 {
						s.unlag(app)
					}
				}
			},
			want: "v1", calls: []string{"get", "get", "put", "get", "get"},
		},
		"destroyed by this plan, the destroy runs meanwhile: waited for, then written": {
			setup: func(s *bareStore, e *lifecycle[bareModel, string], a *app) {
				s.set(a.id, "old", true)
				e.data.ledger.update(e.key(a, ""), func(r *ledgerRecord) {
					r.DestroyPlanned = e.data.ledger.entry(ledgerDestroyPlanned, []byte("old"))
				})
				s.onGet = func(app uint64, n int) {
					if n == 1 { // the other instance's delete, which needs the object's lock
						go func() {
							unlock, err := e.data.ledger.lock(context.Background(), e.key(a, ""))
							if err != nil {
								panic(err)
							}
							defer unlock()
							s.set(app, "", false)
							e.data.ledger.record(e.key(a, ""), ledgerDeleted, []byte("old"))
						}()
					}
				}
			},
			want: "v1", calls: []string{"get", "get", "put", "get", "get"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			d, a, _ := testApps(t)
			s := newBareStore()
			e := bareEngine(d, s)
			tc.setup(s, e, a)
			_, err := e.createWrite(context.WithValue(t.Context(), createStartKey{}, time.Now()), a, "", "v1")
			if got := fmt.Sprint(err); (tc.err == "" && err != nil) || (tc.err != "" && !strings.Contains(got, tc.err)) {
				t.Fatalf("createWrite = %v, want %q", err, tc.err)
			}
			if got, _ := s.value(a.id); got != tc.want {
				t.Errorf("TRTC holds %q, want %q", got, tc.want)
			}
			if got := s.callsOf(a.id); !slices.Equal(got, tc.calls) {
				t.Errorf("calls %v, want %v", got, tc.calls)
			}
		})
	}
}

// A refused create marks the object, so a destroy of this run that was to
// remove it (the old address of a rename) leaves it in place; a destroy
// that this plan makes, and that does not come while the create waits,
// refuses the create with a message of its own.
func TestCreateRefusedKeepsTheObject(t *testing.T) {
	d, a, _ := testApps(t)
	s := newBareStore()
	e := bareEngine(d, s)
	s.set(a.id, "old", true)
	e.data.ledger.update(e.key(a, ""), func(r *ledgerRecord) {
		r.DestroyPlanned = e.data.ledger.entry(ledgerDestroyPlanned, []byte("old"))
	})
	ctx, cancel := context.WithTimeout(context.WithValue(t.Context(), createStartKey{}, time.Now()), time.Second)
	defer cancel()
	if _, err := e.createWrite(ctx, a, "", "v1"); !errors.As(err, new(*destroyPending)) {
		t.Fatalf("createWrite = %v, want destroyPending", err)
	}
	rec := d.ledger.read(e.key(a, ""))
	if !rec.refusedThisRun([]byte("old"), d.ledger.run) {
		t.Error("the refusal is not in the ledger")
	}
	if slices.Contains(s.callsOf(a.id), "put") {
		t.Error("a refused create wrote")
	}
}

// Confirmation: another writer that lands between the two reads fails
// the write, naming both values; one that only lags is trusted; a write
// seen twice is confirmed.
func TestConfirm(t *testing.T) {
	d, a, _ := testApps(t)
	t.Run("another writer", func(t *testing.T) {
		s := newBareStore()
		e := bareEngine(d, s)
		s.onGet = func(app uint64, n int) {
			if n == 2 { // after the create's read and the first confirming read
				s.set(app, "theirs", true)
			}
		}
		_, err := e.createWrite(context.WithValue(t.Context(), createStartKey{}, time.Now()), a, "", "ours")
		var conflict *conflictError[string]
		if !errors.As(err, &conflict) || conflict.ours != "ours" || conflict.theirs != "theirs" {
			t.Fatalf("createWrite = %v, want a conflict naming both", err)
		}
		var diags diag.Diagnostics
		e.addWriteError(&diags, a, "", "Could not create", err)
		if detail := diags[0].Detail(); !strings.Contains(detail, "written:  ours") || !strings.Contains(detail, "now held: theirs") ||
			!strings.Contains(detail, "Two Terraform states") {
			t.Errorf("detail:\n%s", detail)
		}
	})
	t.Run("lag only", func(t *testing.T) {
		s := newBareStore()
		e := bareEngine(d, s)
		s.lag(a.id, nil) // reads answer "none" throughout
		ctx, cancel := context.WithTimeout(context.WithValue(t.Context(), createStartKey{}, time.Now()), time.Second)
		defer cancel()
		w, err := e.createWrite(ctx, a, "", "ours")
		if err != nil || w.seen || !w.wrote || len(w.stale) != 1 || w.stale[0] != nil {
			t.Fatalf("createWrite = %+v, %v; want written, not seen, stale answer none", w, err)
		}
	})
	t.Run("uncertain, then seen", func(t *testing.T) {
		s := newBareStore()
		e := bareEngine(d, s)
		s.putErr = func() (error, bool) { return &trtcapi.RequestError{Uncertain: true, Err: errors.New("lost")}, true }
		w, err := e.createWrite(context.WithValue(t.Context(), createStartKey{}, time.Now()), a, "", "ours")
		if err != nil || !w.seen || w.uncertain != nil {
			t.Fatalf("createWrite = %+v, %v; want settled as written", w, err)
		}
	})
	t.Run("uncertain, nothing to read", func(t *testing.T) {
		s := newBareStore()
		e := bareEngine(d, s)
		s.putErr = func() (error, bool) { return &trtcapi.RequestError{Uncertain: true, Err: errors.New("lost")}, false }
		ctx, cancel := context.WithTimeout(context.WithValue(t.Context(), createStartKey{}, time.Now()), time.Second)
		defer cancel()
		w, err := e.createWrite(ctx, a, "", "ours")
		if err != nil || w.uncertain == nil || w.stale != nil {
			t.Fatalf("createWrite = %+v, %v; want uncertain, with no lag tolerance", w, err)
		}
	})
	t.Run("uncertain, another stands", func(t *testing.T) {
		s := newBareStore()
		e := bareEngine(d, s)
		s.putErr = func() (error, bool) {
			s.held[a.id] = "theirs" // under s.mu: another writer landed instead
			return &trtcapi.RequestError{Uncertain: true, Err: errors.New("lost")}, false
		}
		_, err := e.createWrite(context.WithValue(t.Context(), createStartKey{}, time.Now()), a, "", "ours")
		if !errors.Is(err, errNotOurs) {
			t.Fatalf("createWrite = %v, want a certain failure", err)
		}
	})
}
