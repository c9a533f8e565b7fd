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
)

// Each documented transient fault is ridden out: the apply succeeds, the
// mock holds exactly one configuration, and the request log shows the
// retry.
func TestAccReliability_transientFaultsAreRetried(t *testing.T) {
	faults := map[string]trtcmock.Fault{
		"100001 internal error": {Kind: trtcmock.FaultErrorCode, ErrorCode: 100001},
		"60008 service timeout": {Kind: trtcmock.FaultErrorCode, ErrorCode: 60008},
		"HTTP 502":              {Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 502},
		"HTTP 503":              {Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 503},
		"non-JSON answer":       {Kind: trtcmock.FaultNonJSON},
		"truncated answer":      {Kind: trtcmock.FaultTruncated},
		"connection dropped":    {Kind: trtcmock.FaultDrop},
	}
	for name, fault := range faults {
		t.Run(name, func(t *testing.T) {
			mock := startMock(t)
			fault.Command, fault.Times = "set_callback", 2
			mock.InjectFault(fault)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: providerBlock(mock) + webhookConfig(hookURL, cmdCreate),
					Check: resource.ComposeTestCheckFunc(
						mockHolds(mock, hookURL, cmdCreate),
						countRequests(mock, "set_callback", 3),
					),
				}},
			})
			if n := mock.PendingFaults(); n != 0 {
				t.Errorf("%d fault(s) never fired", n)
			}
		})
	}
}

// HTTP 429 waits as long as Retry-After says.
func TestAccReliability_retryAfterIsHonoured(t *testing.T) {
	mock := startMock(t)
	mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 429, RetryAfter: "2"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + webhookConfig(hookURL, cmdCreate),
			Check: resource.ComposeTestCheckFunc(
				mockHolds(mock, hookURL, cmdCreate),
				gapBetween(mock, "get_callback", 2*time.Second, 5*time.Second),
			),
		}},
	})
}

// Rate limiting backs off longer than a transient fault, and still succeeds.
func TestAccReliability_rateLimitBacksOffLonger(t *testing.T) {
	for _, code := range []int{60007, 60011, 60018, 60019, 70050} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			mock := startMock(t)
			mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: code})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: providerBlock(mock) + webhookConfig(hookURL, cmdCreate),
					Check: resource.ComposeTestCheckFunc(
						mockHolds(mock, hookURL, cmdCreate),
						// Rate limits wait 2 s ± 50%; transient faults 250 ms ± 50%.
						gapBetween(mock, "get_callback", 900*time.Millisecond, 4*time.Second),
					),
				}},
			})
		})
	}
	t.Run("transient for comparison", func(t *testing.T) {
		mock := startMock(t)
		mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 100001})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders,
			Steps: []resource.TestStep{{
				Config: providerBlock(mock) + webhookConfig(hookURL, cmdCreate),
				Check:  gapBetween(mock, "get_callback", 100*time.Millisecond, 800*time.Millisecond),
			}},
		})
	})
}

// Configuration and parameter errors fail at once, with ErrorInfo and
// RequestId, after exactly one request: no retry storm.
func TestAccReliability_permanentErrorsAreNotRetried(t *testing.T) {
	for _, code := range []int{60010, 70009, 70014, 70016, 70020, 100002} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			mock := startMock(t)
			mock.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: code, ErrorInfo: "injected permanent error"})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      providerBlock(mock) + webhookConfig(hookURL, cmdCreate),
					ExpectError: words(fmt.Sprintf("ErrorCode: %d ErrorInfo: injected permanent error RequestId: Id-", code)),
				}},
			})
			if n := mock.CountRequests("set_callback"); n != 1 {
				t.Errorf("set_callback sent %d times, want 1", n)
			}
			if _, ok := mock.Config(testAppID, service); ok {
				t.Error("a failed create left a configuration behind")
			}
		})
	}
}

