package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	receiver "github.com/trtc/terraform-provider-trtc/examples/webhook-receiver"
	"github.com/trtc/terraform-provider-trtc/internal/delivery"
)

// actionCLIs runs action steps only where actions exist: Terraform 1.14
// and later, not OpenTofu.
var actionCLIs = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0), noOpenTofuActions{}}

type noOpenTofuActions struct{}

func (noOpenTofuActions) CheckTerraformVersion(ctx context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	skipOpenTofu{}.CheckTerraformVersion(ctx, req, resp)
	if resp.Skip != "" {
		resp.Skip = "OpenTofu has no actions"
	}
}

// events records what a receiver's Handle is given.
type events struct {
	mu   sync.Mutex
	got  []string // command words
	body []string
}

func (e *events) handle(_ context.Context, command string, body []byte) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.got, e.body = append(e.got, command), append(e.body, string(body))
	return nil
}

func (e *events) all() ([]string, []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.got...), append([]string(nil), e.body...)
}

// actionBlock is action "x" with attrs in its config block.
func actionBlock(name string, attrs ...string) string {
	return fmt.Sprintf("\naction \"trtc_webhook_test\" %q {\n  config {\n    %s\n  }\n}\n", name, strings.Join(attrs, "\n    "))
}

// triggered is a terraform_data whose creation and updates invoke action x.
func triggered(input string) string {
	return fmt.Sprintf(`
resource "terraform_data" "hook" {
  input = %q

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.trtc_webhook_test.x]
    }
  }
}
`, input)
}

var testID = regexp.MustCompile(`"terraform-test-[0-9a-f]{8}(-[a-z0-9]+)?"`)

// After an apply, action_trigger sends a test event: by default the first
// event word the app configures (not the NotBlock flag), signed with the
// enabled token, which the example receiver verifies; an update sends it
// again.
func TestAccWebhookTestAction_afterApply(t *testing.T) {
	mock := startMock(t)
	const token = "action-token-abcdef"
	mock.SetToken(testAppID, token, true)
	var got events
	k := newHook(t, &receiver.Handler{SDKAppID: testAppID, Token: token, Handle: got.handle})
	live.put(mock, k.URL+"/live", delivery.GiftNotBlock, live.word(1), live.word(0))
	sent := func(n int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			words, bodies := got.all()
			if len(words) != n {
				return fmt.Errorf("the receiver handled %d event(s) %v, want %d", len(words), words, n)
			}
			for i, w := range words {
				if w != live.word(1) || !strings.Contains(bodies[i], `"CallbackCommand":"`+w+`"`) || !testID.MatchString(bodies[i]) {
					return fmt.Errorf("event %d: %s %s", i, w, bodies[i])
				}
			}
			reqs := k.requests()
			if len(reqs) != n {
				return fmt.Errorf("%d requests for %d events: the action retried", len(reqs), n)
			}
			return checkSigned(reqs[n-1], token, time.Now().Add(-time.Minute), time.Now())
		}
	}
	cfg := func(input string) string {
		return providerBlock(mock) + actionBlock("x", `product = "live"`) + triggered(input)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   actionCLIs,
		Steps: []resource.TestStep{
			{Config: cfg("v1"), Check: sent(1)},
			{Config: cfg("v2"), Check: sent(2)},
		},
	})
}

// The pattern of the docs: a terraform_data that follows the webhook
// resource invokes the action once the configuration is written, and again
// when its URL changes; the action sends to the URL TRTC then holds.
func TestAccWebhookTestAction_afterWebhookChange(t *testing.T) {
	mock := startMock(t)
	first, second := newHook(t, documented), newHook(t, documented)
	p := product{callWebhook}
	cfg := func(url string) string {
		return providerBlock(mock) + p.resource(url, []string{p.word(1)}) + actionBlock("x", `product = "call"`) + `
resource "terraform_data" "hook" {
  input = [` + p.addr() + `.url, ` + p.addr() + `.callback_commands]

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.trtc_webhook_test.x]
    }
  }
}
`
	}
	got := func(firsts, seconds int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if first.count() != firsts || second.count() != seconds {
				return fmt.Errorf("the receivers got %d and %d event(s), want %d and %d", first.count(), second.count(), firsts, seconds)
			}
			for _, r := range append(first.requests(), second.requests()...) {
				if !strings.Contains(r.uri, "CallbackCommand="+p.word(1)+"&") {
					return fmt.Errorf("sent %s, want the configured %s", r.uri, p.word(1))
				}
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   actionCLIs,
		Steps: []resource.TestStep{
			{Config: cfg(first.URL + "/call"), Check: got(1, 0)},
			{Config: cfg(second.URL + "/call"), Check: got(1, 1)},
		},
	})
}

