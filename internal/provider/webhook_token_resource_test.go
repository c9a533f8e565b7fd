package provider

import (
	"fmt"
	"strings"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/config"
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

const (
	tokenAddr     = liveWebhookTokenType + ".this"
	tokenDataAddr = "data." + liveWebhookTokenType + ".current"

	hookToken    = "tok-acc-first-0b5e7d9f1a3c"
	hookToken3   = "tok-acc-unversioned-2f4a6c"
	consoleToken = "tok-console-9d1f3b5a7c"
)

// hookToken2 is as long as a token may be: 128 characters, 244 bytes.
var hookToken2 = "tok-rotated-" + strings.Repeat("é", 116)

// Write-only values need Terraform 1.11 or OpenTofu 1.11 (whose version
// numbers the check compares alike).
var writeOnlyCLIs = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)}

// storedToken is resource "this" with token, which older CLIs take.
func storedToken(token string, enabled bool, extra ...string) string {
	return fmt.Sprintf("\nresource %q \"this\" {\n  enabled = %t\n  token   = %q\n  %s\n}\n",
		liveWebhookTokenType, enabled, token, strings.Join(extra, "\n  "))
}

// writeOnlyToken is resource "this" with token_wo from an ephemeral
// variable, as a real configuration feeds it (a literal would be echoed in
// the plan's configuration section); tokenVar gives the value.
func writeOnlyToken(version int, enabled bool) string {
	return fmt.Sprintf(`
variable "hook_token" {
  type      = string
  ephemeral = true
}

resource %q "this" {
  enabled          = %t
  token_wo         = var.hook_token
  token_wo_version = %d
}
`, liveWebhookTokenType, enabled, version)
}

func tokenVar(value string) config.Variables {
	return config.Variables{"hook_token": config.StringVariable(value)}
}

// mockHoldsToken checks the token TRTC holds, as the console shows it.
func mockHoldsToken(mock *trtcmock.Server, value string, enabled bool) func(*terraform.State) error {
	return func(*terraform.State) error {
		v, on, ok := mock.Token(testAppID)
		if !ok || v != value || on != enabled {
			return fmt.Errorf("mock holds token %q enabled=%v (present %v), want %q enabled=%v", v, on, ok, value, enabled)
		}
		return nil
	}
}

// tokenWrites counts set_callback_token requests.
func tokenWrites(mock *trtcmock.Server) int {
	return mocktest.Count(mock, trtcmock.ServiceLive, "set_callback_token")
}

func expectUpdate() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionUpdate)}}
}

func expectEmptyPlan() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

// The sensitive, stored token, which every CLI takes: create, drift of the
// token and of enabled, a new token, disabling, import, and a destroy that
// disables and keeps the value.
func TestAccWebhookToken_stored(t *testing.T) {
	mock := startMock(t)
	cfg := func(token string, enabled bool) string { return providerBlock(mock) + storedToken(token, enabled) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		CheckDestroy:             mockHoldsToken(mock, hookToken2, false),
		Steps: []resource.TestStep{
			{
				Config: cfg(hookToken, true),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("id"), knownvalue.StringExact(testApp)),
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("token"), knownvalue.StringExact(hookToken)),
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				},
				Check: mockHoldsToken(mock, hookToken, true),
			},
			{
				// Changed in the console: the plan restores it.
				PreConfig:        func() { mock.SetToken(testAppID, consoleToken, true) },
				Config:           cfg(hookToken, true),
				ConfigPlanChecks: expectUpdate(),
				Check:            mockHoldsToken(mock, hookToken, true),
			},
			{
				PreConfig:        func() { mock.SetToken(testAppID, hookToken, false) },
				Config:           cfg(hookToken, true),
				ConfigPlanChecks: expectUpdate(),
				Check:            mockHoldsToken(mock, hookToken, true),
			},
			{Config: cfg(hookToken2, true), Check: mockHoldsToken(mock, hookToken2, true)},
			{
				PreConfig: mock.ResetRequests,
				Config:    cfg(hookToken2, false),
				Check: resource.ComposeTestCheckFunc(
					mockHoldsToken(mock, hookToken2, false),
					// Only the flag is sent: the token is unchanged.
					func(*terraform.State) error {
						reqs := mocktest.Requests(mock, trtcmock.ServiceLive, "set_callback_token")
						if len(reqs) != 1 || reqs[0].Body != `{"IsTokenEnable":false}` {
							return fmt.Errorf("set_callback_token requests: %+v", reqs)
						}
						return nil
					},
				),
			},
			{
				Config:                  cfg(hookToken2, false),
				ResourceName:            tokenAddr,
				ImportState:             true,
				ImportStateId:           testApp,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"token"}, // never read into the state on import
			},
		},
	})
}

