package provider

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	receiver "github.com/trtc/terraform-provider-trtc/examples/webhook-receiver"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

const probeAddr = "data.trtc_webhook_probe.this"

// probeConfig is the provider block and data source "this", with attrs.
func probeConfig(mock *trtcmock.Server, attrs ...string) string {
	return providerBlock(mock) + probeBlock(attrs...)
}

func probeBlock(attrs ...string) string { return dataBlock("trtc_webhook_probe", attrs...) }

// probeHas checks attributes of the probe.
func probeHas(values map[string]knownvalue.Check) []statecheck.StateCheck {
	var out []statecheck.StateCheck
	for name, v := range values {
		out = append(out, statecheck.ExpectKnownValue(probeAddr, tfjsonpath.New(name), v))
	}
	return out
}

// Every answer a receiver can give, as the probe reports it: an attribute,
// never an error of the plan.
func TestAccWebhookProbe_outcomes(t *testing.T) {
	expiredOn := time.Now().Add(-48 * time.Hour).UTC()
	str, num, null := knownvalue.StringExact, func(n int64) knownvalue.Check { return knownvalue.Int64Exact(n) }, knownvalue.Null()
	for name, tc := range map[string]struct {
		url   func(t *testing.T) (url string, check resource.TestCheckFunc)
		attrs map[string]knownvalue.Check
	}{
		"200 OK": {
			url: func(t *testing.T) (string, resource.TestCheckFunc) {
				return newHook(t, &receiver.Handler{SDKAppID: testAppID}).URL + "/hooks/trtc", nil
			},
			attrs: map[string]knownvalue.Check{
				"ok": knownvalue.Bool(true), "status_code": num(200), "json_ok": knownvalue.Bool(true),
				"action_status": str("OK"), "error_code": num(0), "error": str(""), "signed": knownvalue.Bool(false),
				"warnings": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringRegexp(regexp.MustCompile(
					`^the request reached 127\.0\.0\.1, a loopback address: TRTC cannot deliver there`))}),
			},
		},
		"200 FAIL": {
			url: func(t *testing.T) (string, resource.TestCheckFunc) {
				return newHook(t, answering(200, "application/json", `{"ActionStatus":"FAIL","ErrorInfo":"busy","ErrorCode":1}`)).URL, nil
			},
			attrs: map[string]knownvalue.Check{
				"ok": knownvalue.Bool(false), "status_code": num(200), "json_ok": knownvalue.Bool(true),
				"action_status": str("FAIL"), "error_code": num(1), "error": str(`ActionStatus is "FAIL" (ErrorCode 1, ErrorInfo "busy")`),
			},
		},
		"500": {
			url: func(t *testing.T) (string, resource.TestCheckFunc) {
				return newHook(t, answering(500, "application/json", okAnswer)).URL, nil
			},
			attrs: map[string]knownvalue.Check{
				"ok": knownvalue.Bool(false), "status_code": num(500), "json_ok": knownvalue.Bool(false), "action_status": null,
				"error_code": null, "error": str("HTTP 500 Internal Server Error: TRTC counts anything but 200 as a failed delivery"),
			},
		},
		"404": {
			url: func(t *testing.T) (string, resource.TestCheckFunc) {
				return newHook(t, http.NotFoundHandler()).URL + "/missing", nil
			},
			attrs: map[string]knownvalue.Check{
				"ok": knownvalue.Bool(false), "status_code": num(404), "json_ok": knownvalue.Bool(false),
				"error": str("HTTP 404 Not Found: TRTC counts anything but 200 as a failed delivery"),
			},
		},
		"not JSON": {
			url: func(t *testing.T) (string, resource.TestCheckFunc) {
				return newHook(t, answering(200, "text/html; charset=utf-8", "<p>OK</p>")).URL, nil
			},
			attrs: map[string]knownvalue.Check{
				"ok": knownvalue.Bool(false), "status_code": num(200), "json_ok": knownvalue.Bool(false), "action_status": null,
				"error": str("the body is not JSON (text/html, 9 bytes)"),
			},
		},
		"connection refused": {
			url: func(t *testing.T) (string, resource.TestCheckFunc) { return closedURL(t), nil },
			attrs: map[string]knownvalue.Check{
				"ok": knownvalue.Bool(false), "status_code": null, "json_ok": knownvalue.Bool(false),
				"error":      knownvalue.StringRegexp(regexp.MustCompile(`^connection refused by 127\.0\.0\.1:\d+$`)),
				"latency_ms": knownvalue.NotNull(),
			},
		},
		"TLS, self-signed": {
			url: func(t *testing.T) (string, resource.TestCheckFunc) {
				k := newTLSHook(t, selfSignedCert(t, time.Now().Add(24*time.Hour)), documented)
				return k.URL + "/hook", nil
			},
			attrs: map[string]knownvalue.Check{
				"ok": knownvalue.Bool(false), "status_code": null,
				"error": str("the TLS certificate is not trusted (self-signed or unknown authority)"),
			},
		},
		"TLS, httptest's own": {
			url: func(t *testing.T) (string, resource.TestCheckFunc) {
				return newTLSHook(t, tls.Certificate{}, documented).URL, nil
			},
			attrs: map[string]knownvalue.Check{
				"ok": knownvalue.Bool(false), "error": str("the TLS certificate is not trusted (self-signed or unknown authority)"),
			},
		},
		"TLS, expired": {
			url: func(t *testing.T) (string, resource.TestCheckFunc) {
				return newTLSHook(t, selfSignedCert(t, expiredOn), documented).URL + "/hook", nil
			},
			attrs: map[string]knownvalue.Check{
				"ok": knownvalue.Bool(false), "status_code": null,
				"error": str("the TLS certificate expired on " + expiredOn.Format(time.DateOnly)),
			},
		},
		"redirect": {
			url: func(t *testing.T) (string, resource.TestCheckFunc) {
				target := newHook(t, documented)
				src := newHook(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, target.URL+"/final?"+r.URL.RawQuery, http.StatusFound)
				}))
				return src.URL + "/hook", func(*terraform.State) error {
					if src.count() == 0 {
						return fmt.Errorf("the redirecting receiver got nothing")
					}
					if n := target.count(); n != 0 {
						return fmt.Errorf("the redirect target received %d request(s): redirects must not be followed", n)
					}
					return nil
				}
			},
			attrs: map[string]knownvalue.Check{
				"ok": knownvalue.Bool(false), "status_code": num(302),
				"error": knownvalue.StringRegexp(regexp.MustCompile(`^redirect \(HTTP 302\) to http://127\.0\.0\.1:\d+/final\?` +
					regexp.QuoteMeta(wantQuery(testAppID, "Live.CallbackTerraformProbe")) + ` not followed: TRTC does not follow redirects$`)),
			},
		},
	} {
		t.Run(name, func(t *testing.T) {
			mock := startMock(t)
			url, check := tc.url(t)
			attrs := map[string]knownvalue.Check{
				"configured": knownvalue.Bool(true), "url": str(url), "sdk_app_id": knownvalue.Int64Exact(int64(testAppID)),
				"request_url": str(url + "?" + wantQuery(testAppID, "Live.CallbackTerraformProbe")),
				"latency_ms":  knownvalue.NotNull(), "signed": knownvalue.Bool(false),
			}
			for k, v := range tc.attrs {
				attrs[k] = v
			}
			if check == nil {
				check = func(*terraform.State) error { return nil }
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					Config:            probeConfig(mock, `product = "live"`, fmt.Sprintf("url = %q", url)),
					ConfigStateChecks: probeHas(attrs),
					Check:             check,
				}},
			})
		})
	}
}

