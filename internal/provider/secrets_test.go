package provider

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// Secrets — the key, a pre-made user_sig, and every UserSig the provider
// signs — never reach the logs, the state or the plan, even at TF_LOG=TRACE
// with a retry and an update on the way. The same log must carry the
// request details support needs. Runs sequentially: it sets the process
// environment that the CLI and the in-process log sink read.
func TestAccSecrets_neverLoggedStoredOrPlanned(t *testing.T) {
	for name, credential := range map[string]func(t *testing.T) (env, secret string){
		"secret_key": func(*testing.T) (string, string) { return envSecretKey, testKey },
		"user_sig": func(t *testing.T) (string, string) {
			return envUserSig, mocktest.Sign(t, testKey, testAppID, "administrator", time.Hour, time.Now())
		},
	} {
		t.Run(name, func(t *testing.T) {
			mock := startMock(t)
			mock.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 100001})
			logPath := filepath.Join(t.TempDir(), "trace.log")
			env, secret := credential(t)
			t.Setenv("TF_LOG", "TRACE")
			t.Setenv("TF_ACC_LOG_PATH", logPath)
			t.Setenv(env, secret)

			var seen []byte // every state and plan the CLI showed, as JSON
			capture := captured{into: &seen}
			cfg := func(url string) string {
				return `provider "trtc" {
  sdk_app_id = 1400000000
  endpoint   = "` + mock.URL() + `"
}` + live.resource(url, []string{live.word(0)})
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{
						Config:            cfg(hookURL),
						ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{capture}},
						ConfigStateChecks: []statecheck.StateCheck{capture},
					},
					{
						Config:            cfg(hookURL2),
						ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{capture}},
						ConfigStateChecks: []statecheck.StateCheck{capture},
					},
				},
			})

			raw, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatal(err)
			}
			log := string(raw)
			secrets := map[string]string{env: secret}
			for _, r := range mock.Requests() {
				secrets["UserSig sent to "+r.Command] = r.UserSig
			}
			for what, s := range secrets {
				if s == "" {
					t.Fatalf("%s is empty", what)
				}
				if strings.Contains(log, s) {
					t.Errorf("the TRACE log contains the %s", what)
				}
				if strings.Contains(string(seen), s) {
					t.Errorf("a state or plan contains the %s", what)
				}
			}
			if strings.Contains(log, "usersig=") {
				t.Error("the TRACE log contains a request URL with its usersig")
			}
			if len(seen) == 0 {
				t.Fatal("no state or plan was captured")
			}
			// What support needs is there: command, ErrorCode, RequestId,
			// attempt and duration, for the failure and the retry.
			for _, want := range []string{
				"TRTC API request failed; retrying", "trtc_command=set_callback", "trtc_error_code=100001",
				"trtc_request_id=Id-", "trtc_attempt=2", "trtc_duration_ms=", "trtc_command=update_callback",
			} {
				if !strings.Contains(log, want) {
					t.Errorf("the TRACE log lacks %q", want)
				}
			}
			// The SDKAppID reads as the integer it is, and the create's
			// first read, which finds nothing, is an answer, not a failure.
			if !regexp.MustCompile(`trtc_sdk_app_id="?1400000000"?[\s,}]`).MatchString(log) || strings.Contains(log, "e+09") {
				t.Error("the TRACE log does not show trtc_sdk_app_id as the integer 1400000000")
			}
			if !strings.Contains(log, "TRTC API request answered: no configuration") {
				t.Error("the TRACE log lacks the read that found no configuration")
			}
			for _, line := range strings.Split(log, "\n") {
				if strings.Contains(line, "trtc_error_code=100301") && strings.Contains(line, "failed") {
					t.Errorf("a read that found nothing is logged as a failure: %s", line)
				}
			}
		})
	}
}