// max_retries bounds the attempts; the error shows the last ErrorCode.
func TestAccReliability_maxRetries(t *testing.T) {
	mock := startMock(t)
	mock.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 100001, ErrorInfo: "busy", Times: 5})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      providerBlock(mock, "max_retries = 1") + webhookConfig(hookURL, cmdCreate),
			ExpectError: words("ErrorCode: 100001 ErrorInfo: busy RequestId: Id- ... Attempts: 2"),
		}},
	})
	if n := mock.CountRequests("set_callback"); n != 2 {
		t.Errorf("set_callback sent %d times, want 2 (one retry)", n)
	}
}

// 70001: sign afresh and retry once. A UserSig that the server keeps
// finding expired (a wrong clock) fails after that one retry.
func TestAccReliability_expiredUserSig(t *testing.T) {
	t.Run("retried once with a fresh signature", func(t *testing.T) {
		mock := startMock(t)
		mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 70001})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders,
			Steps: []resource.TestStep{{
				Config: providerBlock(mock) + webhookConfig(hookURL, cmdCreate),
				Check:  mockHolds(mock, hookURL, cmdCreate),
			}},
		})
		if got := answers(mock, "get_callback")[:2]; !slices.Equal(got, []int{70001, 100301}) {
			t.Errorf("get_callback answers = %v, want 70001 then 100301", got)
		}
	})
	t.Run("server clock far ahead", func(t *testing.T) {
		mock := startMock(t, func(o *trtcmock.Options) { o.Now = func() time.Time { return time.Now().Add(3 * time.Hour) } })
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders,
			Steps: []resource.TestStep{{
				Config:      providerBlock(mock) + webhookConfig(hookURL, cmdCreate),
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
		sig := signFor(t, testAppID, "administrator", time.Hour, time.Now())
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders,
			Steps: []resource.TestStep{{
				Config: fmt.Sprintf("provider \"trtc\" {\n sdk_app_id = %d\n user_sig = %q\n endpoint = %q\n}\n", testAppID, sig, mock.URL()) +
					webhookConfig(hookURL, cmdCreate),
				ExpectError: words("ErrorCode: 70001 ... Hint: user_sig (TRTC_USER_SIG) has expired."),
			}},
		})
		if n := mock.CountRequests(""); n != 1 {
			t.Errorf("mock saw %d requests, want 1", n)
		}
	})
}

// A set_callback whose answer is lost is retried; the retry meets 100300
// (or overwrites, where set_callback does), the provider reads back what it
// wrote, and the apply succeeds with exactly one configuration.
func TestAccReliability_lostAnswer(t *testing.T) {
	for name, tc := range map[string]struct {
		overwrites bool
		sequence   []string
	}{
		"set refuses":    {false, []string{"get_callback:100301", "set_callback:0", "set_callback:100300", "get_callback:0"}},
		"set overwrites": {true, []string{"get_callback:100301", "set_callback:0", "set_callback:0"}},
	} {
		t.Run(name, func(t *testing.T) {
			mock := startMock(t, func(o *trtcmock.Options) { o.SetOverwrites = tc.overwrites })
			mock.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultLoseAnswer})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				CheckDestroy:             mockEmpty(mock),
				Steps: []resource.TestStep{{
					Config: providerBlock(mock) + webhookConfig(hookURL, cmdCreate),
					Check: resource.ComposeTestCheckFunc(
						mockHolds(mock, hookURL, cmdCreate),
						requestSequence(mock, tc.sequence),
					),
				}},
			})
		})
	}
}

// When the write may have happened and nothing can confirm it, the
// resource is still recorded (tainted), so remote state never exists
// without Terraform state; the next apply replaces it, leaving exactly one.
func TestAccReliability_uncertainCreateIsRecorded(t *testing.T) {
	mock := startMock(t)
	mock.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultLoseAnswer})
	// The read that would confirm the write fails too (after the pre-create read).
	mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultDrop, Skip: 1})
	cfg := providerBlock(mock, "max_retries = 0") + webhookConfig(hookURL, cmdCreate)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		CheckDestroy:             mockEmpty(mock),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: words("Could not create the TUILiveKit (Live) webhook configuration"),
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: mockHolds(mock, hookURL, cmdCreate),
			},
		},
	})
}

