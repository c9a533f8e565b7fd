package provider

import (
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// The provider's apps (provider_config.go): the default app, the entries,
// and what each entry falls back to.

// appEntries is apps as Configure receives it.
func appEntries(t *testing.T, entries ...appModel) types.List {
	t.Helper()
	v, diags := types.ListValueFrom(t.Context(), types.ObjectType{AttrTypes: map[string]attr.Type{
		attrSDKAppID: types.NumberType, attrIdentifier: types.StringType, attrSecretKey: types.StringType,
		attrUserSig: types.StringType, attrRegion: types.StringType, attrEndpoint: types.StringType,
	}}, entries)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return v
}

func number(id uint64) types.Number { return types.NumberValue(new(big.Float).SetUint64(id)) }

func regionURL(t *testing.T, region string) string {
	t.Helper()
	u, ok := trtcapi.RegionBaseURL(region)
	if !ok {
		t.Fatalf("no region %q", region)
	}
	return u
}

// An entry takes what it sets; what it leaves out comes from the provider
// block, then the environment. An entry's own region is its data centre
// even when the provider block sets an endpoint (the default app's), and
// an entry's user_sig is never signed over with the block's secret_key.
func TestResolveSettingsApps_entriesFallBack(t *testing.T) {
	env := map[string]string{envSecretKey: "env-key", envIdentifier: "env-admin", envRegion: "china"}
	getenv := func(k string) string { return env[k] }
	m := providerModel{
		SDKAppID:   number(testAppID),
		SecretKey:  types.StringValue("top-key"),
		Identifier: types.StringValue("ops"),
		Endpoint:   types.StringValue("http://gateway.example.com:8080"),
		Apps: appEntries(t,
			appModel{SDKAppID: number(1400000001)},
			appModel{SDKAppID: number(1400000002), SecretKey: types.StringValue("own-key"), Identifier: types.StringValue("own-admin"),
				Region: types.StringValue("germany")},
			appModel{SDKAppID: number(1400000003), UserSig: types.StringValue("own-sig")},
			appModel{SDKAppID: number(1400000004), Endpoint: types.StringValue("http://own.example.com"), Region: types.StringValue("usa")},
		),
	}
	s, diags := resolveSettings(t.Context(), m, getenv)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if s.defaultApp == nil || s.defaultApp.sdkAppID != testAppID || s.defaultApp.baseURL.value != "http://gateway.example.com:8080" {
		t.Fatalf("default app: %+v", s.defaultApp)
	}
	type want struct {
		id                         uint64
		key, sig, identifier, base string
		keyFrom                    string // the setting's name, as messages show it
	}
	wants := []want{
		{1400000001, "top-key", "", "ops", "http://gateway.example.com:8080", "secret_key"},
		{1400000002, "own-key", "", "own-admin", regionURL(t, "germany"), "apps[1].secret_key"},
		{1400000003, "", "own-sig", "ops", "http://gateway.example.com:8080", "secret_key"},
		{1400000004, "top-key", "", "ops", "http://own.example.com", "secret_key"},
	}
	if len(s.apps) != len(wants) {
		t.Fatalf("%d apps, want %d", len(s.apps), len(wants))
	}
	for i, w := range wants {
		a := s.apps[i]
		if a.sdkAppID != w.id || a.secretKey.value != w.key || a.userSig.value != w.sig || a.identifier.value != w.identifier || a.baseURL.value != w.base {
			t.Errorf("apps[%d] = %d key %q sig %q identifier %q base %q, want %+v", i, a.sdkAppID, a.secretKey.value, a.userSig.value,
				a.identifier.value, a.baseURL.value, w)
		}
		if w.key != "" && a.secretKey.name != w.keyFrom {
			t.Errorf("apps[%d]'s key comes from %q, want %q", i, a.secretKey.name, w.keyFrom)
		}
	}
	if a := s.apps[2]; a.userSig.name != "apps[2].user_sig" {
		t.Errorf("apps[2]'s user_sig is named %q", a.userSig.name)
	}
}

// With nothing in the provider block, entries fall back to the
// environment, and there is no default app unless TRTC_SDK_APP_ID names one.
func TestResolveSettingsApps_environment(t *testing.T) {
	env := map[string]string{envSecretKey: "env-key", envIdentifier: "env-admin", envRegion: "usa"}
	getenv := func(k string) string { return env[k] }
	m := providerModel{Apps: appEntries(t, appModel{SDKAppID: number(1400000001)},
		appModel{SDKAppID: number(1400000002), Region: types.StringValue("india")})}
	s, diags := resolveSettings(t.Context(), m, getenv)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if s.defaultApp != nil {
		t.Errorf("a default app without sdk_app_id or %s: %+v", envSDKAppID, s.defaultApp)
	}
	a, b := s.apps[0], s.apps[1]
	if a.secretKey.value != "env-key" || a.secretKey.env != envSecretKey || a.identifier.value != "env-admin" || a.baseURL.value != regionURL(t, "usa") {
		t.Errorf("apps[0] = %+v", a)
	}
	if b.baseURL.value != regionURL(t, "india") {
		t.Errorf("apps[1]'s own region: %q", b.baseURL.value)
	}

	env[envSDKAppID] = "1400000000"
	s, diags = resolveSettings(t.Context(), m, getenv)
	if diags.HasError() || s.defaultApp == nil || s.defaultApp.sdkAppID != testAppID || len(s.apps) != 2 {
		t.Errorf("with %s: default %+v, %d apps, %v", envSDKAppID, s.defaultApp, len(s.apps), diags)
	}

	// The default app's own identifier is the block's: without one, the
	// account every app has.
	delete(env, envIdentifier)
	s, _ = resolveSettings(t.Context(), m, getenv)
	if s.apps[0].identifier.value != defaultIdentifier {
		t.Errorf("identifier = %q, want %q", s.apps[0].identifier.value, defaultIdentifier)
	}
}

// Every misconfiguration of apps fails the plan, naming the entry and the
// attribute, before any request.
func TestAccProvider_appsConfigurationErrors(t *testing.T) {
	mock := startFleet(t)
	sigOfA := mocktest.Sign(t, testKey, testAppID, defaultIdentifier, time.Hour, time.Now())
	block := func(top string, entries ...string) string {
		return "provider \"trtc\" {\n  " + top + "\n  " + appsAttr(entries...) + "\n}\n"
	}
	withDefault := fmt.Sprintf("sdk_app_id = %d\n  secret_key = %q\n  endpoint = %q", testAppID, testKey, mock.URL())
	noDefault := fmt.Sprintf("endpoint = %q", mock.URL())
	ofB := live.dataSource(ofApp(mocktest.OtherAppID))
	tests := map[string]struct{ config, want string }{
		"an entry repeats another": {
			block(withDefault, entry(mocktest.OtherAppID, mocktest.OtherKey), entry(mocktest.OtherAppID, mocktest.OtherKey)) + ofB,
			"SDKAppID configured twice ... apps[1].sdk_app_id is 1400000001, which apps[0] already configures. Configure " +
				"each app once: the provider's own sdk_app_id is the default app, and each apps entry is one more.",
		},
		"an entry repeats the default app": {
			block(withDefault, entry(testAppID, testKey)) + planOnlyData,
			"SDKAppID configured twice ... apps[0].sdk_app_id is 1400000000, which the provider's sdk_app_id already configures.",
		},
		"an entry without credentials, and none to fall back to": {
			block(noDefault, entry(mocktest.OtherAppID, "")) + ofB,
			"Missing TRTC credentials ... Set secret_key for apps[0] (or the TRTC_SECRET_KEY environment variable) to " +
				"the app's secret key, or user_sig (or TRTC_USER_SIG)",
		},
		"an entry with both credentials": {
			block(noDefault, entry(mocktest.OtherAppID, mocktest.OtherKey, `user_sig = "s"`)) + ofB,
			"Ambiguous TRTC credentials ... apps[0] sets both secret_key and user_sig. Keep one of them.",
		},
		"an entry's user_sig for another app": {
			block(noDefault, entry(mocktest.OtherAppID, "", fmt.Sprintf("user_sig = %q", sigOfA))) + ofB,
			"user_sig is for another app ... apps[0].user_sig was issued for SDKAppID 1400000000, but apps[0].sdk_app_id is 1400000001.",
		},
		"an entry without region or endpoint, and none to fall back to": {
			"provider \"trtc\" {\n  " + appsAttr(entry(mocktest.OtherAppID, mocktest.OtherKey)) + "\n}\n" + ofB,
			"Missing TRTC region ... Set region (or the TRTC_REGION environment variable) to the data centre that hosts the app",
		},
		"an entry's unknown region": {
			block(noDefault, entry(mocktest.OtherAppID, mocktest.OtherKey, `region = "mars"`)) + ofB,
			"apps[0].region value must be one of",
		},
		"an entry's SDKAppID 0": {
			block(noDefault, entry(0, mocktest.OtherKey)) + ofB,
			"Invalid SDKAppID ... apps[0].sdk_app_id must be a whole number from 1 to 4294967295 (SDKAppIDs are 32-bit), got 0.",
		},
		"an entry without SDKAppID": {
			block(noDefault, fmt.Sprintf("{ secret_key = %q }", mocktest.OtherKey)) + ofB,
			`attribute "sdk_app_id" is required`,
		},
		"an entry not known until apply": {
			"resource \"terraform_data\" \"later\" {}\n" +
				block(noDefault, entry(mocktest.OtherAppID, "", "secret_key = terraform_data.later.id")) + ofB,
			"Unknown TRTC provider configuration ... The value of apps[0].secret_key is not known until apply",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: providersWithEnv(t, nil),
				Steps:                    []resource.TestStep{{Config: tc.config, PlanOnly: true, ExpectError: words(tc.want)}},
			})
		})
	}
	if err := noRequests(mock)(nil); err != nil {
		t.Error(err)
	}
}