// token_wo: the token never reaches a plan or the state; bumping
// token_wo_version rotates it; a token changed in the console and a
// disabled token are restored; token_wo changed without a new version is
// not sent.
func TestAccWebhookToken_writeOnly(t *testing.T) {
	mock := startMock(t)
	var seen []byte
	capture := captured{into: &seen}
	step := func(version int, enabled bool, token string, checks ...resource.TestCheckFunc) resource.TestStep {
		return resource.TestStep{
			Config:          providerBlock(mock) + writeOnlyToken(version, enabled),
			ConfigVariables: tokenVar(token),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{capture},
				PostApplyPostRefresh: []plancheck.PlanCheck{capture},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				capture,
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("token_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("token"), knownvalue.Null()),
				statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("token_wo_version"), knownvalue.Int64Exact(int64(version))),
			},
			Check: resource.ComposeTestCheckFunc(checks...),
		}
	}
	drifted := func(change func(), version int, token string) resource.TestStep {
		s := step(version, true, token, mockHoldsToken(mock, token, true))
		s.PreConfig = change
		s.ConfigPlanChecks.PreApply = append(s.ConfigPlanChecks.PreApply,
			plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("token_wo_version"), knownvalue.Int64Exact(int64(version))))
		return s
	}
	unversioned := step(2, true, hookToken3, mockHoldsToken(mock, hookToken2, true))
	unversioned.ConfigPlanChecks.PreApply = append(unversioned.ConfigPlanChecks.PreApply, plancheck.ExpectEmptyPlan())

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   writeOnlyCLIs,
		CheckDestroy:             mockHoldsToken(mock, hookToken2, false),
		Steps: []resource.TestStep{
			step(1, true, hookToken, mockHoldsToken(mock, hookToken, true)),
			drifted(func() { mock.SetToken(testAppID, consoleToken, true) }, 1, hookToken),
			drifted(func() { mock.SetToken(testAppID, hookToken, false) }, 1, hookToken),
			step(2, true, hookToken2, mockHoldsToken(mock, hookToken2, true)),
			unversioned,
		},
	})
	if len(seen) == 0 {
		t.Fatal("no plan or state was captured")
	}
	for _, secret := range []string{hookToken, hookToken2, hookToken3, consoleToken} {
		if strings.Contains(string(seen), secret) {
			t.Errorf("a plan or state contains the token %q", secret)
		}
	}
}

// A create never replaces an enabled token that receivers may rely on;
// anything else is safe to write.
func TestAccWebhookToken_createRule(t *testing.T) {
	t.Run("enabled and different: refused, nothing written", func(t *testing.T) {
		mock := startMock(t)
		mock.SetToken(testAppID, consoleToken, true)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config: providerBlock(mock) + storedToken(hookToken, true),
				ExpectError: words("SDKAppID 1400000000 already has an enabled live webhook signing token, and it is " +
					"not the configured one. ... Nothing was changed. ... terraform import trtc_live_webhook_token.<name> " +
					"1400000000 ... import { to = trtc_live_webhook_token.<name> id = \"1400000000\" }"),
			}},
		})
		if n := tokenWrites(mock); n != 0 {
			t.Errorf("the refused create sent %d set_callback_token request(s)", n)
		}
		if err := mockHoldsToken(mock, consoleToken, true)(nil); err != nil {
			t.Error(err)
		}
	})
	for name, setup := range map[string]func(*trtcmock.Server){
		"absent":                 func(*trtcmock.Server) {},
		"disabled and different": func(m *trtcmock.Server) { m.SetToken(testAppID, consoleToken, false) },
		"enabled and the same":   func(m *trtcmock.Server) { m.SetToken(testAppID, hookToken, true) },
	} {
		t.Run(name+": written", func(t *testing.T) {
			mock := startMock(t)
			setup(mock)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				CheckDestroy:             mockHoldsToken(mock, hookToken, false),
				Steps: []resource.TestStep{{
					Config: providerBlock(mock) + storedToken(hookToken, true),
					Check:  mockHoldsToken(mock, hookToken, true),
				}},
			})
		})
	}
}