// A receiver that fails fails the apply, with what TRTC would make of it:
// the gift pre-check blocks gifts unless NotBlock is configured.
func TestAccWebhookTestAction_failingReceiverFailsApply(t *testing.T) {
	for name, tc := range map[string]struct {
		configured []string
		want       string
	}{
		"blocks the gift": {
			configured: []string{delivery.GiftPreCheck},
			want: "Webhook test failed: Live.CallbackBeforeSendGift ... TRTC would count a delivery of " +
				"Live.CallbackBeforeSendGift answered like this as a failed delivery: HTTP 500 Internal Server Error: " +
				"TRTC counts anything but 200 as a failed delivery. ... A failed Live.CallbackBeforeSendGift pre-check " +
				"blocks the gift: without an answer within 2 s, TRTC does not send it. Configure " +
				"Live.CallbackBeforeCallBackNotBlock as well",
		},
		"NotBlock lets it through": {
			configured: []string{delivery.GiftPreCheck, delivery.GiftNotBlock},
			want: "Webhook test failed: Live.CallbackBeforeSendGift ... Because Live.CallbackBeforeCallBackNotBlock " +
				"is configured, TRTC lets the gift through when its pre-check fails like this.",
		},
	} {
		t.Run(name, func(t *testing.T) {
			mock := startMock(t)
			k := newHook(t, answering(500, "text/plain", "down"))
			live.put(mock, k.URL, tc.configured...)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				TerraformVersionChecks:   actionCLIs,
				Steps: []resource.TestStep{{
					Config:      providerBlock(mock) + actionBlock("x", `product = "live"`) + triggered("v1"),
					ExpectError: words(tc.want),
				}},
			})
			if !t.Skipped() && k.count() != 1 {
				t.Errorf("the receiver got %d request(s), want 1: no retries", k.count())
			}
		})
	}
}

// An answer TRTC counts as delivered, but not the documented one, is a
// warning: the apply succeeds. With url and no configuration, Conference's
// first documented word is sent, unsigned.
func TestAccWebhookTestAction_deliveredButNotDocumented(t *testing.T) {
	mock := startMock(t)
	k := newHook(t, answering(200, "application/json", `{"ActionStatus":"FAIL","ErrorInfo":"unknown room","ErrorCode":1}`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   actionCLIs,
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + actionBlock("x", `product = "room"`, fmt.Sprintf("url = %q", k.URL+"/room")) + triggered("v1"),
			Check: func(*terraform.State) error {
				reqs := k.requests()
				if len(reqs) != 1 {
					return fmt.Errorf("%d requests", len(reqs))
				}
				if want := "/room?" + wantQuery(testAppID, "Room.CallbackAfterCreateRoom"); reqs[0].uri != want {
					return fmt.Errorf("request target %s, want %s", reqs[0].uri, want)
				}
				var body map[string]any
				if err := json.Unmarshal([]byte(reqs[0].body), &body); err != nil || body["CallbackCommand"] != "Room.CallbackAfterCreateRoom" {
					return fmt.Errorf("body %s: %v", reqs[0].body, err)
				}
				return nil
			},
		}},
	})
}