// Without a default app (no sdk_app_id in the provider block), whatever
// leaves out sdk_app_id fails the plan on that attribute, naming the apps
// to choose from, before any request; whatever names one works.
func TestAccApps_noDefaultApp(t *testing.T) {
	p := live
	const choose = "Missing sdk_app_id ... The provider has no default app (no sdk_app_id in the provider block), so " +
		"sdk_app_id must name one of its apps: 1400000001, 1400000002."
	tests := map[string]struct {
		config string
		echo   bool
	}{
		"resource":    {config: p.resource(hookURL, []string{p.word(0)})},
		"data source": {config: p.dataSource()},
		"token":       {config: storedToken(hookToken, true)},
		"user sig":    {config: echoUserSig(`user_id = "bot"`), echo: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			mock := startFleet(t)
			block := noDefaultBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey), entry(thirdAppID, thirdKey))
			var checks []tfversion.TerraformVersionCheck
			if tc.echo {
				checks = ephemeralCLIs
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: withEcho(t),
				TerraformVersionChecks:   checks,
				Steps:                    []resource.TestStep{{Config: block + tc.config, PlanOnly: true, ExpectError: words(choose)}},
			})
			if err := noRequests(mock)(nil); err != nil {
				t.Error(err)
			}
		})
	}

	t.Run("named", func(t *testing.T) {
		mock := startFleet(t)
		block := noDefaultBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey), entry(thirdAppID, thirdKey))
		cfg := block + p.named("b", hookURL, []string{p.word(0)}, ofApp(mocktest.OtherAppID)) +
			p.named("c", hookURL2, []string{p.word(1)}, ofApp(thirdAppID))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			CheckDestroy:             resource.ComposeTestCheckFunc(emptyIn(mock, mocktest.OtherAppID, p), emptyIn(mock, thirdAppID, p)),
			Steps: []resource.TestStep{
				{
					Config: cfg,
					Check: resource.ComposeTestCheckFunc(
						holdsIn(mock, mocktest.OtherAppID, p, hookURL, p.word(0)),
						holdsIn(mock, thirdAppID, p, hookURL2, p.word(1)),
						noRequestsFor(mock, testAppID),
						signedByOwnApp(mock, []uint64{mocktest.OtherAppID, thirdAppID}, nil),
					),
				},
				{
					// An import by SDKAppID needs no default app.
					ResourceName: p.at("b"), ImportState: true, ImportStateId: otherApp,
					ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
				},
				{
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
				},
			},
		})
	})
}

