package provider

import (
	"context"
	"fmt"
	"slices"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// The app binding with many apps in one provider (app_binding.go): an
// object stays in its app, moves only by replacement, and an object or
// request naming an app the provider does not hold is refused before any
// request, with the way on.

// deletedBeforeCreated checks the replacement's order in mock's log: the
// delete in app from comes before any write to app to, and the create in
// to begins with the create rule's read. (The plan reads to once, to see
// that the move lands on nothing it would have to refuse.)
func deletedBeforeCreated(mock *trtcmock.Server, from, to uint64, p product) func(*terraform.State) error {
	return func(*terraform.State) error {
		log := mock.Requests()
		del := slices.IndexFunc(log, func(r trtcmock.Request) bool {
			return r.SDKAppID == sdkAppIDString(from) && r.Command == "delete_callback"
		})
		if del < 0 {
			return fmt.Errorf("no delete in %d: %v", from, mocktest.Commands(mock, ""))
		}
		for _, r := range log[:del] {
			if r.SDKAppID == sdkAppIDString(to) && r.Command != "get_callback" {
				return fmt.Errorf("SDKAppID %d got %s before the delete in %d", to, r.Command, from)
			}
		}
		next := slices.IndexFunc(log[del:], func(r trtcmock.Request) bool { return r.SDKAppID == sdkAppIDString(to) })
		switch {
		case next < 0:
			return fmt.Errorf("no request to %d after the delete in %d: %v", to, from, mocktest.Commands(mock, ""))
		case log[del+next].Command != "get_callback":
			return fmt.Errorf("the create in %d began with %s, not the create rule's read", to, log[del+next].Command)
		}
		return nil
	}
}

// A changed sdk_app_id replaces the resource, as the plan says: it is
// deleted in the old app, then created in the new one under the create
// rule (read first), each request signed by its own app. The object then
// stays in the new app when sdk_app_id is omitted again.
func TestAccApps_changedSDKAppIDReplaces(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startFleet(t)
		block := appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey))
		inA := block + p.resource(hookURL, []string{p.word(0)})
		inB := block + p.resource(hookURL, []string{p.word(0)}, ofApp(mocktest.OtherAppID))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			CheckDestroy:             resource.ComposeTestCheckFunc(emptyIn(mock, testAppID, p), emptyIn(mock, mocktest.OtherAppID, p)),
			Steps: []resource.TestStep{
				{Config: inA, Check: holdsIn(mock, testAppID, p, hookURL, p.word(0))},
				{
					PreConfig: mock.ResetRequests,
					Config:    inB,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionDestroyBeforeCreate),
							plancheck.ExpectKnownValue(p.addr(), tfjsonpath.New("id"), knownvalue.StringExact(otherApp)),
						},
					},
					Check: resource.ComposeTestCheckFunc(
						emptyIn(mock, testAppID, p),
						holdsIn(mock, mocktest.OtherAppID, p, hookURL, p.word(0)),
						deletedBeforeCreated(mock, testAppID, mocktest.OtherAppID, p),
						writesAre(mock, testAppID, p, "delete_callback"),
						writesAre(mock, mocktest.OtherAppID, p, "set_callback"),
						signedByOwnApp(mock, []uint64{testAppID, mocktest.OtherAppID}, nil),
						resource.TestCheckResourceAttr(p.addr(), "id", otherApp),
						resource.TestCheckResourceAttr(p.addr(), "sdk_app_id", otherApp),
					),
				},
				{
					// Omitted again: the object stays where it is.
					Config: inA,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
				},
			},
		})
	})
}

