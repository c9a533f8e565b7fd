package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

// writesAre checks the writes mock got for app id and p since the last
// reset: exactly want, in order.
func writesAre(mock *trtcmock.Server, id uint64, p product, want ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := writesOf(mock, id, p); !slices.Equal(got, want) {
			return fmt.Errorf("SDKAppID %d got writes %v, want %v (all: %v)", id, got, want, mocktest.Commands(mock, ""))
		}
		return nil
	}
}

// One provider block, four apps: the default app, two more in the same
// data centre (one signing as an account of its own) and one in another
// region. Each resource and data source reaches its own app alone, every
// request signed with that app's key as that app's account; each state
// records its app; an update of one app's webhook writes to that app
// alone; the plan after is empty, and destroying empties every app.
func TestAccApps_eachAppItsOwn(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startFleet(t, func(o *trtcmock.Options) { o.Apps[2].Admins = []string{"ops"} })
		far := startFar(t)
		block := appsBlock(mock,
			entry(mocktest.OtherAppID, mocktest.OtherKey),
			entry(thirdAppID, thirdKey, `identifier = "ops"`),
			entry(farAppID, farKey, fmt.Sprintf("endpoint = %q", far.URL())))
		url := func(app string) string { return hookURL + "/" + app }
		cfg := func(bURL string) string {
			return block +
				p.named("a", url("a"), []string{p.word(0)}) +
				p.named("b", bURL, []string{p.word(1)}, ofApp(mocktest.OtherAppID)) +
				p.named("c", url("c"), []string{p.word(2)}, ofApp(thirdAppID)) +
				p.named("d", url("d"), []string{p.word(0), p.word(1)}, ofApp(farAppID)) +
				fmt.Sprintf("\ndata %q \"b\" {\n  %s\n  depends_on = [%s]\n}\n", p.typeName(), ofApp(mocktest.OtherAppID), p.at("b"))
		}
		isolated := resource.ComposeTestCheckFunc(
			signedByOwnApp(mock, []uint64{testAppID, mocktest.OtherAppID, thirdAppID}, map[uint64]string{thirdAppID: "ops"}),
			signedByOwnApp(far, []uint64{farAppID}, nil),
			noRequestsFor(mock, farAppID),
		)
		reset := func() { mock.ResetRequests(); far.ResetRequests() }
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			CheckDestroy: resource.ComposeTestCheckFunc(
				emptyIn(mock, testAppID, p), emptyIn(mock, mocktest.OtherAppID, p), emptyIn(mock, thirdAppID, p),
				emptyIn(far, farAppID, p), isolated,
			),
			Steps: []resource.TestStep{
				{
					Config: cfg(url("b")),
					Check: resource.ComposeTestCheckFunc(
						holdsIn(mock, testAppID, p, url("a"), p.word(0)),
						holdsIn(mock, mocktest.OtherAppID, p, url("b"), p.word(1)),
						holdsIn(mock, thirdAppID, p, url("c"), p.word(2)),
						holdsIn(far, farAppID, p, url("d"), p.word(0), p.word(1)),
						isolated,
						resource.TestCheckResourceAttr(p.at("a"), "sdk_app_id", testApp),
						resource.TestCheckResourceAttr(p.at("a"), "id", testApp),
						resource.TestCheckResourceAttr(p.at("b"), "sdk_app_id", otherApp),
						resource.TestCheckResourceAttr(p.at("b"), "id", otherApp),
						resource.TestCheckResourceAttr(p.at("c"), "id", thirdApp),
						resource.TestCheckResourceAttr(p.at("d"), "id", farApp),
						resource.TestCheckResourceAttr("data."+p.at("b"), "url", url("b")),
						resource.TestCheckResourceAttr("data."+p.at("b"), "id", otherApp),
					),
				},
				{
					// One app's change is that app's alone.
					PreConfig: reset,
					Config:    cfg(url("b2")),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(p.at("b"), plancheck.ResourceActionUpdate),
							plancheck.ExpectResourceAction(p.at("a"), plancheck.ResourceActionNoop),
							plancheck.ExpectResourceAction(p.at("c"), plancheck.ResourceActionNoop),
							plancheck.ExpectResourceAction(p.at("d"), plancheck.ResourceActionNoop),
						},
					},
					Check: resource.ComposeTestCheckFunc(
						writesAre(mock, mocktest.OtherAppID, p, p.updateCommand()),
						writesAre(mock, testAppID, p), writesAre(mock, thirdAppID, p), writesAre(far, farAppID, p),
						holdsIn(mock, mocktest.OtherAppID, p, url("b2"), p.word(1)),
						holdsIn(mock, testAppID, p, url("a"), p.word(0)),
						isolated,
					),
				},
				{
					Config: cfg(url("b2")),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
				},
			},
		})
	})
}

