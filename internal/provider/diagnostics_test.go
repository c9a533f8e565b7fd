package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// Configuration mistakes reach TRTC only once and come back with the
// ErrorCode, ErrorInfo, RequestId and a hint naming the attribute.
func TestAccProvider_configurationErrorsFromTRTC(t *testing.T) {
	tests := map[string]struct {
		provider func(mock *trtcmock.Server) string
		want     string
	}{
		"identifier is not an administrator": {
			provider: func(m *trtcmock.Server) string { return providerBlock(m, `identifier = "bob"`) },
			want: `ErrorCode: 60010 ... ErrorInfo: ... RequestId: Id- ... Hint: identifier (TRTC_IDENTIFIER) must be an App` +
				` administrator account of SDKAppID 1400000000`,
		},
		"secret key of another app": {
			provider: func(m *trtcmock.Server) string {
				return fmt.Sprintf("provider \"trtc\" {\n sdk_app_id = %d\n secret_key = \"0000000000000000\"\n endpoint = %q\n}\n", testAppID, m.URL())
			},
			want: `ErrorCode: 70009 ... RequestId: Id- ... Hint: secret_key (TRTC_SECRET_KEY) does not belong to SDKAppID 1400000000`,
		},
		"app in another region": {
			provider: func(m *trtcmock.Server) string {
				return fmt.Sprintf("provider \"trtc\" {\n sdk_app_id = 1400009999\n secret_key = %q\n endpoint = %q\n}\n", testKey, m.URL())
			},
			want: `ErrorCode: 70016 ... Hint: SDKAppID 1400009999 is not hosted in this data centre. Check region (TRTC_REGION) or endpoint (TRTC_ENDPOINT)`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			mock := startMock(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					Config:      tc.provider(mock) + live.resource(hookURL, []string{live.word(0)}),
					ExpectError: words(tc.want),
				}},
			})
			// No retry storm: the one create attempt made one request.
			if n := mock.CountRequests(""); n != 1 {
				t.Errorf("mock saw %d requests, want 1", n)
			}
		})
	}
}

func TestAddAPIErrorShowsFieldsAndNoSecrets(t *testing.T) {
	d := testProviderData(t, false)
	cases := []error{
		&trtcapi.APIError{Service: "live_config", Command: "set_callback", ErrorCode: 70009, ErrorInfo: "sig verify failed", RequestID: "Id-1-O-Seq-2"},
		&trtcapi.RequestError{Service: "live_config", Command: "get_callback", Attempts: 3, TimedOut: true,
			Err: &trtcapi.APIError{Service: "live_config", Command: "get_callback", ErrorCode: 100001, ErrorInfo: "internal", RequestID: "Id-9"}},
		&trtcapi.RequestError{Service: "live_config", Command: "get_callback", Attempts: 6, Err: errors.New("Post http://127.0.0.1:9/v4/live_config/get_callback: connection refused")},
	}
	wants := [][]string{
		{"ErrorCode: 70009", "ErrorInfo: sig verify failed", "RequestId: Id-1-O-Seq-2", "secret_key (TRTC_SECRET_KEY)"},
		{"timed out after 3 attempt(s)", "ErrorCode: 100001", "RequestId: Id-9", "timeouts block"},
		{"after 6 attempt(s)", "connection refused"},
	}
	for i, err := range cases {
		var diags diag.Diagnostics
		d.addAPIError(&diags, "Could not do it", err)
		if len(diags) != 1 || diags[0].Summary() != "Could not do it" {
			t.Fatalf("case %d: %v", i, diags)
		}
		for _, want := range wants[i] {
			if !strings.Contains(diags[0].Detail(), want) {
				t.Errorf("case %d: detail lacks %q:\n%s", i, want, diags[0].Detail())
			}
		}
		if strings.Contains(diags[0].Detail(), testKey) || strings.Contains(diags[0].Detail(), "usersig=") {
			t.Errorf("case %d: detail leaks a secret:\n%s", i, diags[0].Detail())
		}
	}
}

