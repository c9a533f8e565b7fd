package provider

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// Each documented transient fault is ridden out: the apply succeeds, the
// mock holds exactly one configuration, and the request log shows the
// retry.
func TestAccRetries_transientFaultsAreRetried(t *testing.T) {
	faults := map[string]trtcmock.Fault{
		"100001 internal error": {Kind: trtcmock.FaultErrorCode, ErrorCode: 100001},
		"60008 service timeout": {Kind: trtcmock.FaultErrorCode, ErrorCode: 60008},
		"HTTP 502":              {Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 502},
		"HTTP 503":              {Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 503},
		"non-JSON answer":       {Kind: trtcmock.FaultNonJSON},
		"truncated answer":      {Kind: trtcmock.FaultTruncated},
		"connection dropped":    {Kind: trtcmock.FaultDrop},
	}
	forOneProduct(t, func(t *testing.T, p product) {
		for name, fault := range faults {
			t.Run(name, func(t *testing.T) {
				mock := startMock(t)
				fault.Command, fault.Times = "set_callback", 2
				mock.InjectFault(fault)
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(t),
					Steps: []resource.TestStep{{
						Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}),
						Check: resource.ComposeTestCheckFunc(
							mockHolds(mock, p, hookURL, p.word(0)),
							countRequests(mock, p, "set_callback", 3),
						),
					}},
				})
				if n := mock.PendingFaults(); n != 0 {
					t.Errorf("%d fault(s) never fired", n)
				}
			})
		}
	})
}

// HTTP 429 waits as long as Retry-After says.
func TestAccRetries_retryAfterIsHonoured(t *testing.T) {
	forOneProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 429, RetryAfter: "2"})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}),
				Check: resource.ComposeTestCheckFunc(
					mockHolds(mock, p, hookURL, p.word(0)),
					gapBetween(mock, p, "get_callback", 2*time.Second, 5*time.Second),
				),
			}},
		})
	})
}

// Rate limiting backs off longer than a transient fault, and still succeeds.
func TestAccRetries_rateLimitBacksOffLonger(t *testing.T) {
	forOneProduct(t, func(t *testing.T, p product) {
		for _, code := range []int{60007, 60011, 60018, 60019, 70050} {
			t.Run(fmt.Sprint(code), func(t *testing.T) {
				mock := startMock(t)
				mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: code})
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(t),
					Steps: []resource.TestStep{{
						Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}),
						Check: resource.ComposeTestCheckFunc(
							mockHolds(mock, p, hookURL, p.word(0)),
							// Rate limits wait 2 s ± 50%; transient faults 250 ms ± 50%.
							gapBetween(mock, p, "get_callback", 900*time.Millisecond, 4*time.Second),
						),
					}},
				})
			})
		}
		t.Run("transient for comparison", func(t *testing.T) {
			mock := startMock(t)
			mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 100001})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}),
					// At most 375 ms plus a loaded machine's delay: never the
					// rate-limit schedule's 1 s or more.
					Check: gapBetween(mock, p, "get_callback", 100*time.Millisecond, 950*time.Millisecond),
				}},
			})
		})
	})
}

// Configuration and parameter errors fail at once, with ErrorInfo and
// RequestId, after exactly one request: no retry storm.
func TestAccRetries_permanentErrorsAreNotRetried(t *testing.T) {
	forOneProduct(t, func(t *testing.T, p product) {
		for _, code := range []int{60010, 70009, 70014, 70016, 70020, 100002} {
			t.Run(fmt.Sprint(code), func(t *testing.T) {
				mock := startMock(t)
				mock.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: code, ErrorInfo: "injected permanent error"})
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(t),
					Steps: []resource.TestStep{{
						Config:      providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}),
						ExpectError: words(fmt.Sprintf("ErrorCode: %d ErrorInfo: injected permanent error RequestId: Id-", code)),
					}},
				})
				if n := mocktest.Count(mock, p.service(), "set_callback"); n != 1 {
					t.Errorf("set_callback sent %d times, want 1", n)
				}
				if err := mockEmpty(mock, p)(nil); err != nil {
					t.Errorf("a failed create left a configuration behind: %v", err)
				}
			})
		}
	})
}

// max_retries bounds the attempts; the error shows the last ErrorCode.
func TestAccRetries_maxRetries(t *testing.T) {
	forOneProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		mock.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 100001, ErrorInfo: "busy", Times: 5})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config:      providerBlock(mock, "max_retries = 1") + p.resource(hookURL, []string{p.word(0)}),
				ExpectError: words("ErrorCode: 100001 ErrorInfo: busy RequestId: Id- ... Attempts: 2"),
			}},
		})
		if n := mocktest.Count(mock, p.service(), "set_callback"); n != 2 {
			t.Errorf("set_callback sent %d times, want 2 (one retry)", n)
		}
	})
}