// TRTC does not promise read-after-write consistency. Against a mock whose
// reads show the previous state for 3 s after every write, applies succeed
// and the plans after them are empty.
func TestAccReliability_readLagsWrite(t *testing.T) {
	mock := startMock(t, func(o *trtcmock.Options) { o.ReadLag = 3 * time.Second })
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		CheckDestroy:             mockEmpty(mock),
		Steps: []resource.TestStep{
			{Config: providerBlock(mock) + webhookConfig(hookURL, cmdCreate)},
			{
				Config: providerBlock(mock) + webhookConfig(hookURL2, cmdCreate, cmdGift),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: mockHolds(mock, hookURL2, cmdCreate, cmdGift),
			},
		},
	})
}

// A hung server is bounded by the operation's timeout, and the error says so.
func TestAccReliability_hungServerTimesOut(t *testing.T) {
	mock := startMock(t)
	mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultHang, Times: 100})
	var start time.Time
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			PreConfig: func() { start = time.Now() }, // after t.Parallel's wait
			Config: providerBlock(mock) + `
resource "trtc_live_webhook" "this" {
  url               = "` + hookURL + `"
  callback_commands = ["` + cmdCreate + `"]
  timeouts {
    create = "3s"
  }
}`,
			ExpectError: words("TRTC live_config/get_callback timed out after 1 attempt(s). ... The operation's timeout ran out."),
		}},
	})
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("a 3s create timeout took %s", took)
	}
}

// request_timeout abandons one hung request and retries it.
func TestAccReliability_hungRequestIsRetried(t *testing.T) {
	mock := startMock(t)
	mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultHang})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(mock, `request_timeout = "1s"`) + webhookConfig(hookURL, cmdCreate),
			Check: resource.ComposeTestCheckFunc(
				mockHolds(mock, hookURL, cmdCreate),
				gapBetween(mock, "get_callback", time.Second, 3*time.Second),
			),
		}},
	})
}

// A permanent failure leaves the state as it was: the next plan still
// shows the change, and a later apply makes it.
func TestAccReliability_failedUpdateKeepsState(t *testing.T) {
	mock := startMock(t)
	before := providerBlock(mock) + webhookConfig(hookURL, cmdCreate)
	after := providerBlock(mock) + webhookConfig(hookURL2, cmdCreate)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: before},
			{
				PreConfig: func() {
					mock.InjectFault(trtcmock.Fault{Command: "update_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 100002, ErrorInfo: "Url is invalid"})
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
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: mockHolds(mock, hookURL2, cmdCreate),
			},
		},
	})
}

// answers lists the ErrorCodes the mock gave command, in order.
func answers(mock *trtcmock.Server, command string) []int {
	var out []int
	for _, r := range mock.Requests() {
		if r.Command == command {
			out = append(out, r.ErrorCode)
		}
	}
	return append(out, -2, -2) // padding keeps [:2] safe; -2 is never an answer
}

// requestSequence checks the first requests the mock saw, as command:code.
func requestSequence(mock *trtcmock.Server, want []string) func(*terraform.State) error {
	return func(*terraform.State) error {
		var got []string
		for _, r := range mock.Requests() {
			got = append(got, fmt.Sprintf("%s:%d", r.Command, r.ErrorCode))
		}
		if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
			return fmt.Errorf("requests = %v, want them to start %v", got, want)
		}
		return nil
	}
}

// gapBetween checks the time between the first two requests of command.
func gapBetween(mock *trtcmock.Server, command string, least, most time.Duration) func(*terraform.State) error {
	return func(*terraform.State) error {
		var times []time.Time
		for _, r := range mock.Requests() {
			if r.Command == command {
				times = append(times, r.Time)
			}
		}
		if len(times) < 2 {
			return fmt.Errorf("%s was sent %d time(s), want a retry", command, len(times))
		}
		if gap := times[1].Sub(times[0]); gap < least || gap > most {
			return fmt.Errorf("retry of %s came after %s, want between %s and %s", command, gap, least, most)
		}
		return nil
	}
}