// An entry that sets only its SDKAppID signs with the provider block's
// key, as the block's identifier, at the block's endpoint; one with an
// endpoint of its own reaches that data centre alone. From the environment
// alone (no provider attribute but apps), entries get TRTC_SECRET_KEY and
// TRTC_ENDPOINT.
func TestAccApps_entryFallsBack(t *testing.T) {
	p := live
	t.Run("to the provider block", func(t *testing.T) {
		mock := startFleet(t, func(o *trtcmock.Options) {
			o.Apps[0].Admins = []string{"ops"}
			o.Apps = append(o.Apps, trtcmock.App{SDKAppID: sharedKeyAppID, Key: testKey, Admins: []string{"ops"}})
		})
		far := startFar(t)
		block := providerBlock(mock, `identifier = "ops"`, appsAttr(entry(sharedKeyAppID, ""),
			entry(farAppID, farKey, fmt.Sprintf("endpoint = %q", far.URL()), `identifier = "administrator"`)))
		cfg := block + p.named("e", hookURL, []string{p.word(0)}, ofApp(sharedKeyAppID)) +
			p.named("d", hookURL2, []string{p.word(1)}, ofApp(farAppID))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: providersWithEnv(t, nil),
			CheckDestroy:             resource.ComposeTestCheckFunc(emptyIn(mock, sharedKeyAppID, p), emptyIn(far, farAppID, p)),
			Steps: []resource.TestStep{{
				Config: cfg,
				Check: resource.ComposeTestCheckFunc(
					holdsIn(mock, sharedKeyAppID, p, hookURL, p.word(0)),
					holdsIn(far, farAppID, p, hookURL2, p.word(1)),
					signedByOwnApp(mock, []uint64{sharedKeyAppID}, map[uint64]string{sharedKeyAppID: "ops"}),
					signedByOwnApp(far, []uint64{farAppID}, nil),
				),
			}},
		})
	})
	t.Run("to the environment", func(t *testing.T) {
		mock := startFleet(t)
		env := map[string]string{envSecretKey: thirdKey, envEndpoint: mock.URL()}
		block := "provider \"trtc\" {\n  " + appsAttr(entry(thirdAppID, "")) + "\n}\n"
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: providersWithEnv(t, env),
			CheckDestroy:             emptyIn(mock, thirdAppID, p),
			Steps: []resource.TestStep{{
				Config: block + p.resource(hookURL, []string{p.word(0)}, ofApp(thirdAppID)),
				Check: resource.ComposeTestCheckFunc(
					holdsIn(mock, thirdAppID, p, hookURL, p.word(0)),
					signedByOwnApp(mock, []uint64{thirdAppID}, nil),
				),
			}},
		})
	})
}
