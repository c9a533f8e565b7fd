package trtcapi

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

func TestEgressIPsAgainstMock(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	c := newClient(t, srv.URL())
	defaults := trtcmock.DefaultEgressIPs()
	for _, n := range []int{NetTypeWebhookInsideMainland, NetTypeWebhookOutsideMainland} {
		got, err := c.EgressIPs(t.Context(), n)
		if err != nil {
			t.Fatalf("nettype %d: %v", n, err)
		}
		if !slices.Equal(got, defaults[n]) {
			t.Errorf("nettype %d: %q, want %q", n, got, defaults[n])
		}
	}
	reqs := mocktest.Requests(srv, trtcmock.ServiceConfig, "GetIPList")
	if len(reqs) != 2 || reqs[1].Query.Get("nettype") != "6" || reqs[1].Body != "{}" || reqs[1].Method != http.MethodPost {
		t.Fatalf("requests %+v", reqs)
	}
	cidrs, err := CIDRs(defaults[6])
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"192.0.2.10/32", "192.0.2.128/25", "198.51.100.200/32", "2001:db8:6::1/128"}; !slices.Equal(cidrs, want) {
		t.Errorf("CIDRs = %q, want %q", cidrs, want)
	}
}

func TestEgressIPsNotEnabledByMock(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t, func(o *trtcmock.Options) { o.EgressNotEnabled = true })
	c := newClient(t, srv.URL())
	_, err := c.EgressIPs(t.Context(), NetTypeWebhookOutsideMainland)
	if !errors.Is(err, ErrEgressNotEnabled) {
		t.Fatalf("err = %v, want ErrEgressNotEnabled", err)
	}
	const want = "Tencent has not enabled the webhook egress list for this app outside the Chinese mainland; " +
		"ask Tencent support to enable it (ConfigSvc/GetIPList answered an empty IPList)"
	if err.Error() != want {
		t.Errorf("message %q", err.Error())
	}
	if got, err := c.EgressIPs(t.Context(), NetTypeWebhookInsideMainland); err != nil || len(got) == 0 {
		t.Errorf("nettype 5: %q, %v", got, err)
	}
}

// nettype goes last in the query, after the parameters every call has.
func TestEgressIPsQuery(t *testing.T) {
	t.Parallel()
	var raw string
	cp := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
		raw = r.URL.RawQuery
		answer(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-1","IPList":["203.0.113.7"]}`)(w, r)
	})
	got, err := newClient(t, cp.URL).EgressIPs(t.Context(), 6)
	if err != nil || !slices.Equal(got, []string{"203.0.113.7"}) {
		t.Fatalf("%q, %v", got, err)
	}
	if req := cp.requests()[0]; req.Path != "/v4/ConfigSvc/GetIPList" || req.Body != "{}" {
		t.Errorf("request %+v", req)
	}
	if !strings.HasPrefix(raw, "sdkappid=") || !strings.HasSuffix(raw, "&contenttype=json&nettype=6") {
		t.Errorf("query %q", raw)
	}
}

func TestEgressIPsAnswers(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		body       string
		notEnabled bool
		list       []string
		errHas     string
	}{
		"top level":            {body: `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-1","IPList":["203.0.113.7","198.51.100.0/25"]}`, list: []string{"203.0.113.7", "198.51.100.0/25"}},
		"under Response":       {body: `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-1","Response":{"IPList":["203.0.113.9"]}}`, list: []string{"203.0.113.9"}},
		"empty list":           {body: `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-1","IPList":[]}`, notEnabled: true, errHas: "answered an empty IPList"},
		"null list":            {body: `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-1","IPList":null}`, notEnabled: true},
		"no list":              {body: `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-1"}`, notEnabled: true},
		"request disabled":     {body: `{"ActionStatus":"FAIL","ErrorCode":60017,"ErrorInfo":"request disabled","RequestId":"Id-7"}`, notEnabled: true, errHas: "ErrorCode 60017: request disabled, RequestId Id-7"},
		"says not enabled":     {body: `{"ActionStatus":"FAIL","ErrorCode":90001,"ErrorInfo":"Webhook IP list Not Enabled for this SDKAppID","RequestId":"Id-8"}`, notEnabled: true},
		"says not open (zh)":   {body: `{"ActionStatus":"FAIL","ErrorCode":90001,"ErrorInfo":"功能未开通","RequestId":"Id-9"}`, notEnabled: true},
		"other refusal stands": {body: `{"ActionStatus":"FAIL","ErrorCode":100002,"ErrorInfo":"invalid nettype","RequestId":"Id-3"}`, errHas: "ErrorCode 100002: invalid nettype"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cp := newCapture(t, answer(c.body))
			got, err := newClient(t, cp.URL).EgressIPs(t.Context(), NetTypeWebhookOutsideMainland)
			if c.list != nil {
				if err != nil || !slices.Equal(got, c.list) {
					t.Fatalf("%q, %v", got, err)
				}
				return
			}
			if errors.Is(err, ErrEgressNotEnabled) != c.notEnabled {
				t.Fatalf("err = %v; want not-enabled %v", err, c.notEnabled)
			}
			if c.notEnabled && !strings.HasPrefix(err.Error(), "Tencent has not enabled the webhook egress list for this app outside the Chinese mainland; ask Tencent support to enable it") {
				t.Errorf("message %q", err)
			}
			if !strings.Contains(err.Error(), c.errHas) {
				t.Errorf("message %q lacks %q", err, c.errHas)
			}
			var apiErr *APIError
			if strings.Contains(c.body, "FAIL") && (!errors.As(err, &apiErr) || apiErr.RequestID == "") {
				t.Errorf("the refusal is not reachable as an *APIError: %v", err)
			}
			if got != nil {
				t.Errorf("list %q with an error", got)
			}
			assertNoSecrets(t, err, mocktest.Key)
		})
	}
}