// Arguments are checked before anything is sent: command against product,
// as the webhook resources check their words.
func TestAccWebhookTestAction_invalidArguments(t *testing.T) {
	mock := startMock(t)
	k := newHook(t, documented)
	live.put(mock, k.URL, live.word(0))
	var steps []resource.TestStep
	for attrs, want := range map[string]string{
		`product = "live"` + "\n" + `command = "Call.CallbackAfterStartCall"`:         "command Call.CallbackAfterStartCall is a Call word, not a Live one.",
		`product = "live"` + "\n" + `command = "Live.CallbackBeforeCallBackNotBlock"`: "command Live.CallbackBeforeCallBackNotBlock is a behaviour flag, not an event",
		`product = "live"` + "\n" + `command = "Live.CallbackAfterCreateRom"`:         `Misspelt callback command ... Did you mean "Live.CallbackAfterCreateRoom"?`,
		`product = "live"` + "\n" + `command = "live.CallbackAfterCreateRoom"`:        "is not a command word of the form <Prefix>.Callback<Name>",
		`product = "chat"`:                                      `product must be one of "live", "room" and "call"`,
		`product = "live"` + "\n" + `timeout = "1m"`:            "timeout is 1m0s, more than 30s",
		`product = "live"` + "\n" + `url = "hooks.example.com"`: "url must start with https:// or http://",
	} {
		steps = append(steps, resource.TestStep{
			Config: providerBlock(mock) + actionBlock("x", attrs) + triggered("v1"), ExpectError: words(want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   actionCLIs,
		Steps:                    steps,
	})
	if n := k.count(); n != 0 {
		t.Errorf("an invalid configuration sent %d event(s)", n)
	}
}

// Without a configuration and without url there is nothing to test.
func TestAccWebhookTestAction_noURL(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   actionCLIs,
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + actionBlock("x", `product = "call"`) + triggered("v1"),
			ExpectError: words("No webhook URL to test ... SDKAppID 1400000000 has no Call (TUICallKit) webhook configuration, " +
				"so there is no URL to send a test event to."),
		}},
	})
}

// terraform apply -invoke, through the CLI as a user runs it (Terraform
// 1.14 and later): progress says what was sent where, a good receiver
// succeeds, a failing one fails the command with the explanation, and the
// token appears nowhere in the output.
func TestAccWebhookTestAction_invoke(t *testing.T) {
	cli, name, v := cliUnderTest(t)
	if name != "Terraform" || !atLeast(v, "1.14.0") {
		t.Skipf("%s %s has no actions (Terraform 1.14 or later)", name, v)
	}
	mock := startMock(t)
	const token = "invoke-token-0f1e2d3c"
	mock.SetToken(testAppID, token, true)
	var got events
	good := newHook(t, &receiver.Handler{SDKAppID: testAppID, Token: token, Handle: got.handle})
	// A receiver that echoes what it was sent, Sign included, in its answer.
	var signs []string
	var mu sync.Mutex
	echo := newHook(t, answeringFunc(func(q string) (int, string) {
		mu.Lock()
		defer mu.Unlock()
		_, sign, _ := strings.Cut(q, "Sign=")
		sign, _, _ = strings.Cut(sign, "&")
		signs = append(signs, sign)
		return 403, "refused " + q
	}))
	live.put(mock, good.URL+"/live", live.word(0))
	dir := t.TempDir()
	write(t, filepath.Join(dir, "main.tf"), "terraform {\n  required_providers {\n    trtc = { source = \"trtc/trtc\" }\n  }\n}\n"+
		providerBlock(mock)+
		actionBlock("x", `product = "live"`)+
		actionBlock("gift", `product = "live"`, `command = "Live.CallbackBeforeSendGift"`, fmt.Sprintf("url = %q", echo.URL+"/gift")))
	run := cliRunner(cli, dir, devOverrides(t, buildProvider(t), name))

	out, err := run("apply", "-auto-approve", "-invoke=action.trtc_webhook_test.x")
	if err != nil {
		t.Fatalf("terraform apply -invoke: %v\n%s", err, out)
	}
	if words, _ := got.all(); len(words) != 1 || words[0] != live.word(0) {
		t.Errorf("the receiver handled %v, want one %s", words, live.word(0))
	}
	for _, want := range []string{
		"Sending a test " + live.word(0) + " event (the first event word of the app's configuration) for SDKAppID " +
			testApp + " to " + good.URL + "/live (signed with the app's token).",
		good.URL + "/live?" + wantQuery(testAppID, live.word(0)) + " answered HTTP 200, ActionStatus OK, ErrorCode 0, in",
	} {
		if !words(want).MatchString(out) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}

	out, err = run("apply", "-auto-approve", "-invoke=action.trtc_webhook_test.gift")
	if err == nil {
		t.Fatalf("a failing receiver did not fail terraform apply -invoke:\n%s", out)
	}
	for _, want := range []string{
		"Webhook test failed: Live.CallbackBeforeSendGift",
		"HTTP 403 Forbidden: TRTC counts anything but 200 as a failed delivery.",
		"A failed Live.CallbackBeforeSendGift pre-check blocks the gift",
		"not from Tencent's webhook egress addresses",
	} {
		if !words(want).MatchString(out) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(signs) != 1 || len(signs[0]) != 64 {
		t.Fatalf("the echoing receiver saw Signs %q", signs)
	}
	for what, secret := range map[string]string{"token": token, "Sign": signs[0]} {
		if strings.Contains(out, secret) {
			t.Errorf("the output of the failed invoke contains the %s:\n%s", what, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "terraform.tfstate")); err == nil {
		raw, _ := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
		if strings.Contains(string(raw), token) {
			t.Error("the state contains the token")
		}
	}
}

// answeringFunc answers with what f makes of the raw query.
func answeringFunc(f func(rawQuery string) (int, string)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status, body := f(r.URL.RawQuery)
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	})
}