// Each app's signing token through one provider block: each app holds its
// own, a change to one is sent to that app alone, and destroying disables
// each app's token and no other's.
func TestAccApps_tokenPerApp(t *testing.T) {
	mock := startFleet(t)
	far := startFar(t)
	block := appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey), entry(farAppID, farKey, fmt.Sprintf("endpoint = %q", far.URL())))
	cfg := func(bEnabled bool) string {
		return block + namedToken("a", hookToken, true) +
			namedToken("b", hookToken3, bEnabled, ofApp(mocktest.OtherAppID)) +
			namedToken("d", consoleToken, true, ofApp(farAppID))
	}
	addr := func(name string) string { return liveWebhookTokenType + "." + name }
	isolated := resource.ComposeTestCheckFunc(
		signedByOwnApp(mock, []uint64{testAppID, mocktest.OtherAppID}, nil),
		signedByOwnApp(far, []uint64{farAppID}, nil),
		noRequestsFor(mock, farAppID, thirdAppID),
	)
	disabled := func(m *trtcmock.Server, id uint64, token string) func(*terraform.State) error {
		return mockHoldsTokenIn(m, id, token, false)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		CheckDestroy: resource.ComposeTestCheckFunc(
			disabled(mock, testAppID, hookToken), disabled(mock, mocktest.OtherAppID, hookToken3),
			disabled(far, farAppID, consoleToken), isolated,
		),
		Steps: []resource.TestStep{
			{
				Config: cfg(true),
				Check: resource.ComposeTestCheckFunc(
					mockHoldsTokenIn(mock, testAppID, hookToken, true),
					mockHoldsTokenIn(mock, mocktest.OtherAppID, hookToken3, true),
					mockHoldsTokenIn(far, farAppID, consoleToken, true),
					resource.TestCheckResourceAttr(addr("a"), "id", testApp),
					resource.TestCheckResourceAttr(addr("b"), "id", otherApp),
					resource.TestCheckResourceAttr(addr("b"), "sdk_app_id", otherApp),
					resource.TestCheckResourceAttr(addr("d"), "id", farApp),
					isolated,
				),
			},
			{
				PreConfig: func() { mock.ResetRequests(); far.ResetRequests() },
				Config:    cfg(false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr("b"), plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction(addr("a"), plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction(addr("d"), plancheck.ResourceActionNoop),
					},
				},
				Check: resource.ComposeTestCheckFunc(
					writesAre(mock, mocktest.OtherAppID, live, "set_callback_token"),
					writesAre(mock, testAppID, live), writesAre(far, farAppID, live),
					mockHoldsTokenIn(mock, mocktest.OtherAppID, hookToken3, false),
					mockHoldsTokenIn(mock, testAppID, hookToken, true),
					isolated,
				),
			},
		},
	})
}

// signedForApp checks the echoed UserSig as TRTC would: signed with app
// id's key (key) for userID, and with no other app's.
func signedForApp(id uint64, key, userID string) echoed {
	return func(data map[string]any) error {
		sig, _ := data["user_sig"].(string)
		if _, err := usersig.Verify(key, sig, id, userID, time.Now()); err != nil {
			return fmt.Errorf("user_sig does not verify for SDKAppID %d, %q: %w", id, userID, err)
		}
		for other, otherKey := range fleetKeys {
			if other == id || otherKey == key {
				continue
			}
			if _, err := usersig.Verify(otherKey, sig, other, userID, time.Now()); err == nil {
				return fmt.Errorf("user_sig verifies for SDKAppID %d too", other)
			}
		}
		if fmt.Sprint(data["sdk_app_id"]) != sdkAppIDString(id) {
			return fmt.Errorf("sdk_app_id = %v, want %d", data["sdk_app_id"], id)
		}
		return nil
	}
}

// trtc_user_sig signs with the key of the app its sdk_app_id names (the
// default app's when omitted), and sends no request; an app that has only
// a pre-made user_sig cannot sign, and the error names it. (One step per
// test: echo.test keeps what it echoed first.)
func TestAccApps_userSigForEachApp(t *testing.T) {
	thirdSig := mocktest.Sign(t, thirdKey, thirdAppID, defaultIdentifier, time.Hour, time.Now())
	steps := map[string]resource.TestStep{
		"an apps entry's": {
			Config:            echoUserSig(`user_id = "bot-7"`, ofApp(mocktest.OtherAppID)),
			ConfigStateChecks: []statecheck.StateCheck{signedForApp(mocktest.OtherAppID, mocktest.OtherKey, "bot-7")},
		},
		"the default app's": {
			Config:            echoUserSig(`user_id = "bot-7"`),
			ConfigStateChecks: []statecheck.StateCheck{signedForApp(testAppID, testKey, "bot-7")},
		},
		"an app with a user_sig only": {
			Config: echoUserSig(`user_id = "bot-7"`, ofApp(thirdAppID)),
			ExpectError: words("trtc_user_sig needs the provider's secret_key ... authenticates with a pre-made " +
				"user_sig, which cannot sign UserSigs for other users. Give SDKAppID 1400000002 a secret_key"),
		},
	}
	for name, step := range steps {
		t.Run(name, func(t *testing.T) {
			mock := startFleet(t)
			step.Config = appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey),
				entry(thirdAppID, "", fmt.Sprintf("user_sig = %q", thirdSig))) + step.Config
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: withEcho(t),
				TerraformVersionChecks:   ephemeralCLIs,
				Steps:                    []resource.TestStep{step},
			})
			if err := noRequests(mock)(nil); err != nil {
				t.Error(err)
			}
		})
	}
}

