package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// offlineProvider configures the provider without a reachable API: plan
// -time validation must fail before any request.
const offlineProvider = `
provider "trtc" {
  sdk_app_id = 1400000000
  secret_key = "not-used"
  endpoint   = "http://127.0.0.1:9"
}
`

// Every invalid resource argument is an error at plan time that names the
// attribute.
func TestAccLiveWebhook_validationErrors(t *testing.T) {
	long := strings.Repeat("a", 60) + ".com" // 64 characters
	for name, tc := range map[string]struct{ url, commands, want string }{
		"ftp scheme":         {"ftp://hooks.example.com", `["Live.CallbackAfterCreateRoom"]`, `Invalid webhook URL ... url must start with https:// or http://, got "ftp://hooks.example.com"`},
		"upper-case scheme":  {"HTTPS://hooks.example.com", `["Live.CallbackAfterCreateRoom"]`, `url must start with https:// or http://`},
		"no host":            {"https://", `["Live.CallbackAfterCreateRoom"]`, `url must have a host`},
		"doubled hyphen":     {"https://bad--host.example.com/x", `["Live.CallbackAfterCreateRoom"]`, `label "bad--host" contains '--'`},
		"leading hyphen":     {"https://-bad.example.com", `["Live.CallbackAfterCreateRoom"]`, `label "-bad" starts or ends with '-'`},
		"underscore":         {"https://under_score.example.com", `["Live.CallbackAfterCreateRoom"]`, `label "under_score" may only contain letters, digits and '-'`},
		"domain too long":    {"https://" + long, `["Live.CallbackAfterCreateRoom"]`, `url must have a domain of at most 63 characters`},
		"credentials in url": {"https://user:pw@hooks.example.com", `["Live.CallbackAfterCreateRoom"]`, `url must not contain user credentials`},
		"word without prefix": {hookURL, `["CallbackAfterCreateRoom"]`,
			`Invalid callback command ... "CallbackAfterCreateRoom" is not a callback command: words have the form <Prefix>.Callback<Name>`},
		"word without Callback": {hookURL, `["Live.AfterCreateRoom"]`, `"Live.AfterCreateRoom" is not a callback command`},
		"no commands":           {hookURL, `[]`, `callback_commands set must contain at least 1 elements`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					Config: offlineProvider + `
resource "trtc_live_webhook" "this" {
  url               = "` + tc.url + `"
  callback_commands = ` + tc.commands + `
}`,
					PlanOnly:    true,
					ExpectError: words(tc.want),
				}},
			})
		})
	}
}

// Plain http, a private address and a well-formed but unknown command
// word are warnings: they apply.
func TestAccLiveWebhook_warningsDoNotBlock(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + live.resource("http://10.0.0.7:8080/trtc", []string{live.word(0), "Live.CallbackAfterSomethingNew"}),
			Check:  mockHolds(mock, live, "http://10.0.0.7:8080/trtc", live.word(0), "Live.CallbackAfterSomethingNew"),
		}},
	})
}

func validateString(v validator.String, value string) diag.Diagnostics {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{
		Path: path.Root("url"), ConfigValue: types.StringValue(value),
	}, resp)
	return resp.Diagnostics
}

// Inputs TRTC cannot take are plan-time errors on the attribute, with
// no request sent; what TRTC can take in another spelling is accepted.
func TestAccWebhook_inputsCheckedAtPlanTime(t *testing.T) {
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