func TestHintsNameTheAttribute(t *testing.T) {
	key, sig := testProviderData(t, false), testProviderData(t, true)
	for code, want := range map[int]string{
		60010: "identifier (TRTC_IDENTIFIER)", 70009: "secret_key (TRTC_SECRET_KEY)", 70016: "region (TRTC_REGION)",
		70020: "endpoint (TRTC_ENDPOINT)", 70001: "clock", 70014: "sdk_app_id (TRTC_SDK_APP_ID)", 70013: "identifier (TRTC_IDENTIFIER)",
		60006: "sdk_app_id", 60020: "TRTC console", 70050: "secret_key", 100002: "ErrorInfo names it",
	} {
		if h := key.hint(code); !strings.Contains(h, want) {
			t.Errorf("hint(%d) = %q, want it to mention %q", code, h, want)
		}
	}
	for code, want := range map[int]string{70009: "user_sig (TRTC_USER_SIG)", 70001: "user_sig (TRTC_USER_SIG) has expired", 70014: "user_sig (TRTC_USER_SIG)"} {
		if h := sig.hint(code); !strings.Contains(h, want) {
			t.Errorf("user_sig hint(%d) = %q, want it to mention %q", code, h, want)
		}
	}
	if h := key.hint(100001); h != "" {
		t.Errorf("transient codes need no hint, got %q", h)
	}
}

// A Retry-After longer than the time left is named as the reason, with
// both durations, instead of the advice to raise the timeout alone.
func TestAddAPIErrorRetryAfterBeyondTimeout(t *testing.T) {
	d := testProviderData(t, false)
	for _, tc := range []struct {
		wait, left time.Duration
		want       string
	}{
		{time.Hour, 9870 * time.Millisecond, "TRTC asked to wait 1h0m0s before retrying (Retry-After), longer than the 9s left of the operation's timeout"},
		{90*time.Second + 400*time.Millisecond, 400 * time.Millisecond, "TRTC asked to wait 1m30s before retrying (Retry-After), longer than the 400ms left"},
		{5 * time.Second, 0, "longer than the 0s left"},
	} {
		var diags diag.Diagnostics
		d.addAPIError(&diags, "Could not read", &trtcapi.RequestError{Service: "live_config", Command: "get_callback", Attempts: 1,
			TimedOut: true, RetryAfter: tc.wait, TimeLeft: tc.left, Err: &trtcapi.HTTPStatusError{StatusCode: 429, RetryAfter: tc.wait}})
		detail := diags[0].Detail()
		for _, want := range []string{"timed out after 1 attempt(s)", "Last error: HTTP 429 Too Many Requests", tc.want, "raise the resource's timeouts block above that wait"} {
			if !strings.Contains(detail, want) {
				t.Errorf("%v/%v: detail lacks %q:\n%s", tc.wait, tc.left, want, detail)
			}
		}
		if strings.Contains(detail, "If TRTC is slow rather than down") {
			t.Errorf("%v/%v: detail still blames a slow TRTC:\n%s", tc.wait, tc.left, detail)
		}
	}
	// A timeout without a Retry-After to blame keeps its advice.
	var diags diag.Diagnostics
	d.addAPIError(&diags, "Could not read", &trtcapi.RequestError{Service: "live_config", Command: "get_callback", Attempts: 4, TimedOut: true,
		Err: &trtcapi.HTTPStatusError{StatusCode: 503}})
	if detail := diags[0].Detail(); strings.Contains(detail, "Retry-After") || !strings.Contains(detail, "If TRTC is slow rather than down") {
		t.Errorf("plain timeout:\n%s", detail)
	}
}