// twoApps is providerData for the default app on mockA and app B on
// mockB, as Configure builds it.
func twoApps(t *testing.T, mockA, mockB *trtcmock.Server) (*providerData, *app, *app) {
	t.Helper()
	app := func(id uint64, key string, mock *trtcmock.Server) appSettings {
		return appSettings{sdkAppID: id, identifier: setting{value: defaultIdentifier}, secretKey: setting{value: key},
			baseURL: setting{value: mock.URL()}}
	}
	a := app(testAppID, testKey, mockA)
	d, diags := newProviderData(settings{
		defaultApp: &a, apps: []appSettings{app(mocktest.OtherAppID, mocktest.OtherKey, mockB)},
		maxRetries: 1, requestTimeout: 5 * time.Second,
	}, providerOptions{userAgent: "test", ledgerDir: t.TempDir(), run: newRun()})
	if diags.HasError() {
		t.Fatal(diags)
	}
	return d, d.apps[testAppID], d.apps[mocktest.OtherAppID]
}

// Apps never wait on each other: with app A's rate limit queued a second
// deep, a read of app B is not held up, while one of A would be.
func TestApps_rateLimitsAreEachApps(t *testing.T) {
	mockA, mockB := mocktest.Start(t), mocktest.Start(t)
	_, a, b := twoApps(t, mockA, mockB)
	if a.client == b.client {
		t.Fatal("two apps share one client")
	}
	// 400 reads of A at once: the first 20 (the burst) go at once, the
	// rest queue at 200 a second, nearly two seconds deep.
	var wg sync.WaitGroup
	for range 400 {
		wg.Go(func() { _, _ = a.client.Webhooks(trtcapi.LiveWebhooks).Get(t.Context()) })
	}
	defer wg.Wait()
	read := func(x *app) error {
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		_, err := x.client.Webhooks(trtcapi.LiveWebhooks).Get(ctx)
		return err
	}
	// Wait until A's queue is deeper than the probe's 100 ms.
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := read(a)
		if err != nil && strings.Contains(err.Error(), "rate limit") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("app A's rate limit never queued beyond 100 ms (last read: %v)", err)
		}
	}
	start := time.Now()
	if err := read(b); err != nil && !isAbsent(err) {
		t.Fatalf("app B waited on app A's rate limit: %v (after %s)", err, time.Since(start))
	}
	if n := mockB.CountRequests(""); n != 1 {
		t.Errorf("app B's data centre got %d request(s), want its one", n)
	}
}

// Each app signs with its own key and caches its own UserSig: renewing
// one (TRTC answered 70001, expired) signs that app's afresh and leaves the
// other's as it was.
func TestApps_userSigsAreEachApps(t *testing.T) {
	mockA, mockB := mocktest.Start(t), mocktest.Start(t)
	_, a, b := twoApps(t, mockA, mockB)
	if a.signer == nil || b.signer == nil || a.signer == b.signer {
		t.Fatalf("signers: %p, %p", a.signer, b.signer)
	}
	now := time.Now()
	sigA, err := a.signer.UserSig(now)
	if err != nil {
		t.Fatal(err)
	}
	sigB, err := b.signer.UserSig(now)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sig, key string
		id       uint64
		ok       bool
	}{{sigA, testKey, testAppID, true}, {sigB, mocktest.OtherKey, mocktest.OtherAppID, true},
		{sigA, mocktest.OtherKey, mocktest.OtherAppID, false}, {sigB, testKey, testAppID, false}} {
		if _, err := usersig.Verify(c.key, c.sig, c.id, defaultIdentifier, now); (err == nil) != c.ok {
			t.Errorf("a UserSig verifies for SDKAppID %d: %v, want %v (%v)", c.id, err == nil, c.ok, err)
		}
	}
	a.signer.Renew(sigA)
	later := now.Add(2 * time.Second)
	if again, _ := a.signer.UserSig(later); again == sigA {
		t.Error("app A did not sign afresh after a renewal")
	}
	if again, _ := b.signer.UserSig(later); again != sigB {
		t.Error("app A's renewal dropped app B's UserSig")
	}

	// Through the client: A's 70001 re-signs A's requests only.
	mockA.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 70001})
	for _, x := range []*app{a, b, a, b} {
		if _, err := x.client.Webhooks(trtcapi.LiveWebhooks).Get(t.Context()); err != nil && !isAbsent(err) {
			t.Fatalf("SDKAppID %d: %v", x.id, err)
		}
	}
	if got := mocktest.Answers(mockA, "", ""); !slices.Equal(got, []int{70001, 100301, 100301}) {
		t.Errorf("app A's answers: %v", got)
	}
	if n := mockB.Stats().DistinctUserSigs; n != 1 {
		t.Errorf("app B's requests carried %d UserSigs, want 1", n)
	}
	for _, r := range mockB.Requests() {
		if r.UserSig != sigB {
			t.Errorf("app B's %s carried another UserSig than its own", r.Command)
		}
	}
}