// The webhook signing token never reaches the TRACE log, given as token
// or as token_wo, with drift restored and a new token on the way: neither
// the configured tokens nor the one changed in the console.
func TestAccSecrets_webhookTokenNeverLogged(t *testing.T) {
	for name, tc := range map[string]struct {
		cli  []tfversion.TerraformVersionCheck
		step func(mock *trtcmock.Server, token string) resource.TestStep
	}{
		"token": {step: func(mock *trtcmock.Server, token string) resource.TestStep {
			// From a variable, as real configurations do: the test harness
			// logs the configuration, literals included.
			return resource.TestStep{Config: providerBlock(mock) + `
variable "hook_token" {
  type      = string
  sensitive = true
}
` + storedToken("${var.hook_token}", true), ConfigVariables: tokenVar(token)}
		}},
		"token_wo": {cli: writeOnlyCLIs, step: func(mock *trtcmock.Server, token string) resource.TestStep {
			version := 1
			if token == hookToken2 {
				version = 2
			}
			return resource.TestStep{Config: providerBlock(mock) + writeOnlyToken(version, true), ConfigVariables: tokenVar(token)}
		}},
	} {
		t.Run(name, func(t *testing.T) {
			mock := startMock(t)
			logPath := filepath.Join(t.TempDir(), "trace.log")
			t.Setenv("TF_LOG", "TRACE")
			t.Setenv("TF_ACC_LOG_PATH", logPath)
			drifted := tc.step(mock, hookToken)
			drifted.PreConfig = func() { mock.SetToken(testAppID, consoleToken, true) }
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				TerraformVersionChecks:   tc.cli,
				Steps:                    []resource.TestStep{tc.step(mock, hookToken), drifted, tc.step(mock, hookToken2)},
			})
			if t.Skipped() {
				return
			}
			raw, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatal(err)
			}
			log := string(raw)
			for _, secret := range []string{hookToken, hookToken2, consoleToken} {
				if strings.Contains(log, secret) {
					t.Errorf("the TRACE log contains the token %q", secret)
				}
			}
			// The log did cover the writes and the read of the console's token.
			for _, want := range []string{"trtc_command=set_callback_token", "trtc_command=get_callback_token"} {
				if !strings.Contains(log, want) {
					t.Errorf("the TRACE log lacks %q", want)
				}
			}
			if err := mockHoldsToken(mock, hookToken2, false)(nil); err != nil {
				t.Error(err)
			}
		})
	}
}

// The UserSig trtc_user_sig signs, and the second provider configuration
// authenticates with, never reaches the TRACE log.
func TestAccSecrets_ephemeralUserSigNeverLogged(t *testing.T) {
	mock := startMock(t)
	logPath := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   ephemeralCLIs,
		Steps:                    []resource.TestStep{{Config: adminSigConfig(mock), Check: ephemeralSigUsed(mock)}},
	})
	if t.Skipped() {
		return
	}
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	reqs := mocktest.Requests(mock, trtcmock.ServiceLive, "get_callback")
	if len(reqs) == 0 {
		t.Fatal("no request was made with the ephemeral UserSig")
	}
	for _, r := range reqs {
		if strings.Contains(log, r.UserSig) {
			t.Error("the TRACE log contains the ephemeral UserSig")
		}
	}
	if strings.Contains(log, "usersig=") {
		t.Error("the TRACE log contains a request URL with its usersig")
	}
	if !strings.Contains(log, "trtc_command=get_callback") {
		t.Error("the TRACE log lacks the requests made with the ephemeral UserSig")
	}
}

// captured appends every plan and state it is shown to into, as JSON.
type captured struct{ into *[]byte }

func (c captured) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, _ *plancheck.CheckPlanResponse) {
	b, _ := json.Marshal(req.Plan)
	*c.into = append(*c.into, b...)
}

func (c captured) CheckState(_ context.Context, req statecheck.CheckStateRequest, _ *statecheck.CheckStateResponse) {
	b, _ := json.Marshal(req.State)
	*c.into = append(*c.into, b...)
}