// Destroy disables and keeps the value; a second destroy, over a token
// already disabled, succeeds; so does one over no token at all.
func TestAccWebhookToken_destroyDisables(t *testing.T) {
	mock := startMock(t)
	cfg := providerBlock(mock) + storedToken(hookToken, true)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{
			{Config: cfg},
			{Config: cfg, Destroy: true, Check: mockHoldsToken(mock, hookToken, false)},
			{Config: cfg, Check: mockHoldsToken(mock, hookToken, true)},
			{
				PreConfig: func() { mock.SetToken(testAppID, hookToken, false) },
				Config:    cfg,
				Destroy:   true,
				Check:     mockHoldsToken(mock, hookToken, false),
			},
		},
	})
}

// Import adopts the app's token: the next apply writes the configured one.
func TestAccWebhookToken_import(t *testing.T) {
	t.Run("token", func(t *testing.T) {
		mock := startMock(t)
		mock.SetToken(testAppID, consoleToken, true)
		cfg := providerBlock(mock) + storedToken(hookToken, true)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{
				{
					Config: cfg, ResourceName: tokenAddr, ImportState: true, ImportStateId: "1400000001",
					ExpectError: words("The import ID 1400000001 is not the provider's sdk_app_id (1400000000)"),
				},
				{Config: cfg, ResourceName: tokenAddr, ImportState: true, ImportStateId: testApp, ImportStatePersist: true},
				{Config: cfg, ConfigPlanChecks: expectUpdate(), Check: mockHoldsToken(mock, hookToken, true)},
			},
		})
	})
	t.Run("token_wo", func(t *testing.T) {
		mock := startMock(t)
		mock.SetToken(testAppID, consoleToken, true)
		cfg := providerBlock(mock) + writeOnlyToken(1, true)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			TerraformVersionChecks:   writeOnlyCLIs,
			Steps: []resource.TestStep{
				{
					Config: cfg, ConfigVariables: tokenVar(hookToken),
					ResourceName: tokenAddr, ImportState: true, ImportStateId: testApp, ImportStatePersist: true,
				},
				{
					Config: cfg, ConfigVariables: tokenVar(hookToken),
					ConfigPlanChecks: expectUpdate(),
					Check:            mockHoldsToken(mock, hookToken, true),
				},
				{Config: cfg, ConfigVariables: tokenVar(hookToken), ConfigPlanChecks: expectEmptyPlan()},
			},
		})
	})
}

// A token resource of another app is refused before any request, as a
// webhook is (TestAccAppBinding_otherAppIsNeverTouched).
func TestAccWebhookToken_otherAppNeverTouched(t *testing.T) {
	mockA := startMock(t)
	mockB := startMock(t)
	mockB.SetToken(mocktest.OtherAppID, consoleToken, true)
	atA := providerBlock(mockA) + storedToken(hookToken, true)
	atB := fmt.Sprintf("provider \"trtc\" {\n  sdk_app_id = %d\n  secret_key = %q\n  endpoint   = %q\n}\n",
		mocktest.OtherAppID, mocktest.OtherKey, mockB.URL()) + storedToken(hookToken2, false)
	refused := words("This trtc_live_webhook_token belongs to SDKAppID 1400000000, but the provider is configured for " +
		"SDKAppID 1400000001. To protect both apps, nothing was read, written or deleted in either.")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		CheckDestroy:             mockHoldsToken(mockA, hookToken, false),
		Steps: []resource.TestStep{
			{Config: atA},
			{Config: atB, PlanOnly: true, ExpectError: refused},
			{Config: atB, ExpectError: refused},
			{Config: atB, Destroy: true, ExpectError: refused},
			{Config: atA, ConfigPlanChecks: expectEmptyPlan(), Check: mockHoldsToken(mockA, hookToken, true)},
		},
	})
	if n := mockB.CountRequests(""); n != 0 {
		t.Errorf("app B's data centre saw %d request(s): %v", n, mocktest.Commands(mockB, ""))
	}
	if v, on, _ := mockB.Token(mocktest.OtherAppID); v != consoleToken || !on {
		t.Errorf("app B's token changed: %q enabled=%v", v, on)
	}
}

// Bad input is a plan-time error naming the attribute, with no request.
func TestAccWebhookToken_validation(t *testing.T) {
	mock := startMock(t)
	cases := map[string]struct{ body, want string }{
		"neither token": {fmt.Sprintf("resource %q \"this\" {\n  enabled = true\n}\n", liveWebhookTokenType),
			`Exactly one of these attributes must be configured: [token,token_wo]`},
		"empty token": {storedToken("", true), `Attribute token UTF-8 character count must be between 1 and 128, got: 0`},
		"token over 128 characters": {storedToken(strings.Repeat("é", 129), true),
			`Attribute token UTF-8 character count must be between 1 and 128, got: 129`},
		"token_wo_version without token_wo": {storedToken(hookToken, true, "token_wo_version = 1"),
			`These attributes must be configured together: [token_wo,token_wo_version]`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps:                    []resource.TestStep{{Config: providerBlock(mock) + c.body, PlanOnly: true, ExpectError: words(c.want)}},
			})
		})
	}
	if n := mock.CountRequests(""); n != 0 {
		t.Errorf("validation sent %d request(s)", n)
	}
}