// A receiver slower than timeout: the probe gives up at the timeout, and
// the plan does not wait for the receiver.
func TestAccWebhookProbe_slowerThanTimeout(t *testing.T) {
	mock := startMock(t)
	slow := newHook(t, stalling(t))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{{
			Config: probeConfig(mock, `product = "room"`, fmt.Sprintf("url = %q", slow.URL), `timeout = "1s"`),
			ConfigStateChecks: probeHas(map[string]knownvalue.Check{
				"ok": knownvalue.Bool(false), "status_code": knownvalue.Null(),
				"error": knownvalue.StringExact("timed out after 1s without an answer"),
			}),
			Check: func(*terraform.State) error {
				reqs := slow.requests()
				if len(reqs) == 0 {
					return fmt.Errorf("the slow receiver got nothing")
				}
				for _, r := range reqs {
					// Loose: it proves the probe left at its timeout, not
					// when the receiver would have answered (never).
					if held := r.gone.Sub(r.at); held > 1*time.Second+10*time.Second {
						return fmt.Errorf("the probe held the connection for %v with a 1s timeout", held)
					}
				}
				return nil
			},
		}},
	})
}

// The probe as it reaches the receiver, for each product, with no url: the
// URL TRTC holds. Method, path, the query in the documented order, Sign
// and RequestTime last for Live only, Content-Type and body; the Sign is
// the token's at the RequestTime the receiver saw, and the example
// receiver accepts it.
func TestAccWebhookProbe_requestOnTheWire(t *testing.T) {
	const token = "probe-token-0123456789"
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		mock.SetToken(testAppID, token, true) // only Live signs
		k := newHook(t, &receiver.Handler{SDKAppID: testAppID, Token: map[bool]string{true: token}[p.delivery.Signed()]})
		p.put(mock, k.URL+"/hooks/trtc?tenant=a", p.word(0))
		word := p.delivery.ProbeWord()
		began := time.Now()
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config: probeConfig(mock, fmt.Sprintf("product = %q", p.productName())),
				ConfigStateChecks: probeHas(map[string]knownvalue.Check{
					"configured": knownvalue.Bool(true), "ok": knownvalue.Bool(true), "error": knownvalue.StringExact(""),
					"url":         knownvalue.StringExact(k.URL + "/hooks/trtc?tenant=a"),
					"request_url": knownvalue.StringExact(k.URL + "/hooks/trtc?tenant=a&" + wantQuery(testAppID, word)),
					"signed":      knownvalue.Bool(p.delivery.Signed()),
				}),
				Check: func(*terraform.State) error {
					reqs := k.requests()
					if len(reqs) == 0 {
						return fmt.Errorf("the receiver got nothing")
					}
					for _, r := range reqs {
						if r.method != http.MethodPost {
							return fmt.Errorf("method %s", r.method)
						}
						unsigned := "/hooks/trtc?tenant=a&" + wantQuery(testAppID, word)
						if p.delivery.Signed() {
							if !strings.HasPrefix(r.uri, unsigned+"&Sign=") {
								return fmt.Errorf("request target %q, want %q then Sign and RequestTime", r.uri, unsigned)
							}
							if err := checkSigned(r, token, began, time.Now()); err != nil {
								return err
							}
						} else if r.uri != unsigned {
							return fmt.Errorf("request target %q, want %q", r.uri, unsigned)
						}
						if ct := r.header.Values("Content-Type"); len(ct) != 1 || ct[0] != "application/json" {
							return fmt.Errorf("Content-Type %q", ct)
						}
						ms, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(r.body,
							`{"CallbackCommand":"`+word+`","EventTime":`), "}"), 10, 64)
						if err != nil || r.body != fmt.Sprintf(`{"CallbackCommand":"%s","EventTime":%d}`, word, ms) {
							return fmt.Errorf("body %s", r.body)
						}
						if ms < began.UnixMilli() || ms > time.Now().UnixMilli() {
							return fmt.Errorf("EventTime %d is not the time of the probe", ms)
						}
					}
					return nil
				},
			}},
		})
	})
}