// HTTP 404 is a path the gateway does not serve: the hint explains what
// endpoint should be, and what it means under region.
func TestAddAPIErrorNotFoundHint(t *testing.T) {
	d := testProviderData(t, false)
	var diags diag.Diagnostics
	d.addAPIError(&diags, "Could not read", &trtcapi.RequestError{Service: "live_config", Command: "get_callback", Attempts: 1,
		Err: &trtcapi.HTTPStatusError{StatusCode: 404}})
	detail := diags[0].Detail()
	for _, want := range []string{
		"HTTP 404 Not Found",
		"Hint: HTTP 404 means the gateway serves no such path. endpoint (TRTC_ENDPOINT) should be the data centre's " +
			"base URL such as https://adminapisgp.im.qcloud.com; the provider adds /v4/{service}/{command} (here /v4/live_config/get_callback) itself.",
	} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, detail)
		}
	}
	viaRegion := configureForTest(t, map[string]string{envSDKAppID: testApp, envSecretKey: testKey, envRegion: "usa"}).defaultApp
	diags = nil
	viaRegion.addAPIError(&diags, "Could not read", &trtcapi.RequestError{Service: "live_config", Command: "get_callback", Attempts: 1,
		Err: &trtcapi.HTTPStatusError{StatusCode: 404}})
	if want := "region (TRTC_REGION) chose the data centre, and the service path /v4/live_config/get_callback was not found there"; !strings.Contains(diags[0].Detail(), want) {
		t.Errorf("under region, detail lacks %q:\n%s", want, diags[0].Detail())
	}
	for _, other := range []int{400, 403, 502} {
		var diags diag.Diagnostics
		d.addAPIError(&diags, "Could not read", &trtcapi.RequestError{Service: "live_config", Command: "get_callback", Attempts: 1,
			Err: &trtcapi.HTTPStatusError{StatusCode: other}})
		if strings.Contains(diags[0].Detail(), "TRTC_ENDPOINT") {
			t.Errorf("HTTP %d has the 404 hint:\n%s", other, diags[0].Detail())
		}
	}
}

// End to end: the gateway's 404 reaches the user with the hint, after one
// request (a 404 is permanent).
func TestAccDiagnostics_notFoundHint(t *testing.T) {
	mock := startMock(t)
	mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 404})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + live.dataSource(),
			ExpectError: words("failed after 1 attempt(s): HTTP 404 Not Found ... Hint: HTTP 404 means the gateway serves no such path. " +
				"endpoint (TRTC_ENDPOINT) should be the data centre's base URL"),
		}},
	})
	if n := mock.CountRequests(""); n != 1 {
		t.Errorf("mock saw %d requests, want 1", n)
	}
}

// End to end: Retry-After: 3600 against a 10 s create timeout ends the
// apply after one request and says why.
func TestAccDiagnostics_retryAfterBeyondTimeout(t *testing.T) {
	mock := startMock(t)
	mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 429, RetryAfter: "3600"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + live.resource(hookURL, []string{live.word(0)}, `timeouts {
    create = "10s"
  }`),
			ExpectError: words("timed out after 1 attempt(s) ... TRTC asked to wait 1h0m0s before retrying (Retry-After), longer than the " +
				"... left of the operation's timeout"),
		}},
	})
	if n := mock.CountRequests(""); n != 1 {
		t.Errorf("mock saw %d requests, want 1", n)
	}
}

// testProviderData is the test app as Configure makes it, with its key or
// with a pre-made UserSig; it sends nothing.
func testProviderData(t *testing.T, withUserSig bool) *app {
	t.Helper()
	env := map[string]string{envSDKAppID: testApp, envSecretKey: testKey, envEndpoint: "http://127.0.0.1:9",
		envMaxRetries: "1", envRequestTimeout: "1s"}
	if withUserSig {
		delete(env, envSecretKey)
		env[envUserSig] = mocktest.Sign(t, testKey, testAppID, defaultIdentifier, time.Hour, time.Now())
	}
	return configureForTest(t, env).defaultApp
}

// configureForTest configures the provider from env alone, as Configure
// does for an empty provider block.
func configureForTest(t *testing.T, env map[string]string) *providerData {
	t.Helper()
	s, diags := resolveSettings(t.Context(), providerModel{}, func(k string) string { return env[k] })
	if diags.HasError() {
		t.Fatal(diags)
	}
	d, diags := newProviderData(s, providerOptions{userAgent: "test", ledgerDir: t.TempDir(), run: newRun()})
	if diags.HasError() {
		t.Fatal(diags)
	}
	return d
}