// A move to an app that already holds a configuration Terraform does not
// manage is refused by the create rule, with import instructions naming
// that app, and that configuration is never written. Replaced in the
// default order, the old app's webhook is deleted first, as planned; with
// create_before_destroy it stays, and so does the resource.
func TestAccApps_moveMeetsTheCreateRule(t *testing.T) {
	p := live
	const console = "https://console.example.com/hook"
	// Refused at plan time, before the replacement deletes anything: at
	// apply, its create would be refused after its destroy had run.
	refused := words(fmt.Sprintf("The app already holds a different object ... SDKAppID 1400000001 already holds a "+
		"different %s (%s [%s]). Moving this resource there would delete it in its app and then refuse to overwrite "+
		"SDKAppID 1400000001's, leaving neither.", webhookKind{liveWebhook}.noun(), console, p.word(2)))
	for name, cbd := range map[string]bool{"destroy first": false, "create_before_destroy": true} {
		t.Run(name, func(t *testing.T) {
			mock := startFleet(t)
			p.putIn(mock, mocktest.OtherAppID, console, p.word(2))
			block := appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey))
			var extra []string
			if cbd {
				extra = []string{"lifecycle {\n    create_before_destroy = true\n  }"}
			}
			inA := block + p.resource(hookURL, []string{p.word(0)}, extra...)
			inB := block + p.resource(hookURL, []string{p.word(0)}, append(extra, ofApp(mocktest.OtherAppID))...)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{Config: inA},
					{PreConfig: mock.ResetRequests, Config: inB, ExpectError: refused},
					{
						// The old object is still the resource's, in its app.
						Config: inA,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: holdsIn(mock, testAppID, p, hookURL, p.word(0)),
					},
				},
			})
			if err := holdsIn(mock, mocktest.OtherAppID, p, console, p.word(2))(nil); err != nil {
				t.Errorf("the console's configuration changed: %v", err)
			}
			if got := writesOf(mock, mocktest.OtherAppID, p); len(got) > 0 {
				t.Errorf("SDKAppID %d got writes %v", mocktest.OtherAppID, got)
			}
			if err := signedByOwnApp(mock, []uint64{testAppID, mocktest.OtherAppID}, nil)(nil); err != nil {
				t.Error(err)
			}
		})
	}
}

// Whatever names an app the provider holds no credentials for is refused
// at plan time, before any request: a resource, a data source and
// trtc_user_sig (an error on their sdk_app_id), an import by ID or by
// identity, and a list. Every message names the app and the apps held.
func TestAccApps_absentAppRefusedBeforeAnyRequest(t *testing.T) {
	p := live
	held := "(it holds 1400000000, 1400000001)"
	onAttr := func(block, addr string) string {
		return fmt.Sprintf("App not configured in the provider with %s, ... in %s: ... sdk_app_id = 1400009999 ... "+
			"sdk_app_id is 1400009999, but the provider holds no credentials for that app %s. Add it to the "+
			"provider's apps: apps = [ { sdk_app_id = 1400009999, secret_key = var.trtc_secret_keys[\"1400009999\"] }, ]",
			addr, block, held)
	}
	importBlock := func(how string) string {
		return fmt.Sprintf("\nimport {\n  to = %s\n  %s\n}\n", p.addr(), how)
	}
	notHeld := "Import ID is another app The import ID names SDKAppID 1400009999, which is not one of the provider's " +
		"apps (1400000000, 1400000001). Add it to apps (with its secret key) to import it."
	tests := map[string]struct {
		config string
		want   string
		query  string
		checks []tfversion.TerraformVersionCheck
	}{
		"resource": {
			config: p.resource(hookURL, []string{p.word(0)}, ofApp(absentAppID)),
			want:   onAttr(`resource "trtc_live_webhook" "this"`, p.addr()),
		},
		"data source": {
			config: p.dataSource(ofApp(absentAppID)),
			want:   onAttr(`data "trtc_live_webhook" "current"`, p.dataAddr()),
		},
		"token": {
			config: fmt.Sprintf("\nresource %q \"this\" {\n  enabled = true\n  token   = %q\n  %s\n}\n", liveWebhookTokenType, hookToken, ofApp(absentAppID)),
			want:   onAttr(`resource "trtc_live_webhook_token" "this"`, tokenAddr),
		},
		"ephemeral user sig": {
			config: echoUserSig(`user_id = "bot"`, ofApp(absentAppID)),
			want:   onAttr(`ephemeral "trtc_user_sig" "this"`, "ephemeral.trtc_user_sig.this"),
			checks: ephemeralCLIs,
		},
		"import by id": {
			config: p.resource(hookURL, []string{p.word(0)}) + importBlock(`id = "1400009999"`),
			want:   notHeld,
		},
		"import by identity": {
			config: p.resource(hookURL, []string{p.word(0)}) + importBlock("identity = {\n    sdk_app_id = 1400009999\n  }"),
			want:   notHeld,
			checks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		},
		"list": {
			query: fmt.Sprintf("list %q \"found\" {\n  provider = trtc\n  config {\n    %s\n  }\n}\n", p.typeName(), ofApp(absentAppID)),
			want: "App not configured in the provider ... sdk_app_id is 1400009999, but the provider holds no credentials " +
				"for that app " + held,
			checks: queryCLIs,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			mock := startFleet(t)
			block := appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey))
			steps := []resource.TestStep{{Config: block + tc.config, PlanOnly: true, ExpectError: words(tc.want)}}
			if tc.query != "" {
				steps = []resource.TestStep{
					{Config: block, Check: noRequests(mock)},
					{Query: true, Config: tc.query, ExpectError: words(tc.want)},
				}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: withEcho(t),
				TerraformVersionChecks:   tc.checks,
				Steps:                    steps,
			})
			if err := noRequests(mock)(nil); err != nil {
				t.Error(err)
			}
		})
	}
}

