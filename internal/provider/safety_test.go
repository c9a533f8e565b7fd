package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// The tests here follow the safety issue point by point: each is a way a
// careful user could lose a webhook or touch the wrong app.

// 1. Pointing the provider at another app with the state unchanged is
// refused before any request: the plan, a refresh and a destroy fail with
// both SDKAppIDs and the way out, and app B is never called. Pointing the
// provider back at A finds everything as it was.
func TestAccSafety_otherAppIsNeverTouched(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mockA := startMock(t)
		mockB := startMock(t)
		p.put(mockB, "https://b.example.com/hook", p.word(2))
		atA := providerBlock(mockA) + p.resource(hookURL, []string{p.word(0)})
		atB := fmt.Sprintf("provider \"trtc\" {\n  sdk_app_id = %d\n  secret_key = %q\n  endpoint   = %q\n}\n",
			mocktest.OtherAppID, mocktest.OtherKey, mockB.URL()) + p.resource(hookURL2, []string{p.word(1)})
		refused := words(fmt.Sprintf("This %s belongs to SDKAppID 1400000000, but the provider is configured for SDKAppID "+
			"1400000001. To protect both apps, nothing was read, written or deleted in either. ... point the provider back "+
			"at it ... terraform state rm %[1]s.<name> ... removed { ... terraform import %[1]s.<name> 1400000001", p.typeName()))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			CheckDestroy:             mockEmpty(mockA, p),
			Steps: []resource.TestStep{
				{Config: atA},
				{Config: atB, PlanOnly: true, ExpectError: refused},
				{Config: atB, ExpectError: refused},
				{Config: atB, Destroy: true, ExpectError: refused},
				{
					Config: atA,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: mockHolds(mockA, p, hookURL, p.word(0)),
				},
			},
		})
		if n := mockB.CountRequests(""); n != 0 {
			t.Errorf("app B's data centre saw %d request(s): %v", n, mocktest.Commands(mockB, ""))
		}
		if err := mockHolds(mockB, p, "https://b.example.com/hook", p.word(2))(nil); err != nil {
			t.Errorf("app B's configuration changed: %v", err)
		}
	})
}

// 2. A word TRTC lists twice collapses on read: refresh, import, plans and
// the data source work, and the next apply that writes sends the clean list.
func TestAccSafety_duplicateWordsCollapse(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		p.put(mock, hookURL, p.word(0), p.word(0), p.word(1))
		cfg := providerBlock(mock) + p.resource(hookURL, []string{p.word(0), p.word(1)}) + p.dataSource()
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			CheckDestroy:             mockEmpty(mock, p),
			Steps: []resource.TestStep{
				{Config: cfg, ResourceName: p.addr(), ImportState: true, ImportStateId: testApp, ImportStatePersist: true},
				{
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(p.dataAddr(), tfjsonpath.New("callback_commands"),
							knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(p.word(0)), knownvalue.StringExact(p.word(1))})),
					},
				},
				{
					Config: providerBlock(mock) + p.resource(hookURL2, []string{p.word(0), p.word(1)}),
					Check: resource.ComposeTestCheckFunc(
						mockHolds(mock, p, hookURL2, p.word(0), p.word(1)), // each word once
						countRequests(mock, p, p.updateCommand(), 1),
					),
				},
			},
		})
	})
}

// 3. Delete then create while reads still show the deleted configuration:
// a replacement (taint, as -replace), a destroy followed at once by an
// apply, a create_before_destroy replacement and a rename without a moved
// block all end with the configured webhook present and in state, and an
// empty plan.
func TestAccSafety_replaceInsideReadLag(t *testing.T) {
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

// 4. A create whose write may have landed but could not be confirmed is
// recorded without tainting it, so the next apply never deletes a
// configuration that already matches; when the write did not land, the
// next apply creates it.
func TestAccSafety_uncertainCreateConverges(t *testing.T) {
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

// 5. The operation's timeout bounds everything it does, settling included.
func TestAccSafety_timeoutBoundsTheWholeOperation(t *testing.T) {
	const budget = 3 * time.Second
	// The CLI's own start and the plan before the apply are outside the
	// operation: this much more wall time is allowed for them, on a loaded
	// machine. Settling after the timeout, as before, added 15 s.
	const overhead = 8 * time.Second
	forEachProduct(t, func(t *testing.T, p product) {
		t.Run("hung read", func(t *testing.T) {
			mock := startMock(t)
			mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultHang, Times: 100})
			var start time.Time
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					PreConfig:   func() { start = time.Now() },
					Config:      providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}, "timeouts {\n    create = \"3s\"\n  }"),
					ExpectError: words(fmt.Sprintf("TRTC %s/get_callback timed out after 1 attempt(s). ... The operation's timeout ran out.", p.service())),
				}},
			})
			if took := time.Since(start); took > budget+overhead {
				t.Errorf("a %s create timeout took %s", budget, took)
			}
		})
		t.Run("hung write", func(t *testing.T) {
			mock := startMock(t)
			mock.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultHang, Times: 100})
			cfg := providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}, "timeouts {\n    create = \"3s\"\n  }")
			var start time.Time
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{
						// The write may have landed: recorded with a warning,
						// and no time is spent settling past the timeout.
						PreConfig:          func() { start = time.Now() },
						Config:             cfg,
						ExpectNonEmptyPlan: true,
						Check: func(*terraform.State) error {
							if took := time.Since(start); took > budget+overhead {
								return fmt.Errorf("a %s create timeout took %s", budget, took)
							}
							return nil
						},
					},
					{
						// It had not landed: the next plan creates it.
						Config:             cfg,
						PlanOnly:           true,
						ExpectNonEmptyPlan: true,
					},
				},
			})
		})
	})
}