// A disabled token signs nothing; a receiver that demands the Sign refuses
// the probe, and says so in error.
func TestAccWebhookProbe_tokenDisabled(t *testing.T) {
	mock := startMock(t)
	mock.SetToken(testAppID, "disabled-token", false)
	k := newHook(t, &receiver.Handler{Token: "disabled-token"})
	live.put(mock, k.URL, live.word(0))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{{
			Config: probeConfig(mock, `product = "live"`),
			ConfigStateChecks: probeHas(map[string]knownvalue.Check{
				"signed": knownvalue.Bool(false), "ok": knownvalue.Bool(false), "status_code": knownvalue.Int64Exact(401),
				"error": knownvalue.StringExact("HTTP 401 Unauthorized: TRTC counts anything but 200 as a failed delivery"),
			}),
			Check: func(*terraform.State) error {
				for _, r := range k.requests() {
					if strings.Contains(r.uri, "Sign=") || strings.Contains(r.uri, "RequestTime=") {
						return fmt.Errorf("signed with a disabled token: %s", r.uri)
					}
				}
				return nil
			},
		}},
	})
}

// No configuration, no url: nothing is sent, configured is false, and the
// only request is the read of the configuration (the token is not read).
func TestAccWebhookProbe_unconfigured(t *testing.T) {
	mock := startMock(t)
	k := newHook(t, documented)
	room := product{roomWebhook}
	room.put(mock, k.URL, room.word(0)) // another product's receiver
	mock.SetToken(testAppID, "unused-token", true)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{{
			Config: probeConfig(mock, `product = "live"`),
			ConfigStateChecks: probeHas(map[string]knownvalue.Check{
				"configured": knownvalue.Bool(false), "url": knownvalue.Null(), "request_url": knownvalue.Null(),
				"ok": knownvalue.Bool(false), "status_code": knownvalue.Null(), "latency_ms": knownvalue.Null(),
				"signed": knownvalue.Bool(false), "warnings": knownvalue.ListSizeExact(0),
				"error": knownvalue.StringExact("SDKAppID 1400000000 has no TUILiveKit (Live) webhook configuration, so nothing was probed."),
			}),
			Check: func(*terraform.State) error {
				if n := k.count(); n != 0 {
					return fmt.Errorf("the receiver got %d request(s)", n)
				}
				got := mocktest.Commands(mock, trtcmock.ServiceLive)
				if len(got) == 0 || slices.ContainsFunc(got, func(c string) bool { return c != "get_callback" }) {
					return fmt.Errorf("live_config requests %v, want get_callback only", got)
				}
				return nil
			},
		}},
	})
}