// An app removed from apps while its webhook is still in the state: every
// plan, apply and destroy fails before any request, naming the app and the
// ways on; then each way works. Added back for one apply, the webhook can
// be destroyed; or a removed block forgets it, leaving it in its app.
func TestAccApps_appRemovedWhileInState(t *testing.T) {
	p := live
	refused := words(fmt.Sprintf("Resource belongs to another app ... This %s belongs to SDKAppID 1400000001, and the "+
		"provider holds no credentials for it (it holds 1400000000, 1400000002). To protect every app, nothing was "+
		"read, written or deleted. If the apps entry of 1400000001 was removed, add it back (with its secret key) for "+
		"this apply: the resource can then be destroyed, or moved to another app by changing its sdk_app_id. To stop "+
		"managing it without deleting it, first forget this one without deleting it: terraform state rm %[1]s.<name> "+
		"or, with Terraform 1.7 or later, a removed block: removed { from = %[1]s.<name> lifecycle { destroy = false } }",
		p.typeName()))
	setup := func(t *testing.T) (mock *trtcmock.Server, all, without string) {
		mock = startFleet(t)
		a := p.named("a", hookURL, []string{p.word(0)})
		all = appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey), entry(thirdAppID, thirdKey)) + a
		without = appsBlock(mock, entry(thirdAppID, thirdKey)) + a
		return mock, all, without
	}
	b := p.named("b", hookURL2, []string{p.word(1)}, ofApp(mocktest.OtherAppID))

	t.Run("refused, then added back to destroy", func(t *testing.T) {
		mock, all, without := setup(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{
				{Config: all + b},
				{PreConfig: mock.ResetRequests, Config: without + b, PlanOnly: true, ExpectError: refused},
				{Config: without + b, ExpectError: refused},
				{Config: without, ExpectError: refused},
				{Config: without + b, Destroy: true, ExpectError: refused},
				{
					Config: all + b,
					PreConfig: func() {
						if err := noRequestsFor(mock, mocktest.OtherAppID)(nil); err != nil {
							t.Errorf("while the app was not held: %v", err)
						}
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
				},
				{
					// Added back for this apply, the webhook is destroyed ...
					Config: all,
					Check:  emptyIn(mock, mocktest.OtherAppID, p),
				},
				{
					// ... and then the app can leave.
					Config: without,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
				},
			},
		})
	})

	t.Run("removed block", func(t *testing.T) {
		// OpenTofu refreshes the resource before it forgets it: the
		// refresh sends nothing and keeps the state, with a warning.
		mock, all, without := setup(t)
		forget := fmt.Sprintf("\nremoved {\n  from = %s\n  lifecycle {\n    destroy = false\n  }\n}\n", p.at("b"))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_7_0)},
			Steps: []resource.TestStep{
				{Config: all + b},
				{
					PreConfig: mock.ResetRequests,
					Config:    without + forget,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{expectForgotten(p.at("b"))},
					},
					Check: resource.ComposeTestCheckFunc(
						noRequestsFor(mock, mocktest.OtherAppID),
						holdsIn(mock, mocktest.OtherAppID, p, hookURL2, p.word(1)),
					),
				},
				{
					Config: without,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
				},
			},
		})
	})
}

