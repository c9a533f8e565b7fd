package provider

import (
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// providersWithEnv runs the provider with env as its whole environment, so
// configuration tests run in parallel and ignore the machine's TRTC_*.
func providersWithEnv(t *testing.T, env map[string]string) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){TypeName: testProvider(t, func(k string) string { return env[k] })}
}

const planOnlyData = `data "trtc_live_webhook" "current" {}`

// Every provider misconfiguration is a plan-time error that names the
// attribute and, where one exists, its environment variable.
func TestAccProvider_configurationErrors(t *testing.T) {
	valid := mocktest.Sign(t, testKey, testAppID, "administrator", time.Hour, time.Now())
	tests := map[string]struct {
		block string
		env   map[string]string
		want  string
	}{
		"no sdk_app_id": {`secret_key = "k"
  region = "singapore"`, nil, `Missing SDKAppID ... sdk_app_id ... TRTC_SDK_APP_ID`},
		"zero sdk_app_id": {`sdk_app_id = 0
  secret_key = "k"
  region = "singapore"`, nil, `Invalid SDKAppID ... sdk_app_id must be a whole number from 1 to 4294967295 (SDKAppIDs are 32-bit), got 0.`},
		"bad env sdk_app_id": {`secret_key = "k"
  region = "singapore"`, map[string]string{envSDKAppID: "app-1"}, `The TRTC_SDK_APP_ID environment variable must be a whole number from 1 to 4294967295 (SDKAppIDs are 32-bit), got "app-1"`},
		"env sdk_app_id over 32 bits": {`secret_key = "k"
  region = "singapore"`, map[string]string{envSDKAppID: "4294967296"}, `TRTC_SDK_APP_ID environment variable must be a whole number from 1 to 4294967295`},
		"no credential": {`sdk_app_id = 1400000000
  region = "singapore"`, nil, `Missing TRTC credentials ... secret_key ... TRTC_SECRET_KEY ... user_sig ... TRTC_USER_SIG`},
		"both credentials": {`sdk_app_id = 1400000000
  secret_key = "k"
  user_sig = "s"
  region = "singapore"`, nil, `These attributes cannot be configured together: [secret_key,user_sig]`},
		"both credentials in env": {`sdk_app_id = 1400000000
  region = "singapore"`, map[string]string{envSecretKey: "k", envUserSig: "s"}, `Both TRTC_SECRET_KEY and TRTC_USER_SIG are set`},
		"no region or endpoint": {`sdk_app_id = 1400000000
  secret_key = "k"`, nil, `Missing TRTC region ... region ... TRTC_REGION ... endpoint ... TRTC_ENDPOINT`},
		"unknown region": {`sdk_app_id = 1400000000
  secret_key = "k"
  region = "mars"`, nil, `region value must be one of`},
		"unknown env region": {`sdk_app_id = 1400000000
  secret_key = "k"`, map[string]string{envRegion: "mars"}, `region (or TRTC_REGION) is "mars", which is not one of: china, germany, india, indonesia, korea, singapore, usa`},
		"bad endpoint": {`sdk_app_id = 1400000000
  secret_key = "k"
  endpoint = "ftp://gateway.example.com"`, nil, `Invalid endpoint ... must start with http:// or https://`},
		"bad env endpoint": {`sdk_app_id = 1400000000
  secret_key = "k"`, map[string]string{envEndpoint: "gateway"}, `endpoint (or TRTC_ENDPOINT) must start with http:// or https://`},
		"negative max_retries": {`sdk_app_id = 1400000000
  secret_key = "k"
  region = "usa"
  max_retries = -1`, nil, `max_retries value must be between 0 and 100`},
		"bad env max_retries": {`sdk_app_id = 1400000000
  secret_key = "k"
  region = "usa"`, map[string]string{envMaxRetries: "many"}, `The TRTC_MAX_RETRIES environment variable must be an integer from 0 to 100`},
		"bad request_timeout": {`sdk_app_id = 1400000000
  secret_key = "k"
  region = "usa"
  request_timeout = "soon"`, nil, `request_timeout must be a positive duration such as "30s", got "soon"`},
		"user_sig not a UserSig": {`sdk_app_id = 1400000000
  user_sig = "not-a-usersig"
  region = "usa"`, nil, `Invalid user_sig ... is not a TLSSigAPIv2 UserSig`},
		"user_sig for another app": {`sdk_app_id = 1400000000
  user_sig = "` + mocktest.Sign(t, testKey, 1400000001, "administrator", time.Hour, time.Now()) + `"
  region = "usa"`, nil, `user_sig was issued for SDKAppID 1400000001, but sdk_app_id is 1400000000`},
		"user_sig for another identifier": {`sdk_app_id = 1400000000
  identifier = "ops"
  user_sig = "` + valid + `"
  region = "usa"`, nil, `user_sig was issued for identifier "administrator", but identifier is "ops"`},
		"user_sig expired": {`sdk_app_id = 1400000000
  user_sig = "` + mocktest.Sign(t, testKey, testAppID, "administrator", time.Minute, time.Now().Add(-2*time.Hour)) + `"
  region = "usa"`, nil, `user_sig has expired ... Generate a new one, or set secret_key`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: providersWithEnv(t, tc.env),
				Steps: []resource.TestStep{{
					Config:      "provider \"trtc\" {\n  " + tc.block + "\n}\n" + planOnlyData,
					PlanOnly:    true,
					ExpectError: words(tc.want),
				}},
			})
		})
	}
}