// Without url, the probe follows what TRTC holds, drift included.
func TestAccWebhookProbe_followsDrift(t *testing.T) {
	mock := startMock(t)
	first, second := newHook(t, documented), newHook(t, answering(503, "", ""))
	call := product{callWebhook}
	call.put(mock, first.URL, call.word(0))
	cfg := probeConfig(mock, `product = "call"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: probeHas(map[string]knownvalue.Check{
				"url": knownvalue.StringExact(first.URL), "ok": knownvalue.Bool(true),
			})},
			{
				PreConfig: func() { call.put(mock, second.URL, call.word(0)) }, // changed in the console
				Config:    cfg,
				ConfigStateChecks: probeHas(map[string]knownvalue.Check{
					"url": knownvalue.StringExact(second.URL), "ok": knownvalue.Bool(false), "status_code": knownvalue.Int64Exact(503),
				}),
				Check: func(*terraform.State) error {
					if second.count() == 0 {
						return fmt.Errorf("the drifted URL was not probed")
					}
					return nil
				},
			},
		},
	})
}

// sdk_app_id names another app of the provider: its configuration, its
// SDKAppID on the wire.
func TestAccWebhookProbe_otherApp(t *testing.T) {
	mock := startMock(t)
	k := newHook(t, &receiver.Handler{SDKAppID: mocktest.OtherAppID})
	mock.SetConfig(mocktest.OtherAppID, trtcmock.ServiceRoom, trtcmock.Config{URL: k.URL, Commands: []string{"Room.CallbackAfterCreateRoom"}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{{
			Config: providerBlock(mock, fmt.Sprintf("apps = [{ sdk_app_id = %d, secret_key = %q }]", mocktest.OtherAppID, mocktest.OtherKey)) +
				probeBlock(`product = "room"`, fmt.Sprintf("sdk_app_id = %d", mocktest.OtherAppID)),
			ConfigStateChecks: probeHas(map[string]knownvalue.Check{
				"ok": knownvalue.Bool(true), "sdk_app_id": knownvalue.Int64Exact(int64(mocktest.OtherAppID)),
				"request_url": knownvalue.StringExact(k.URL + "?" + wantQuery(mocktest.OtherAppID, "Room.CallbackTerraformProbe")),
			}),
		}},
	})
}

// The TRTC API failing is an error: the probe cannot say what TRTC holds.
func TestAccWebhookProbe_apiError(t *testing.T) {
	mock := startMock(t)
	mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 60010, Times: 100})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{{
			Config:      probeConfig(mock, `product = "live"`),
			ExpectError: words("Could not read the TUILiveKit (Live) webhook configuration ... ErrorCode: 60010"),
		}},
	})
}

// Arguments are checked at plan time, before anything is sent.
func TestAccWebhookProbe_invalidArguments(t *testing.T) {
	mock := startMock(t)
	k := newHook(t, documented)
	var steps []resource.TestStep
	for attrs, want := range map[string]string{
		`product = "chat"`: `product must be one of "live", "room" and "call" (in lower case), got "chat"`,
		`product = "Live"`: `got "Live"`,
		`product = "live"` + "\n" + `timeout = "31s"`:                   "timeout is 31s, more than 30s",
		`product = "live"` + "\n" + `timeout = "0s"`:                    `timeout must be a positive duration such as "2s", got "0s"`,
		`product = "live"` + "\n" + `timeout = "soon"`:                  `got "soon"`,
		`product = "live"` + "\n" + `url = "ftp://hooks.example.com/x"`: "url must start with https:// or http://",
		`product = "live"` + "\n" + `url = "https://localhost/x"`:       "TRTC delivers from the internet and resolves public DNS names only",
		`url = "https://hooks.example.com/x"`:                           `The argument "product" is required`,
	} {
		steps = append(steps, resource.TestStep{Config: probeConfig(mock, attrs), ExpectError: words(want)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviders(t), Steps: steps})
	if n := k.count(); n != 0 {
		t.Errorf("an invalid configuration sent %d probe(s)", n)
	}
	if n := mocktest.Count(mock, "", ""); n != 0 {
		t.Errorf("an invalid configuration made %d API request(s)", n)
	}
}

// The probe in check blocks, through the CLI as a user runs terraform plan
// (Terraform 1.5 and later, and OpenTofu): a failing receiver is a failed
// assertion, a warning that names it, and the plan succeeds; one plan
// reads each probe once. A product without configuration sends nothing
// and reads get_callback exactly once; a slow receiver does not hold the
// plan past the timeout.
func TestAccWebhookProbe_checkBlocks(t *testing.T) {
	cli, name, v := cliUnderTest(t)
	if !atLeast(v, "1.5.0") {
		t.Skipf("%s %s has no check blocks (Terraform 1.5 or later)", name, v)
	}
	mock := mocktest.Start(t)
	const token = "check-block-token"
	mock.SetToken(testAppID, token, true)
	good := newHook(t, &receiver.Handler{SDKAppID: testAppID, Token: token})
	bad := newHook(t, answering(200, "text/plain", "OK"))
	slow := newHook(t, stalling(t))
	live.put(mock, good.URL+"/live", live.word(0))
	product{callWebhook}.put(mock, bad.URL+"/call", product{callWebhook}.word(0))
	env := devOverrides(t, buildProvider(t), name)

	plan := func(t *testing.T, body string) (string, time.Duration) {
		t.Helper()
		dir := t.TempDir()
		write(t, filepath.Join(dir, "main.tf"), "terraform {\n  required_providers {\n    trtc = { source = \"trtc/trtc\" }\n  }\n}\n"+
			providerBlock(mock)+body)
		began := time.Now()
		out, err := cliRunner(cli, dir, env)("plan")
		if err != nil {
			t.Fatalf("plan: %v\n%s", err, out)
		}
		return out, time.Since(began)
	}
	check := func(name, product, extra string) string {
		return fmt.Sprintf(`
check %[1]q {
  data "trtc_webhook_probe" %[1]q {
    product = %[2]q
    %[3]s
  }

  assert {
    condition     = data.trtc_webhook_probe.%[1]s.ok
    error_message = "The %[2]s webhook receiver failed: ${data.trtc_webhook_probe.%[1]s.error}"
  }
}
`, name, product, extra)
	}

	t.Run("live passes, call fails", func(t *testing.T) {
		good0, bad0 := good.count(), bad.count()
		out, _ := plan(t, check("live", "live", "")+check("call", "call", ""))
		if n := good.count() - good0; n != 1 {
			t.Errorf("the live receiver got %d probes in one plan, want 1", n)
		}
		if n := bad.count() - bad0; n != 1 {
			t.Errorf("the call receiver got %d probes in one plan, want 1", n)
		}
		if r := good.requests(); len(r) > 0 {
			if err := checkSigned(r[len(r)-1], token, time.Now().Add(-time.Minute), time.Now()); err != nil {
				t.Error(err)
			}
		}
		for _, want := range []string{
			"Check block assertion failed",
			"The call webhook receiver failed: the body is not JSON (text/plain, 2 bytes)",
		} {
			if !words(want).MatchString(out) {
				t.Errorf("the plan output lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "The live webhook receiver failed") {
			t.Errorf("the live check failed:\n%s", out)
		}
		if strings.Contains(out, token) {
			t.Error("the plan output contains the token")
		}
	})

	t.Run("unconfigured", func(t *testing.T) {
		mock.ResetRequests()
		out, _ := plan(t, check("room", "room", ""))
		if got := mocktest.Commands(mock, trtcmock.ServiceRoom); len(got) != 1 || got[0] != "get_callback" {
			t.Errorf("room_config requests %v, want exactly one get_callback", got)
		}
		if n := mocktest.Count(mock, "", "") - 1; n != 0 {
			t.Errorf("%d other API request(s): %v", n, mock.Requests())
		}
		if !words("The room webhook receiver failed: SDKAppID 1400000000 has no Conference (TUIRoomKit) webhook configuration, so nothing was probed.").MatchString(out) {
			t.Errorf("the plan output lacks the unconfigured product:\n%s", out)
		}
	})

	t.Run("slow receiver", func(t *testing.T) {
		out, took := plan(t, check("slow", "room", fmt.Sprintf("url = %q\n    timeout = \"2s\"", slow.URL)))
		if !words("The room webhook receiver failed: timed out after 2s without an answer").MatchString(out) {
			t.Errorf("the plan output lacks the timeout:\n%s", out)
		}
		// A loose upper bound: the plan returns at the timeout plus the
		// CLI's own time, not when (never) the receiver answers.
		if took > 2*time.Second+10*time.Second {
			t.Errorf("terraform plan took %v with a 2s probe timeout", took)
		}
	})
}

// The probe can be written beside the resource it tests, and reads the
// URL the resource wrote once it depends on it.
func TestAccWebhookProbe_afterResource(t *testing.T) {
	mock := startMock(t)
	k := newHook(t, documented)
	p := product{roomWebhook}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + p.resource(k.URL+"/room", []string{p.word(0)}) +
				probeBlock(`product = "room"`, "depends_on = ["+p.addr()+"]"),
			ConfigStateChecks: probeHas(map[string]knownvalue.Check{
				"url": knownvalue.StringExact(k.URL + "/room"), "ok": knownvalue.Bool(true),
			}),
		}},
	})
}