// With only the default app left, the message says so, and still names the
// way back: add the app to apps.
func TestAccApps_lastEntryRemovedWhileInState(t *testing.T) {
	p := live
	mock := startFleet(t)
	b := p.named("b", hookURL2, []string{p.word(1)}, ofApp(mocktest.OtherAppID))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{
			{Config: appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey)) + b},
			{
				PreConfig: mock.ResetRequests,
				Config:    providerBlock(mock) + b,
				PlanOnly:  true,
				ExpectError: words("This trtc_live_webhook belongs to SDKAppID 1400000001, but the provider is configured for " +
					"SDKAppID 1400000000. ... add 1400000001 to the provider's apps (with its secret key), if only for the apply that destroys it ... " +
					"removed {"),
			},
			{
				Config: appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey)) + b,
				PreConfig: func() {
					if err := noRequests(mock)(nil); err != nil {
						t.Errorf("while the app was not held: %v", err)
					}
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// A webhook of an apps entry's app is imported by its SDKAppID, with
// terraform import or an import block, and by identity (Terraform 1.12 or
// later): nothing is written, the state records the app, and the plan
// after is empty, also when the configuration leaves sdk_app_id out.
func TestAccApps_importNonDefaultApp(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startFleet(t)
		p.putIn(mock, mocktest.OtherAppID, hookURL, p.word(0))
		block := appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey))
		inB := block + p.resource(hookURL, []string{p.word(0)}, ofApp(mocktest.OtherAppID))
		importAs := func(how string) string { return fmt.Sprintf("\nimport {\n  to = %s\n  %s\n}\n", p.addr(), how) }
		inState := []statecheck.StateCheck{
			statecheck.ExpectKnownValue(p.addr(), tfjsonpath.New("id"), knownvalue.StringExact(otherApp)),
			statecheck.ExpectKnownValue(p.addr(), tfjsonpath.New("url"), knownvalue.StringExact(hookURL)),
		}
		imported := resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionNoop)},
		}
		noWrites := resource.ComposeTestCheckFunc(
			writesAre(mock, mocktest.OtherAppID, p), writesAre(mock, testAppID, p),
			signedByOwnApp(mock, []uint64{testAppID, mocktest.OtherAppID}, nil),
			resource.TestCheckResourceAttr(p.addr(), "sdk_app_id", otherApp),
		)
		steps := []resource.TestStep{
			{Config: inB + importAs(`id = "1400000001"`), ConfigPlanChecks: imported, ConfigStateChecks: inState, Check: noWrites},
			{
				ResourceName: p.addr(), ImportState: true, ImportStateId: otherApp,
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{Config: block, Destroy: true, Check: emptyIn(mock, mocktest.OtherAppID, p)},
		}
		// Omitted, sdk_app_id is the imported object's.
		steps = append(steps,
			resource.TestStep{
				PreConfig:        func() { mock.ResetRequests(); p.putIn(mock, mocktest.OtherAppID, hookURL, p.word(0)) },
				Config:           block + p.resource(hookURL, []string{p.word(0)}) + importAs(`id = "1400000001"`),
				ConfigPlanChecks: imported, ConfigStateChecks: inState, Check: noWrites,
			},
			resource.TestStep{Config: block, Destroy: true},
		)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps:                    steps,
		})
	})
}

