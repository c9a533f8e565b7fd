package provider

import (
	"context"
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

// Words TRTC lists twice are one element, with a warning naming them.
func TestCommandSetCollapsesDuplicates(t *testing.T) {
	set, diags := commandSet(t.Context(), liveWebhook, []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom", "Live.CallbackAfterCreateRoom"}, refresh{})
	if diags.HasError() || set.IsNull() || len(set.Elements()) != 2 {
		t.Fatalf("set = %v, diags = %v", set, diags)
	}
	if diags.WarningsCount() != 1 || !strings.Contains(diags[0].Detail(), `"Live.CallbackAfterCreateRoom" more than once`) {
		t.Errorf("diags = %v", diags)
	}
	empty, diags := commandSet(t.Context(), liveWebhook, nil, refresh{})
	if len(diags) != 0 || empty.IsNull() || len(empty.Elements()) != 0 {
		t.Errorf("no words: set = %v, diags = %v", empty, diags)
	}
}