// 6. Inputs TRTC cannot take are plan-time errors on the attribute, with
// no request sent; what TRTC can take in another spelling is accepted.
func TestAccSafety_inputsCheckedAtPlanTime(t *testing.T) {
	mock := startMock(t)
	provider := func(sdkAppID string) string {
		return fmt.Sprintf("provider \"trtc\" {\n  sdk_app_id = %s\n  secret_key = %q\n  endpoint   = %q\n}\n", sdkAppID, testKey, mock.URL())
	}
	cases := map[string]struct{ config, want string }{
		"sdk_app_id over 32 bits": {provider("4294967296") + live.dataSource(),
			`Invalid SDKAppID ... sdk_app_id must be a whole number from 1 to 4294967295 (SDKAppIDs are 32-bit), got 4294967296.`},
		"sdk_app_id a fraction": {provider("1.5") + live.dataSource(),
			`sdk_app_id must be a whole number from 1 to 4294967295 (SDKAppIDs are 32-bit), got 1.5.`},
		"sdk_app_id beyond int64": {provider("99999999999999999999") + live.dataSource(),
			`sdk_app_id must be a whole number from 1 to 4294967295 (SDKAppIDs are 32-bit), got 99999999999999999999.`},
		"url with a space": {providerBlock(mock) + live.resource("https://hooks.example.com/a b", []string{live.word(0)}),
			`url must not contain spaces or control characters`},
		"url port over 65535": {providerBlock(mock) + live.resource("https://hooks.example.com:70000/x", []string{live.word(0)}),
			`url must have a port from 1 to 65535`},
		"url with a fragment": {providerBlock(mock) + live.resource("https://hooks.example.com/x#frag", []string{live.word(0)}),
			`url must not have a fragment`},
	}
	for _, p := range products() {
		other := otherProduct(p)
		cases[p.typeSuffix+": word of another product"] = struct{ config, want string }{
			providerBlock(mock) + p.resource(hookURL, []string{other.word(0)}),
			fmt.Sprintf(`Callback command of another product ... %q is a %s callback command, not a %s one: configure it in %s.`,
				other.word(0), other.title, p.title, other.typeName()),
		}
		cases[p.typeSuffix+": word in the wrong case"] = struct{ config, want string }{
			providerBlock(mock) + p.resource(hookURL, []string{strings.ToLower(p.word(0))}),
			fmt.Sprintf(`Did you mean %q? Command words are case-sensitive.`, p.word(0)),
		}
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps:                    []resource.TestStep{{Config: tc.config, PlanOnly: true, ExpectError: words(tc.want)}},
			})
		})
	}
	t.Cleanup(func() {
		if n := mock.CountRequests(""); n != 0 {
			t.Errorf("invalid input sent %d request(s)", n)
		}
	})
}

// 6. https:// against a plain-HTTP endpoint fails after one attempt (a TLS
// handshake failure is permanent); an endpoint ending in /v4, as the
// documented request URLs do, is the same base URL.
func TestAccSafety_endpointMistakes(t *testing.T) {
	mock := startMock(t)
	t.Run("https against plain http", func(t *testing.T) {
		// Six attempts with backoff took 8 s; the error counts them.
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config: fmt.Sprintf("provider \"trtc\" {\n  sdk_app_id = %d\n  secret_key = %q\n  endpoint   = %q\n}\n",
					testAppID, testKey, strings.Replace(mock.URL(), "http://", "https://", 1)) + live.dataSource(),
				ExpectError: words("failed after 1 attempt(s) ... http: server gave HTTP response to HTTPS client"),
			}},
		})
	})
	t.Run("endpoint ending in /v4", func(t *testing.T) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config: fmt.Sprintf("provider \"trtc\" {\n  sdk_app_id = %d\n  secret_key = %q\n  endpoint   = %q\n}\n",
					testAppID, testKey, mock.URL()+"/v4/") + live.resource(hookURL, []string{live.word(0)}),
				Check: mockHolds(mock, live, hookURL, live.word(0)),
			}},
		})
	})
}

// 7. An update that meets no configuration says so with ErrorCode and
// RequestId, like every other API error.
func TestAccSafety_updateMeetsNoConfiguration(t *testing.T) {
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
