package provider

import (
	"context"
	"strconv"
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
				ProtoV6ProviderFactories: testProviders,
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

// Plain http and a well-formed but unknown command word are warnings:
// they apply.
func TestAccLiveWebhook_warningsDoNotBlock(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
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

func TestWebhookURLValidator(t *testing.T) {
	for _, ok := range []string{
		"https://hooks.example.com/trtc", "https://hooks.example.com:8443/a?b=c", "https://10.1.2.3/x",
		"https://[2001:db8::1]:443/x", "https://localhost", "https://a-b.c-d.example",
	} {
		if d := validateString(webhookURL(), ok); d.HasError() || d.WarningsCount() != 0 {
			t.Errorf("%q: %v", ok, d)
		}
	}
	d := validateString(webhookURL(), "http://hooks.example.com")
	if d.HasError() || d.WarningsCount() != 1 || !strings.Contains(d[0].Detail(), "Use an https:// URL") {
		t.Errorf("plain http: want one warning recommending https, got %v", d)
	}
	for _, bad := range []string{"", "hooks.example.com", "https://exa mple.com", "https://a..b", "https://a-.b", "https://ex%41mple.com",
		"https://a.example.com/a b", "https://a.example.com/\t", "https://a.example.com:0/", "https://a.example.com:65536/",
		"https://a.example.com:/x", "https://a.example.com/#", "https://a.example.com/x#y"} {
		if d := validateString(webhookURL(), bad); !d.HasError() {
			t.Errorf("%q accepted", bad)
		}
	}
	// Unknown and null values are left for later.
	resp := &validator.StringResponse{}
	webhookURL().ValidateString(context.Background(), validator.StringRequest{ConfigValue: types.StringUnknown()}, resp)
	webhookURL().ValidateString(context.Background(), validator.StringRequest{ConfigValue: types.StringNull()}, resp)
	if len(resp.Diagnostics) != 0 {
		t.Errorf("unknown/null: %v", resp.Diagnostics)
	}
}

func TestCommandWordValidator(t *testing.T) {
	v := commandWord(liveWebhook)
	for _, known := range liveWebhook.commands {
		if d := validateString(v, known); len(d) != 0 {
			t.Errorf("%q: %v", known, d)
		}
	}
	d := validateString(v, "Live.CallbackAfterSomethingNew")
	if d.HasError() || d.WarningsCount() != 1 || !strings.Contains(d[0].Detail(), "will be sent as written") {
		t.Errorf("unknown word: want one warning, got %v", d)
	}
	for _, bad := range []string{"", "Live", "Live.", "live.CallbackAfterCreateRoom", "Live.callbackAfterCreateRoom", "Live.Callback", "Live.CallbackAfter Create", "Live..CallbackX"} {
		if d := validateString(v, bad); !d.HasError() {
			t.Errorf("%q accepted", bad)
		}
	}
}

// What the provider says about each kind of command word, for every product.
func TestJudgeCommandWord(t *testing.T) {
	for _, p := range products() {
		other := otherProduct(p)
		for _, tc := range []struct {
			word, want string
			isError    bool
		}{
			{p.word(0), "", false},
			{p.word(0) + "x", "Unknown callback command", false},
			{strings.ToLower(p.word(0)), "Did you mean " + strconv.Quote(p.word(0)), true},
			{strings.Replace(p.word(0), "Callback", "Callback"+"After", 1) + "Typo", "Unknown callback command", false},
			{other.word(0), "is a " + other.product + " callback command, not a " + p.product + " one: configure it in " + other.typeName(), true},
		} {
			summary, detail, isError := judgeCommandWord(p.webhookKind, tc.word)
			if isError != tc.isError || !strings.Contains(summary+" "+detail, tc.want) || (tc.want == "") != (summary == "") {
				t.Errorf("%s %q: %q %q error=%v; want %q error=%v", p.typeSuffix, tc.word, summary, detail, isError, tc.want, tc.isError)
			}
		}
	}
	// An unknown word whose prefix belongs to another product names it.
	_, detail, _ := judgeCommandWord(liveWebhook, "Room.CallbackSomethingNew")
	if !strings.Contains(detail, "Its prefix is used by Conference (TUIRoomKit) callback commands (trtc_room_webhook).") {
		t.Errorf("prefix of another product: %q", detail)
	}
	// A word that differs only in case is an error even when well formed.
	if _, detail, isError := judgeCommandWord(liveWebhook, "Live.CallbackAfterCreateroom"); !isError || !strings.Contains(detail, `Did you mean "Live.CallbackAfterCreateRoom"?`) {
		t.Errorf("well-formed wrong case: %q error=%v", detail, isError)
	}
	// The older Conference spelling is accepted with a pointer to the current one.
	if summary, detail, isError := judgeCommandWord(roomWebhook, "Room.CallbackUpdateRoomInfo"); isError ||
		summary != "Older callback command spelling" || !strings.Contains(detail, `"Room.CallbackAfterUpdateRoomInfo"`) {
		t.Errorf("older spelling: %q %q error=%v", summary, detail, isError)
	}
	// Mic. words belong to Live and Conference alike.
	if summary, _, _ := judgeCommandWord(roomWebhook, "Mic.CallbackAfterSeatInfoChanged"); summary != "" {
		t.Errorf("shared word: %q", summary)
	}
}

// Words TRTC lists twice are one element, with a warning naming them.
func TestCommandSetCollapsesDuplicates(t *testing.T) {
	set, diags := commandSet(liveWebhook, []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom", "Live.CallbackAfterCreateRoom"})
	if diags.HasError() || set.IsNull() || len(set.Elements()) != 2 {
		t.Fatalf("set = %v, diags = %v", set, diags)
	}
	if diags.WarningsCount() != 1 || !strings.Contains(diags[0].Detail(), `"Live.CallbackAfterCreateRoom" more than once`) {
		t.Errorf("diags = %v", diags)
	}
	empty, diags := commandSet(liveWebhook, nil)
	if len(diags) != 0 || empty.IsNull() || len(empty.Elements()) != 0 {
		t.Errorf("no words: set = %v, diags = %v", empty, diags)
	}
}
