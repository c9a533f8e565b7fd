package provider

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// echoing is a receiver that repeats what it was sent, Sign included, in
// its answer (in ErrorInfo, in a redirect's Location, in its Content-Type),
// and remembers every Sign it saw.
type echoing struct {
	mu    sync.Mutex
	signs []string
}

func (e *echoing) handler(kind string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sign := r.URL.Query().Get("Sign")
		e.mu.Lock()
		e.signs = append(e.signs, sign)
		e.mu.Unlock()
		q := r.URL.RawQuery
		switch kind {
		case "redirect":
			http.Redirect(w, r, "https://elsewhere.example/?"+q+"&copy="+sign, http.StatusFound)
		case "html":
			w.Header().Set("Content-Type", "text/html; sign="+sign)
			_, _ = w.Write([]byte("<p>" + q + "</p>"))
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = fmt.Fprintf(w, `{"ActionStatus":"FAIL","ErrorInfo":"sent %s","ErrorCode":1}`, q)
		}
	})
}

func (e *echoing) seen() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.signs...)
}

// The Live signing token, and every Sign made from it, never reach the
// TRACE log, a plan, the state or an error, even when the receiver echoes
// them back: through the probe under any CLI, through the action where
// actions exist. Runs sequentially: it sets the process environment that
// the CLI and the in-process log sink read.
func TestAccDeliverySecrets_tokenNeverShown(t *testing.T) {
	const token = "delivery-secret-token-7c1d"
	for name, tc := range map[string]struct {
		cli   []tfversion.TerraformVersionCheck
		log   string // what the log shows of the deliveries
		steps func(e *echoing, cfg string, urls map[string]string, capture captured) []resource.TestStep
	}{
		"probe": {log: "Webhook probe answered", steps: func(e *echoing, cfg string, urls map[string]string, capture captured) []resource.TestStep {
			var steps []resource.TestStep
			for _, kind := range []string{"json", "redirect", "html"} {
				steps = append(steps, resource.TestStep{
					Config:            cfg + probeBlock(`product = "live"`, fmt.Sprintf("url = %q", urls[kind])),
					ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{capture}},
					ConfigStateChecks: []statecheck.StateCheck{capture, statecheck.ExpectKnownValue(probeAddr, tfjsonpath.New("signed"), knownvalue.Bool(true))},
				})
			}
			return steps
		}},
		"action": {cli: actionCLIs, log: "Webhook test event answered", steps: func(e *echoing, cfg string, urls map[string]string, capture captured) []resource.TestStep {
			return []resource.TestStep{
				{
					Config:            cfg + actionBlock("x", `product = "live"`, fmt.Sprintf("url = %q", urls["json"])) + triggered("v1"),
					ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{capture}},
					ConfigStateChecks: []statecheck.StateCheck{capture},
				},
				{
					Config:      cfg + actionBlock("x", `product = "live"`, fmt.Sprintf("url = %q", urls["redirect"])) + triggered("v2"),
					ExpectError: words("Webhook test failed: Live.CallbackAfterCreateRoom ... redirect (HTTP 302) to https://elsewhere.example/?SdkAppid="),
				},
				{
					Config:      cfg + actionBlock("x", `product = "live"`, fmt.Sprintf("url = %q", urls["html"])) + triggered("v3"),
					ExpectError: words("Webhook test failed: Live.CallbackAfterCreateRoom ... the body is not JSON (text/html"),
				},
			}
		}},
	} {
		t.Run(name, func(t *testing.T) {
			mock := startMock(t)
			mock.SetToken(testAppID, token, true)
			logPath := filepath.Join(t.TempDir(), "trace.log")
			t.Setenv("TF_LOG", "TRACE")
			t.Setenv("TF_ACC_LOG_PATH", logPath)
			var e echoing
			urls := map[string]string{}
			for _, kind := range []string{"json", "redirect", "html"} {
				urls[kind] = newHook(t, e.handler(kind)).URL + "/" + kind
			}
			var seen []byte
			capture := captured{into: &seen}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				TerraformVersionChecks:   tc.cli,
				Steps:                    tc.steps(&e, providerBlock(mock), urls, capture),
			})
			if t.Skipped() {
				return
			}
			raw, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatal(err)
			}
			log := string(raw)
			signs := e.seen()
			if len(signs) < 3 {
				t.Fatalf("the receivers saw %d Signs", len(signs))
			}
			if len(seen) == 0 {
				t.Fatal("no plan or state was captured")
			}
			for i, secret := range append([]string{token}, signs...) {
				what := "the token"
				if i > 0 {
					what = "the Sign " + secret
				}
				if len(secret) < 16 {
					t.Fatalf("%s is %q", what, secret)
				}
				if strings.Contains(log, secret) {
					t.Errorf("the TRACE log contains %s", what)
				}
				if strings.Contains(string(seen), secret) {
					t.Errorf("a plan or state contains %s", what)
				}
			}
			// The log did cover the reads of the token and the deliveries.
			for _, want := range []string{"trtc_command=get_callback_token", tc.log} {
				if !strings.Contains(log, want) {
					t.Errorf("the TRACE log lacks %q", want)
				}
			}
			// The echoed Sign reached the provider, which redacted it: in
			// the probe's error (state), in the action's errors (log).
			if !strings.Contains(log+string(seen), "=[redacted]") {
				t.Error("no echoed Sign was redacted: the receivers' echoes did not come back")
			}
		})
	}
}