// By identity, which Terraform 1.12 and later take.
func TestAccApps_importNonDefaultAppByIdentity(t *testing.T) {
	p := live
	mock := startFleet(t)
	p.putIn(mock, mocktest.OtherAppID, hookURL, p.word(0))
	mock.SetToken(mocktest.OtherAppID, hookToken, true)
	block := appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey))
	identity := fmt.Sprintf("identity = {\n    sdk_app_id = %d\n  }", mocktest.OtherAppID)
	otherIdentity := map[string]knownvalue.Check{identitySDKAppID: knownvalue.Int64Exact(int64(mocktest.OtherAppID))}
	resources := block + p.resource(hookURL, []string{p.word(0)}, ofApp(mocktest.OtherAppID)) +
		storedToken(hookToken, true, ofApp(mocktest.OtherAppID))
	cfg := resources + fmt.Sprintf("\nimport {\n  to = %s\n  %s\n}\n", p.addr(), identity) +
		fmt.Sprintf("\nimport {\n  to = %s\n  %s\n}\n", tokenAddr, identity)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionNoop),
						// The token's value is in neither form in the state yet: it is sent once.
						plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(p.addr(), otherIdentity),
					statecheck.ExpectIdentity(tokenAddr, otherIdentity),
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("id"), knownvalue.StringExact(otherApp)),
				},
				Check: resource.ComposeTestCheckFunc(
					writesAre(mock, mocktest.OtherAppID, p, "set_callback_token"),
					mockHoldsTokenIn(mock, mocktest.OtherAppID, hookToken, true),
					noRequestsFor(mock, testAppID),
					signedByOwnApp(mock, []uint64{mocktest.OtherAppID}, nil),
				),
			},
			{
				Config:          resources,
				ResourceName:    p.addr(),
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// terraform query (Terraform 1.14 and later) lists every app's
// configuration when the list names no sdk_app_id, each with its identity
// and app, read with that app's key; naming one lists that app's alone.
func TestAccApps_queryEveryApp(t *testing.T) {
	p := live
	mock := startFleet(t)
	p.putIn(mock, testAppID, hookURL+"/a", p.word(0))
	p.putIn(mock, mocktest.OtherAppID, hookURL+"/b", p.word(0), p.word(1))
	far := startFar(t)
	p.putIn(far, farAppID, hookURL+"/d", p.word(1))
	block := appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey), entry(thirdAppID, thirdKey),
		entry(farAppID, farKey, fmt.Sprintf("endpoint = %q", far.URL())))
	list := func(lines ...string) string {
		cfg := ""
		if len(lines) > 0 {
			cfg = "\n  config {\n    " + lines[0] + "\n  }"
		}
		return fmt.Sprintf("list %q \"found\" {\n  provider = trtc%s\n}\n", p.typeName(), cfg)
	}
	addr := p.typeName() + ".found"
	identity := func(id uint64) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{identitySDKAppID: knownvalue.Int64Exact(int64(id))}
	}
	found := func(id uint64, url string, n int) querycheck.QueryResultCheck {
		return querycheck.ExpectResourceDisplayName(addr, queryfilter.ByResourceIdentity(identity(id)),
			knownvalue.StringExact(fmt.Sprintf("SDKAppID %d: %s (%d events)", id, url, n)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   queryCLIs,
		Steps: []resource.TestStep{
			{Config: block},
			{
				Query:  true,
				Config: list(),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(addr, 3),
					querycheck.ExpectIdentity(addr, identity(testAppID)),
					querycheck.ExpectIdentity(addr, identity(mocktest.OtherAppID)),
					querycheck.ExpectIdentity(addr, identity(farAppID)),
					found(testAppID, hookURL+"/a", 1),
					found(mocktest.OtherAppID, hookURL+"/b", 2),
					found(farAppID, hookURL+"/d", 1),
				},
			},
			{
				Query:  true,
				Config: list(ofApp(mocktest.OtherAppID)),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(addr, 1),
					querycheck.ExpectIdentity(addr, identity(mocktest.OtherAppID)),
				},
			},
			{
				Query:             true,
				Config:            list(ofApp(thirdAppID)),
				QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength(addr, 0)},
			},
		},
	})
	for _, check := range []func(*terraform.State) error{
		signedByOwnApp(mock, []uint64{testAppID, mocktest.OtherAppID, thirdAppID}, nil),
		signedByOwnApp(far, []uint64{farAppID}, nil),
		noRequestsFor(mock, farAppID),
	} {
		if err := check(nil); err != nil {
			t.Error(err)
		}
	}
	// Every app was read once by the first list; the second and third read one app each.
	for id, want := range map[uint64]int{testAppID: 1, mocktest.OtherAppID: 2, thirdAppID: 2} {
		if got := len(requestsOf(mock, id)); got != want {
			t.Errorf("SDKAppID %d was read %d time(s), want %d", id, got, want)
		}
	}
}

// expectForgotten checks that the plan forgets addr: removes it from the
// state without destroying it.
type expectForgotten string

func (e expectForgotten) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address == string(e) {
			if !slices.Equal(rc.Change.Actions, tfjson.Actions{tfjson.ActionForget}) {
				resp.Error = fmt.Errorf("%s: planned %v, want forget", e, rc.Change.Actions)
			}
			return
		}
	}
	resp.Error = fmt.Errorf("%s is not in the plan", e)
}