func TestEgressNotEnabledMessages(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{
		5: "Tencent has not enabled the webhook egress list for this app inside the Chinese mainland; ask Tencent support to enable it (ConfigSvc/GetIPList answered an empty IPList)",
		6: "Tencent has not enabled the webhook egress list for this app outside the Chinese mainland; ask Tencent support to enable it (ConfigSvc/GetIPList answered an empty IPList)",
		1: "Tencent has not enabled the address list of nettype 1 for this app; ask Tencent support to enable it (ConfigSvc/GetIPList answered an empty IPList)",
	} {
		if got := (&EgressNotEnabledError{NetType: n}).Error(); got != want {
			t.Errorf("nettype %d: %q", n, got)
		}
	}
}

func TestEgressIPsBadNetType(t *testing.T) {
	t.Parallel()
	cp := newCapture(t, nil)
	c := newClient(t, cp.URL)
	for _, n := range []int{-1, 7, 100} {
		if _, err := c.EgressIPs(t.Context(), n); err == nil || !strings.Contains(err.Error(), "nettype") {
			t.Errorf("nettype %d: %v", n, err)
		}
	}
	if n := cp.hits.Load(); n != 0 {
		t.Fatalf("%d requests for invalid nettypes", n)
	}
}

// The UserSig stays out of a failed GetIPList's error, the extra query
// parameter notwithstanding.
func TestEgressIPsErrorsCarryNoUserSig(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 404, Times: 10})
	sig := mocktest.Sign(t, mocktest.Key, mocktest.AppID, mocktest.Admin, time.Hour, time.Now())
	_, err := newClient(t, srv.URL(), withCreds(staticFor(t, sig))).EgressIPs(t.Context(), 6)
	var reqErr *RequestError
	if !errors.As(err, &reqErr) {
		t.Fatalf("err = %v", err)
	}
	assertNoSecrets(t, err, sig, mocktest.Key)
	if strings.Contains(err.Error(), "nettype") {
		t.Errorf("error shows the query: %v", err)
	}
}

func TestCIDRs(t *testing.T) {
	t.Parallel()
	got, err := CIDRs([]string{
		"203.0.113.7", " 198.51.100.7/25 ", "198.51.100.0/25", "203.0.113.7/32", "10.0.0.1",
		"2001:db8::1", "2001:DB8:0:0::1/128", "2001:db8::/32", "9.9.9.9", "::ffff:192.0.2.1",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"9.9.9.9/32", "10.0.0.1/32", "198.51.100.0/25", "203.0.113.7/32",
		"::ffff:192.0.2.1/128", "2001:db8::/32", "2001:db8::1/128",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("CIDRs = %q\nwant    %q", got, want)
	}
	if got, err := CIDRs(nil); err != nil || len(got) != 0 {
		t.Errorf("CIDRs(nil) = %q, %v", got, err)
	}
	for _, bad := range []string{"", "203.0.113", "203.0.113.7/33", "example.com", "fe80::1%eth0", "198.51.100.0/", "1.2.3.4-1.2.3.9"} {
		_, err := CIDRs([]string{"192.0.2.1", bad})
		if err == nil || !strings.Contains(err.Error(), "entry 2") || !strings.Contains(err.Error(), `"`+bad+`"`) {
			t.Errorf("CIDRs(%q): %v", bad, err)
		}
	}
}
