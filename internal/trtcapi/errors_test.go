package trtcapi

import (
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

func TestSuccessWithAndWithoutResponse(t *testing.T) {
	t.Parallel()
	cp := newCapture(t, sequence(
		answer(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-1","Response":{"Url":"https://a.example.com","CallbackCommandList":["Live.CallbackAfterCreateRoom","Mic.CallbackAfterSeatInfoChanged"]}}`),
		answer(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-2"}`),
		answer(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-3","Response":null}`),
		answer(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-4","Response":{"Url":"x"}}`),
	))
	c := newClient(t, cp.URL)

	var got WebhookConfig
	if err := c.Call(t.Context(), service, "get_callback", nil, &got); err != nil {
		t.Fatal(err)
	}
	want := WebhookConfig{URL: "https://a.example.com", Commands: []string{"Live.CallbackAfterCreateRoom", "Mic.CallbackAfterSeatInfoChanged"}}
	if got.URL != want.URL || strings.Join(got.Commands, ",") != strings.Join(want.Commands, ",") {
		t.Errorf("decoded %+v, want %+v", got, want)
	}
	// No Response: success, out left alone.
	untouched := WebhookConfig{URL: "keep"}
	if err := c.Call(t.Context(), service, "set_callback", nil, &untouched); err != nil || untouched.URL != "keep" {
		t.Errorf("without Response: err %v, out %+v", err, untouched)
	}
	if err := c.Call(t.Context(), service, "set_callback", nil, &untouched); err != nil || untouched.URL != "keep" {
		t.Errorf("Response null: err %v, out %+v", err, untouched)
	}
	// A Response with out == nil is ignored.
	if err := c.Call(t.Context(), service, "get_callback", nil, nil); err != nil {
		t.Errorf("out nil: %v", err)
	}
}

func TestAPIErrorFields(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	c := newClient(t, srv.URL())

	err := c.Call(t.Context(), service, "get_callback", nil, &WebhookConfig{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %T %v, want *APIError", err, err)
	}
	logged := srv.Requests()
	if len(logged) != 1 {
		t.Fatalf("%d requests, want 1", len(logged))
	}
	if apiErr.ErrorCode != CodeNoConfiguration || apiErr.ErrorInfo == "" || apiErr.RequestID != logged[0].RequestID ||
		apiErr.Service != service || apiErr.Command != "get_callback" || apiErr.Attempts != 1 || apiErr.Uncertain {
		t.Errorf("APIError %+v (request id logged %s)", *apiErr, logged[0].RequestID)
	}
	if !regexp.MustCompile(`^Id-[0-9a-f]{32}-O-Seq-\d+$`).MatchString(apiErr.RequestID) {
		t.Errorf("RequestId %q", apiErr.RequestID)
	}
	for _, part := range []string{"live_config/get_callback", "100301", apiErr.ErrorInfo, apiErr.RequestID} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("message %q lacks %q", err, part)
		}
	}
	if !errors.Is(err, ErrNoConfiguration) || errors.Is(err, ErrAlreadyExists) {
		t.Errorf("100301: Is(ErrNoConfiguration) = %v, Is(ErrAlreadyExists) = %v", errors.Is(err, ErrNoConfiguration), errors.Is(err, ErrAlreadyExists))
	}
	if apiErr.Class() != ClassPermanent || IsUncertain(err) {
		t.Errorf("class %v uncertain %v", apiErr.Class(), IsUncertain(err))
	}

	// 100300 from a real create over an existing configuration.
	srv.SetConfig(mocktest.AppID, service, trtcmock.Config{URL: "https://a.example.com", Commands: []string{}})
	err = c.Call(t.Context(), service, "set_callback", WebhookConfig{URL: "https://b.example.com", Commands: []string{}}, nil)
	if !errors.Is(err, ErrAlreadyExists) || errors.Is(err, ErrNoConfiguration) {
		t.Errorf("100300: %v", err)
	}
}

func TestAPIErrorSentinelsOnlyForTheirCodes(t *testing.T) {
	t.Parallel()
	for _, code := range []int{1, CodeMalformedRequest, CodeNotAdministrator, CodeUserSigExpired, CodeInternalError, CodeInvalidParameter, CodeNoToken, 100303} {
		err := error(&APIError{ErrorCode: code})
		if errors.Is(err, ErrNoConfiguration) || errors.Is(err, ErrAlreadyExists) {
			t.Errorf("code %d matches a sentinel", code)
		}
		if code != CodeNoToken && errors.Is(err, ErrNoToken) {
			t.Errorf("code %d matches ErrNoToken", code)
		}
	}
	for _, code := range []int{CodeAlreadyExists, CodeNoConfiguration} {
		if errors.Is(&APIError{ErrorCode: code}, ErrNoToken) {
			t.Errorf("code %d matches ErrNoToken", code)
		}
	}
	if !errors.Is(&APIError{ErrorCode: 100302}, ErrNoToken) {
		t.Error("ErrNoToken does not match 100302")
	}
	if !errors.Is(&APIError{ErrorCode: 100300}, ErrAlreadyExists) || !errors.Is(&APIError{ErrorCode: 100301}, ErrNoConfiguration) {
		t.Error("sentinels do not match their codes")
	}
	// Wrapped, as interrupted calls return them.
	wrapped := &RequestError{Err: &APIError{ErrorCode: 100301}}
	if !errors.Is(wrapped, ErrNoConfiguration) {
		t.Error("a RequestError wrapping 100301 does not match ErrNoConfiguration")
	}
}

func TestAPIErrorMessageWithoutInfo(t *testing.T) {
	t.Parallel()
	msg := (&APIError{Service: "live_config", Command: "get_callback", ErrorCode: 70050}).Error()
	for _, part := range []string{"live_config/get_callback", "70050", "(no ErrorInfo)", "RequestId none"} {
		if !strings.Contains(msg, part) {
			t.Errorf("%q lacks %q", msg, part)
		}
	}
}

func TestInvalidAnswers(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, contentType, body, reason string
	}{
		{"html", "text/html; charset=utf-8", "<html><body>502 Bad Gateway</body></html>", "not JSON"},
		{"truncated", "application/json", `{"ActionStatus":"OK","ErrorCode":0,"Err`, "not JSON"},
		{"empty", "application/json", ``, "not JSON"},
		{"no ActionStatus", "application/json", `{"ErrorCode":0,"ErrorInfo":"","RequestId":"Id-x"}`, "no ActionStatus"},
		{"FAIL with code 0", "application/json", `{"ActionStatus":"FAIL","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-x"}`, "FAIL"},
		{"not an object", "application/json", `["OK"]`, "not JSON"},
		{"code as string", "application/json", `{"ActionStatus":"FAIL","ErrorCode":"100001"}`, "not JSON"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cp := newCapture(t, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				_, _ = w.Write([]byte(tc.body))
			})
			c := newClient(t, cp.URL, withRetry(fastRetry(2)))
			err := c.Call(t.Context(), service, "get_callback", nil, &WebhookConfig{})
			var reqErr *RequestError
			var inv *InvalidAnswerError
			if !errors.As(err, &reqErr) || !errors.As(err, &inv) {
				t.Fatalf("err = %T %v, want *RequestError wrapping *InvalidAnswerError", err, err)
			}
			if inv.ContentType != tc.contentType || inv.Size != len(tc.body) || !strings.Contains(inv.Reason, tc.reason) {
				t.Errorf("InvalidAnswerError %+v", *inv)
			}
			// Invalid answers are transient: retried up to MaxRetries.
			if n := cp.hits.Load(); n != 3 || reqErr.Attempts != 3 || reqErr.TimedOut {
				t.Errorf("server saw %d requests, Attempts %d, TimedOut %v; want 3", n, reqErr.Attempts, reqErr.TimedOut)
			}
			if !IsUncertain(err) {
				t.Error("an invalid answer may follow an applied write: want uncertain")
			}
		})
	}
}

func TestInvalidAnswerMessage(t *testing.T) {
	t.Parallel()
	msg := (&InvalidAnswerError{Size: 3, Reason: "no ActionStatus"}).Error()
	if !strings.Contains(msg, "no content type") || !strings.Contains(msg, "3 bytes") || !strings.Contains(msg, "no ActionStatus") {
		t.Errorf("%q", msg)
	}
}

func TestResponseNotMatchingOut(t *testing.T) {
	t.Parallel()
	cp := newCapture(t, answer(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-1","Response":{"Url":42,"CallbackCommandList":"x"}}`))
	c := newClient(t, cp.URL)
	_, err := c.Webhooks(LiveWebhooks).Get(t.Context())
	var reqErr *RequestError
	var inv *InvalidAnswerError
	if !errors.As(err, &reqErr) || !errors.As(err, &inv) {
		t.Fatalf("err = %T %v, want *RequestError wrapping *InvalidAnswerError", err, err)
	}
	if !strings.Contains(inv.Reason, "Response") || reqErr.Service != service || reqErr.Command != "get_callback" || reqErr.Attempts != 1 {
		t.Errorf("RequestError %+v / %+v", *reqErr, *inv)
	}
	if n := cp.hits.Load(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestHTTPStatusErrors(t *testing.T) {
	t.Parallel()
	// 4xx other than 429 is not retried.
	cp := newCapture(t, func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "nope", http.StatusForbidden) })
	c := newClient(t, cp.URL)
	err := c.Call(t.Context(), service, "get_callback", nil, nil)
	var se *HTTPStatusError
	var reqErr *RequestError
	if !errors.As(err, &se) || !errors.As(err, &reqErr) || se.StatusCode != 403 {
		t.Fatalf("err = %v", err)
	}
	if n := cp.hits.Load(); n != 1 || reqErr.Attempts != 1 || IsUncertain(err) {
		t.Errorf("403: %d requests, attempts %d, uncertain %v", n, reqErr.Attempts, IsUncertain(err))
	}
	if !strings.Contains(err.Error(), "HTTP 403 Forbidden") {
		t.Errorf("message %q", err)
	}
}

func TestClassify(t *testing.T) {
	t.Parallel()
	want := map[int]Class{
		// docs/development/trtc-api.md §4
		60002: ClassPermanent, 60003: ClassPermanent, 60006: ClassPermanent,
		60007: ClassRateLimited, 60011: ClassRateLimited, 60018: ClassRateLimited, 60019: ClassRateLimited,
		60008: ClassRetry, 60009: ClassPermanent, 60010: ClassPermanent,
		60016: ClassPermanent, 60017: ClassPermanent, 60020: ClassPermanent, 60021: ClassPermanent,
		70001: ClassExpiredSig, 70002: ClassPermanent, 70003: ClassPermanent, 70009: ClassPermanent,
		70013: ClassPermanent, 70014: ClassPermanent, 70016: ClassPermanent, 70020: ClassPermanent,
		70050: ClassRateLimited,
		// live_config private codes
		100001: ClassRetry, 100002: ClassPermanent, 100300: ClassPermanent, 100301: ClassPermanent, 100302: ClassPermanent,
		// unknown codes are not retried
		1: ClassPermanent, 99999: ClassPermanent,
	}
	for code, class := range want {
		if got := Classify(code); got != class {
			t.Errorf("Classify(%d) = %v, want %v", code, got, class)
		}
		if got := (&APIError{ErrorCode: code}).Class(); got != class {
			t.Errorf("APIError{%d}.Class() = %v", code, got)
		}
	}
	names := map[Class]string{ClassPermanent: "permanent", ClassRetry: "retry", ClassRateLimited: "rate_limited", ClassExpiredSig: "expired_usersig"}
	for class, name := range names {
		if class.String() != name {
			t.Errorf("%d.String() = %q, want %q", int(class), class.String(), name)
		}
	}
}

func TestIsUncertain(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("x"), false},
		{&APIError{Uncertain: true}, true},
		{&APIError{}, false},
		{&RequestError{Uncertain: true}, true},
		{&RequestError{Err: &APIError{}}, false},
	}
	for i, tc := range cases {
		if got := IsUncertain(tc.err); got != tc.want {
			t.Errorf("case %d: IsUncertain(%v) = %v", i, tc.err, got)
		}
	}
}

// Some commands answer beside ErrorCode rather than under Response
// (GetIPList's IPList, the gift catalogue's GiftInfo): the payload is
// the envelope itself when there is no Response.
func TestPayloadAtTheTopLevel(t *testing.T) {
	t.Parallel()
	var out struct {
		IPList []string `json:"IPList"`
	}
	cp := newCapture(t, answer(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-1","IPList":["203.0.113.7","198.51.100.0/25"]}`))
	if err := newClient(t, cp.URL).Call(t.Context(), "ConfigSvc", "GetIPList", nil, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.IPList) != 2 || out.IPList[1] != "198.51.100.0/25" {
		t.Fatalf("IPList = %v", out.IPList)
	}
	out.IPList = nil
	cp = newCapture(t, answer(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-2","Response":{"IPList":["203.0.113.9"]}}`))
	if err := newClient(t, cp.URL).Call(t.Context(), "ConfigSvc", "GetIPList", nil, &out); err != nil || len(out.IPList) != 1 {
		t.Fatalf("under Response: %v %v", out.IPList, err)
	}
}