// Under a CLI that supports write-only attributes: both forms at once,
// token_wo without a version, and a token_wo too long.
func TestAccWebhookToken_validationWriteOnly(t *testing.T) {
	mock := startMock(t)
	wo := func(lines ...string) string {
		return fmt.Sprintf("resource %q \"this\" {\n  enabled = true\n  %s\n}\n", liveWebhookTokenType, strings.Join(lines, "\n  "))
	}
	cases := map[string]struct{ body, want string }{
		"token and token_wo": {wo(`token = "a"`, `token_wo = "b"`, "token_wo_version = 1"),
			`Exactly one of these attributes must be configured: [token,token_wo]`},
		"token_wo without a version": {wo(`token_wo = "b"`),
			`These attributes must be configured together: [token_wo,token_wo_version]`},
		"token_wo over 128 characters": {wo(fmt.Sprintf("token_wo = %q", strings.Repeat("x", 129)), "token_wo_version = 1"),
			`Attribute token_wo UTF-8 character count must be between 1 and 128, got: 129`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				TerraformVersionChecks:   writeOnlyCLIs,
				Steps:                    []resource.TestStep{{Config: providerBlock(mock) + c.body, PlanOnly: true, ExpectError: words(c.want)}},
			})
		})
	}
}

// Under an older CLI, token_wo is refused at plan time with the CLIs that
// take it and the way out.
func TestAccWebhookToken_writeOnlyNeedsNewerCLI(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipAbove(tfversion.Version1_10_0)},
		Steps: []resource.TestStep{{
			Config:   providerBlock(mock) + fmt.Sprintf("resource %q \"this\" {\n  enabled          = true\n  token_wo         = %q\n  token_wo_version = 1\n}\n", liveWebhookTokenType, hookToken),
			PlanOnly: true,
			ExpectError: words("token_wo needs Terraform 1.11 or OpenTofu 1.11 ... token_wo is write-only, which Terraform " +
				"1.11 and later and OpenTofu 1.11 and later support; this CLI does not. Upgrade the CLI, or set token instead"),
		}},
	})
}

// Destroy says, in a warning the CLI prints, that it disabled the token
// and left the value on TRTC: there is no delete command. (resource.Test
// does not expose an apply's warnings, so Delete is called directly.)
func TestWebhookTokenDelete_warnsTheValueStays(t *testing.T) {
	mock := startMock(t)
	mock.SetToken(testAppID, hookToken, true)
	d := configureForTest(t, map[string]string{envSDKAppID: testApp, envSecretKey: testKey, envEndpoint: mock.URL(),
		envMaxRetries: "1", envRequestTimeout: "5s"})
	r := &lifecycle[webhookTokenModel, tokenValue]{kind: tokenKind{}, data: d}
	ctx := t.Context()
	var sch fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &sch)
	state := tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), nil)}
	for attr, v := range map[string]any{"id": types.StringValue(testApp), "sdk_app_id": types.NumberValue(sdkAppIDNumber(testAppID)),
		"enabled": types.BoolValue(true), "token": types.StringValue(hookToken)} {
		if diags := state.SetAttribute(ctx, path.Root(attr), v); diags.HasError() {
			t.Fatal(diags)
		}
	}

	resp := fwresource.DeleteResponse{State: state}
	r.Delete(ctx, fwresource.DeleteRequest{State: state}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Delete: %v", resp.Diagnostics)
	}
	warnings := resp.Diagnostics.Warnings()
	if len(warnings) != 1 || warnings[0].Summary() != "Live webhook signing token disabled, not deleted" ||
		!strings.Contains(warnings[0].Detail(), "The token value stays on TRTC") ||
		!strings.Contains(warnings[0].Detail(), "SDKAppID 1400000000") {
		t.Errorf("warnings = %v", warnings)
	}
	if err := mockHoldsToken(mock, hookToken, false)(nil); err != nil {
		t.Error(err)
	}
	for _, w := range warnings {
		if strings.Contains(w.Detail(), hookToken) {
			t.Error("the warning shows the token")
		}
	}
}