// The schema is an action's: nothing Computed or Sensitive, which
// Terraform refuses in action schemas.
func TestWebhookTestActionSchema(t *testing.T) {
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("%s: %s", d.Summary, d.Detail)
	}
	s, ok := resp.ActionSchemas[webhookTestType]
	if !ok {
		t.Fatalf("no %s among %d action schemas", webhookTestType, len(resp.ActionSchemas))
	}
	for _, a := range s.Schema.Block.Attributes {
		if a.Computed || a.Sensitive {
			t.Errorf("%s is computed or sensitive", a.Name)
		}
	}
}

func TestCheckTestCommand(t *testing.T) {
	for word, want := range map[string]string{
		"Live.CallbackAfterCreateRoom":        "",
		"Live.CallbackTerraformProbe":         "",
		"Live.CallbackAfterSomethingNew":      "warning: Unknown callback command",
		"Live.CallbackBeforeCallBackNotBlock": "error: Invalid test event",
		"Room.CallbackAfterMemberEnter":       "error: Invalid test event",
		"Live.CallbackAfterCreateRooom":       "error: Misspelt callback command",
		"Live.callbackAfterCreateRoom":        "error: Invalid test event",
	} {
		var diags diag.Diagnostics
		checkTestCommand(&diags, liveWebhook, word)
		got := ""
		for _, d := range diags {
			got = strings.ToLower(d.Severity().String()) + ": " + d.Summary()
		}
		if got != want {
			t.Errorf("%s: %q, want %q", word, got, want)
		}
	}
}

func TestTestCommandDefault(t *testing.T) {
	null := types.StringNull()
	for _, tc := range []struct {
		k          webhookProduct
		configured []string
		want       string
	}{
		{liveWebhook, []string{delivery.GiftNotBlock, "Live.CallbackAfterEndBattle"}, "Live.CallbackAfterEndBattle"},
		{liveWebhook, []string{delivery.GiftNotBlock}, "Live.CallbackAfterCreateRoom"},
		{liveWebhook, nil, "Live.CallbackAfterCreateRoom"},
		{roomWebhook, []string{"Room.CallbackUpdateRoomInfo"}, "Room.CallbackUpdateRoomInfo"},
		{callWebhook, []string{"Room.CallbackAfterCreateRoom", "Call.CallbackAfterEndCall"}, "Call.CallbackAfterEndCall"},
	} {
		if got, _ := testCommand(tc.k, null, deliveryTarget{commands: tc.configured}); got != tc.want {
			t.Errorf("%s %v: %s, want %s", tc.k.typeName(), tc.configured, got, tc.want)
		}
	}
}