// The provider block can be empty: everything from the environment, as in
// CI. This uses the real process environment, so it cannot run in parallel.
func TestAccProvider_configuredFromEnvironmentAlone(t *testing.T) {
	mock := startMock(t)
	t.Setenv(envSDKAppID, fmt.Sprint(testAppID))
	t.Setenv(envSecretKey, testKey)
	t.Setenv(envEndpoint, mock.URL())
	t.Setenv(envUserSig, "")
	t.Setenv(envRegion, "")
	t.Setenv(envIdentifier, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		CheckDestroy:             mockEmpty(mock, live),
		Steps: []resource.TestStep{{
			Config: `provider "trtc" {}` + live.resource(hookURL, []string{live.word(0)}),
			Check:  mockHolds(mock, live, hookURL, live.word(0)),
		}},
	})
	if got := mock.Requests()[0].Identifier; got != defaultIdentifier {
		t.Errorf("identifier = %q, want the default %q", got, defaultIdentifier)
	}
}

// A pre-made UserSig instead of the key, in HCL and from the environment;
// the request carries exactly that UserSig.
func TestAccProvider_userSig(t *testing.T) {
	sig := mocktest.Sign(t, testKey, testAppID, "administrator", time.Hour, time.Now())
	for name, env := range map[string]map[string]string{
		"in HCL": nil, "from TRTC_USER_SIG": {envUserSig: sig},
	} {
		t.Run(name, func(t *testing.T) {
			mock := startMock(t)
			credential := ""
			if env == nil {
				credential = fmt.Sprintf("user_sig = %q", sig)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: providersWithEnv(t, env),
				CheckDestroy:             mockEmpty(mock, live),
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(`
provider "trtc" {
  sdk_app_id = %d
  endpoint   = %q
  %s
}`, testAppID, mock.URL(), credential) + live.resource(hookURL, []string{live.word(0)}),
					Check: mockHolds(mock, live, hookURL, live.word(0)),
				}},
			})
			for _, r := range mock.Requests() {
				if r.UserSig != sig {
					t.Fatalf("%s request carried another UserSig", r.Command)
				}
			}
		})
	}
}

// HCL wins over the environment.
func TestResolveSettingsPrecedence(t *testing.T) {
	env := map[string]string{
		envSDKAppID: "1400000001", envIdentifier: "env-admin", envSecretKey: "env-key",
		envRegion: "china", envMaxRetries: "7", envRequestTimeout: "9s",
	}
	m := providerModel{}
	s, diags := resolveSettings(t.Context(), m, func(k string) string { return env[k] })
	if diags.HasError() {
		t.Fatal(diags)
	}
	a := s.defaultApp
	if a == nil || a.sdkAppID != 1400000001 || a.identifier.value != "env-admin" || a.secretKey.value != "env-key" ||
		a.baseURL.value != "https://console.tim.qq.com" || s.maxRetries != 7 || s.requestTimeout != 9*time.Second {
		t.Errorf("from env: %+v", s)
	}
	env[envEndpoint] = "http://127.0.0.1:8080/"
	if s, _ := resolveSettings(t.Context(), m, func(k string) string { return env[k] }); s.defaultApp.baseURL.value != "http://127.0.0.1:8080/" {
		t.Errorf("endpoint must override region: %q", s.defaultApp.baseURL.value)
	}
}

func TestResolveSettingsHCLOverEnv(t *testing.T) {
	env := map[string]string{envSDKAppID: "1", envSecretKey: "env-key", envRegion: "china", envIdentifier: "env-admin"}
	m := providerModel{
		SDKAppID: types.NumberValue(new(big.Float).SetUint64(testAppID)), SecretKey: types.StringValue("hcl-key"),
		Region: types.StringValue("Singapore"), Identifier: types.StringValue("ops"),
	}
	s, diags := resolveSettings(t.Context(), m, func(k string) string { return env[k] })
	if diags.HasError() {
		t.Fatal(diags)
	}
	a := s.defaultApp
	if a.sdkAppID != testAppID || a.secretKey.value != "hcl-key" || a.identifier.value != "ops" || a.baseURL.value != "https://adminapisgp.im.qcloud.com" {
		t.Errorf("HCL must win: %+v", a)
	}
}

// https:// against a plain-HTTP endpoint fails after one attempt (a TLS
// handshake failure is permanent); an endpoint ending in /v4, as the
// documented request URLs do, is the same base URL.
func TestAccProvider_endpointMistakes(t *testing.T) {
	mock := startMock(t)
	t.Run("https against plain http", func(t *testing.T) {
		// Six attempts with backoff took 8 s; the error counts them.
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config: fmt.Sprintf("provider \"trtc\" {\n  sdk_app_id = %d\n  secret_key = %q\n  endpoint   = %q\n}\n",
					testAppID, testKey, strings.Replace(mock.URL(), "http://", "https://", 1)) + live.dataSource(),
				ExpectError: words("failed after 1 attempt(s) ... http: server gave HTTP response to HTTPS client"),
			}},
		})
	})
	t.Run("endpoint ending in /v4", func(t *testing.T) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config: fmt.Sprintf("provider \"trtc\" {\n  sdk_app_id = %d\n  secret_key = %q\n  endpoint   = %q\n}\n",
					testAppID, testKey, mock.URL()+"/v4/") + live.resource(hookURL, []string{live.word(0)}),
				Check: mockHolds(mock, live, hookURL, live.word(0)),
			}},
		})
	})
}