// 70001: sign afresh and retry once. A UserSig that the server keeps
// finding expired (a wrong clock) fails after that one retry.
func TestAccRetries_expiredUserSig(t *testing.T) {
	forOneProduct(t, func(t *testing.T, p product) {
		t.Run("retried once with a fresh signature", func(t *testing.T) {
			mock := startMock(t)
			mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 70001})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}),
					Check:  mockHolds(mock, p, hookURL, p.word(0)),
				}},
			})
			if got := mocktest.Answers(mock, p.service(), "get_callback"); len(got) < 2 || !slices.Equal(got[:2], []int{70001, 100301}) {
				t.Errorf("get_callback answers = %v, want 70001 then 100301", got)
			}
		})
		t.Run("server clock far ahead", func(t *testing.T) {
			mock := startMock(t, func(o *trtcmock.Options) { o.Now = func() time.Time { return time.Now().Add(3 * time.Hour) } })
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					Config:      providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}),
					ExpectError: words("ErrorCode: 70001 ... Hint: TRTC still found the freshly signed UserSig expired. Check this machine's clock."),
				}},
			})
			if n := mock.CountRequests(""); n != 2 {
				t.Errorf("mock saw %d requests, want 2 (one re-signed retry)", n)
			}
		})
		t.Run("pre-made user_sig cannot be renewed", func(t *testing.T) {
			mock := startMock(t)
			mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 70001})
			sig := mocktest.Sign(t, testKey, testAppID, mocktest.Admin, time.Hour, time.Now())
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf("provider \"trtc\" {\n sdk_app_id = %d\n user_sig = %q\n endpoint = %q\n}\n", testAppID, sig, mock.URL()) +
						p.resource(hookURL, []string{p.word(0)}),
					ExpectError: words("ErrorCode: 70001 ... Hint: user_sig (TRTC_USER_SIG) has expired."),
				}},
			})
			if n := mock.CountRequests(""); n != 1 {
				t.Errorf("mock saw %d requests, want 1", n)
			}
		})
	})
}

// A set_callback whose answer is lost is retried; the retry meets 100300
// (or overwrites, where set_callback does), the provider reads back what it
// wrote, and the apply succeeds with exactly one configuration.
func TestAccRetries_lostAnswer(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		for name, tc := range map[string]struct {
			overwrites bool
			sequence   []string
		}{
			"set refuses":    {false, []string{"get_callback:100301", "set_callback:0", "set_callback:100300", "get_callback:0"}},
			"set overwrites": {true, []string{"get_callback:100301", "set_callback:0", "set_callback:0"}},
		} {
			if p.webhookProduct.service.Upsert && !tc.overwrites {
				continue // Call's set_callback always overwrites
			}
			t.Run(name, func(t *testing.T) {
				mock := startMock(t, func(o *trtcmock.Options) { o.SetOverwrites = tc.overwrites })
				mock.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultLoseAnswer})
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(t),
					CheckDestroy:             mockEmpty(mock, p),
					Steps: []resource.TestStep{{
						Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}),
						Check: resource.ComposeTestCheckFunc(
							mockHolds(mock, p, hookURL, p.word(0)),
							requestSequence(mock, p, tc.sequence...),
						),
					}},
				})
			})
		}
	})
}

// TRTC does not promise read-after-write consistency. Against a mock whose
// reads show the previous state for 3 s after every write, applies succeed
// and the plans after them are empty.
func TestAccRetries_readLagsWrite(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t, func(o *trtcmock.Options) { o.ReadLag = 3 * time.Second })
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			CheckDestroy:             mockEmpty(mock, p),
			Steps: []resource.TestStep{
				{Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0)})},
				{
					Config: providerBlock(mock) + p.resource(hookURL2, []string{p.word(0), p.word(1)}),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionUpdate)},
					},
					Check: mockHolds(mock, p, hookURL2, p.word(0), p.word(1)),
				},
			},
		})
	})
}

// request_timeout abandons one hung request and retries it.
func TestAccRetries_hungRequestIsRetried(t *testing.T) {
	forOneProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultHang})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config: providerBlock(mock, `request_timeout = "1s"`) + p.resource(hookURL, []string{p.word(0)}),
				Check: resource.ComposeTestCheckFunc(
					mockHolds(mock, p, hookURL, p.word(0)),
					gapBetween(mock, p, "get_callback", time.Second, 3*time.Second),
				),
			}},
		})
	})
}

// A permanent failure leaves the state as it was: the next plan still
// shows the change, and a later apply makes it.
func TestAccRetries_failedUpdateKeepsState(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		before := providerBlock(mock) + p.resource(hookURL, []string{p.word(0)})
		after := providerBlock(mock) + p.resource(hookURL2, []string{p.word(0)})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{
				{Config: before},
				{
					PreConfig: func() {
						mock.InjectFault(trtcmock.Fault{Command: p.updateCommand(), Kind: trtcmock.FaultErrorCode, ErrorCode: 100002, ErrorInfo: "Url is invalid"})
					},
					Config:      after,
					ExpectError: words("ErrorCode: 100002 ErrorInfo: Url is invalid RequestId: Id-"),
				},
				{
					Config:             after,
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
				},
				{
					Config: after,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionUpdate)},
					},
					Check: mockHolds(mock, p, hookURL2, p.word(0)),
				},
			},
		})
	})
}

// gapBetween checks the time between the first two requests of command.
func gapBetween(mock *trtcmock.Server, p product, command string, least, most time.Duration) func(*terraform.State) error {
	return func(*terraform.State) error {
		reqs := mocktest.Requests(mock, p.service(), command)
		if len(reqs) < 2 {
			return fmt.Errorf("%s was sent %d time(s), want a retry", command, len(reqs))
		}
		if gap := reqs[1].Time.Sub(reqs[0].Time); gap < least || gap > most {
			return fmt.Errorf("retry of %s came after %s, want between %s and %s", command, gap, least, most)
		}
		return nil
	}
}
