package trtcmock_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

const getPath = "/v4/live_config/get_callback"

func TestRequestShapeIs60002(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		wantCode(t, h.raw(method, getPath, validQuery(t), "{}"), 60002, "POST")
	}
	for _, path := range []string{"/", "/v4", "/v4/live_config", "/v4/live_config/", "/v3/live_config/get_callback",
		"/v4/live_config/get_callback/extra", "/v4//get_callback"} {
		wantCode(t, h.raw(http.MethodPost, path, validQuery(t), "{}"), 60002, "path")
	}
}

func TestQueryParametersAre60002(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	cases := []struct {
		param, value string // value "-" removes the parameter
	}{
		{"sdkappid", "-"}, {"sdkappid", ""}, {"sdkappid", "abc"}, {"sdkappid", "0"}, {"sdkappid", "-1"},
		{"sdkappid", "1.5"}, {"sdkappid", "+" + appParam},
		{"identifier", "-"}, {"identifier", ""},
		{"usersig", "-"},
		{"random", "-"}, {"random", ""}, {"random", "x"}, {"random", "-1"}, {"random", "4294967296"},
		{"contenttype", "-"}, {"contenttype", ""}, {"contenttype", "xml"}, {"contenttype", "JSON"},
	}
	for _, c := range cases {
		q := validQuery(t)
		if c.value == "-" {
			q.Del(c.param)
		} else {
			q.Set(c.param, c.value)
		}
		r := h.raw(http.MethodPost, getPath, q, "{}")
		t.Logf("%s=%q: %d %s", c.param, c.value, r.ErrorCode, r.ErrorInfo)
		wantCode(t, r, 60002, c.param)
	}
	q := validQuery(t)
	q.Set("random", "4294967295")
	wantCode(t, h.raw(http.MethodPost, getPath, q, "{}"), 100301, "")
}

func TestEmptyUserSigIs70002(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	q := validQuery(t)
	q.Set("usersig", "")
	wantCode(t, h.raw(http.MethodPost, getPath, q, "{}"), 70002, "usersig")
}

func TestUnknownServiceOrCommandIs60009(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	for _, p := range [][2]string{
		{"foo_config", "get_callback"},
		{"live_config", "frobnicate"},
		{"live_config", "GET_CALLBACK"},
		// §6: the token API is live_config's alone; Call has no update.
		{"room_config", "get_callback_token"},
		{"room_config", "set_callback_token"},
		{"call_config", "get_callback_token"},
		{"call_config", "set_callback_token"},
		{"call_config", "update_callback"},
	} {
		wantCode(t, h.call(p[0], p[1], "{}"), 60009, "")
	}
	// Every listed command is known.
	for service, words := range map[string][]string{
		"live_config": {"get_callback", "set_callback", "update_callback", "delete_callback", "get_callback_token", "set_callback_token"},
		"room_config": {"get_callback", "set_callback", "update_callback", "delete_callback"},
		"call_config": {"get_callback", "set_callback", "delete_callback"},
	} {
		for _, w := range words {
			if r := h.call(service, w, "{}"); r.ErrorCode == 60009 {
				t.Errorf("%s/%s answered 60009", service, w)
			}
		}
	}
}

func TestUnknownAppIs70016(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	q := validQuery(t)
	q.Set("sdkappid", "1400009999")
	q.Set("usersig", sig(t, mocktest.Key, 1400009999, mocktest.Admin))
	wantCode(t, h.raw(http.MethodPost, getPath, q, "{}"), 70016, "1400009999")
}

func TestUserSigFailures(t *testing.T) {
	var clk mocktest.Clock
	clk.Fix(time.Unix(1_700_000_000, 0))
	h := newHarness(t, trtcmock.Options{Now: clk.Now})
	gen := func(key string, app uint64, id string, expire time.Duration) string {
		return mocktest.Sign(t, key, app, id, expire, clk.Now())
	}
	try := func(s string) result {
		q := validQuery(t)
		q.Set("usersig", s)
		return h.raw(http.MethodPost, getPath, q, "{}")
	}
	wantCode(t, try("not-a-usersig"), 70003, "")
	wantCode(t, try(gen(mocktest.Key, mocktest.OtherAppID, mocktest.Admin, time.Hour)), 70014, "")
	wantCode(t, try(gen(mocktest.Key, mocktest.AppID, "someone", time.Hour)), 70013, "")
	wantCode(t, try(gen(mocktest.OtherKey, mocktest.AppID, mocktest.Admin, time.Hour)), 70009, "")

	short := gen(mocktest.Key, mocktest.AppID, mocktest.Admin, 10*time.Second)
	clk.Add(10 * time.Second) // still valid at time+expire
	wantCode(t, try(short), 100301, "")
	clk.Add(time.Second)
	wantCode(t, try(short), 70001, "")
}

func TestSigFailureLockout(t *testing.T) {
	var clk mocktest.Clock
	clk.Fix(time.Unix(1_700_000_000, 0))
	h := newHarness(t, trtcmock.Options{Now: clk.Now, SigFailureLimit: 3})
	good := func(app uint64, key string) url.Values {
		q := validQuery(t)
		q.Set("sdkappid", strconv.FormatUint(app, 10))
		q.Set("usersig", mocktest.Sign(t, key, app, mocktest.Admin, time.Hour, clk.Now()))
		return q
	}
	bad := good(mocktest.AppID, mocktest.OtherKey)
	for range 3 {
		wantCode(t, h.raw(http.MethodPost, getPath, bad, "{}"), 70009, "")
	}
	wantCode(t, h.raw(http.MethodPost, getPath, good(mocktest.AppID, mocktest.Key), "{}"), 70050, "")
	wantCode(t, h.raw(http.MethodPost, getPath, bad, "{}"), 70050, "")
	// Other apps are not affected.
	wantCode(t, h.raw(http.MethodPost, getPath, good(mocktest.OtherAppID, mocktest.OtherKey), "{}"), 100301, "")
	// Failures age out after a minute.
	clk.Add(61 * time.Second)
	wantCode(t, h.raw(http.MethodPost, getPath, good(mocktest.AppID, mocktest.Key), "{}"), 100301, "")
}

func TestSigFailureLimitDefaultsToTen(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	q := validQuery(t)
	q.Set("usersig", "garbage")
	for range 10 {
		wantCode(t, h.raw(http.MethodPost, getPath, q, "{}"), 70003, "")
	}
	wantCode(t, h.live("get_callback", "{}"), 70050, "")
}

func TestNonAdministratorIs60010(t *testing.T) {
	h := newHarness(t, trtcmock.Options{Apps: []trtcmock.App{{SDKAppID: mocktest.AppID, Key: mocktest.Key, Admins: []string{"ops"}}}})
	ask := func(id string) result {
		q := validQuery(t)
		q.Set("identifier", id)
		q.Set("usersig", sig(t, mocktest.Key, mocktest.AppID, id))
		return h.raw(http.MethodPost, getPath, q, "{}")
	}
	wantCode(t, ask("administrator"), 60010, "administrator")
	wantCode(t, ask("alice"), 60010, "alice")
	wantCode(t, ask("ops"), 100301, "")

	// Default administrator account.
	h2 := newHarness(t, trtcmock.Options{})
	q := validQuery(t)
	q.Set("identifier", "alice")
	q.Set("usersig", sig(t, mocktest.Key, mocktest.AppID, "alice"))
	wantCode(t, h2.raw(http.MethodPost, getPath, q, "{}"), 60010, "alice")
}

func TestBodyNotObjectIs60003(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	for _, body := range []string{"", " ", "null", "[]", `"x"`, "1", "{", "not json", `{"a":1} trailing`, `{"a":1}{}`} {
		wantCode(t, h.live("get_callback", body), 60003, "")
	}
	wantCode(t, h.live("get_callback", " {} \n"), 100301, "")
}

// TestCheckOrder pairs two failures and expects the earlier check to win.
func TestCheckOrder(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	h.srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 100001})
	mod := func(f func(url.Values)) url.Values {
		q := validQuery(t)
		f(q)
		return q
	}
	// method before query
	wantCode(t, h.raw(http.MethodGet, getPath, url.Values{}, "{}"), 60002, "POST")
	// query before unknown command
	wantCode(t, h.raw(http.MethodPost, "/v4/nope/nope", mod(func(q url.Values) { q.Del("random") }), "{}"), 60002, "random")
	// unknown command before unknown app
	wantCode(t, h.raw(http.MethodPost, "/v4/nope/nope", mod(func(q url.Values) { q.Set("sdkappid", "7") }), "{}"), 60009, "")
	// unknown app before usersig
	wantCode(t, h.raw(http.MethodPost, getPath, mod(func(q url.Values) { q.Set("sdkappid", "7"); q.Set("usersig", "x") }), "{}"), 70016, "")
	// usersig before administrator
	wantCode(t, h.raw(http.MethodPost, getPath, mod(func(q url.Values) { q.Set("identifier", "alice") }), "{}"), 70013, "")
	// administrator before body
	wantCode(t, h.raw(http.MethodPost, getPath, mod(func(q url.Values) {
		q.Set("identifier", "alice")
		q.Set("usersig", sig(t, mocktest.Key, mocktest.AppID, "alice"))
	}), "nope"), 60010, "")
	// body before fault: the fault survives all the rejected requests
	wantCode(t, h.live("get_callback", "nope"), 60003, "")
	if n := h.srv.PendingFaults(); n != 1 {
		t.Fatalf("PendingFaults = %d after rejected requests, want 1", n)
	}
	wantCode(t, h.live("get_callback", "{}"), 100001, "")
}

func TestEnvelopeShape(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	seen := map[string]bool{}
	check := func(r result, wantResponse bool) {
		t.Helper()
		var m map[string]any
		if err := json.Unmarshal(r.raw, &m); err != nil {
			t.Fatal(err)
		}
		want := []string{"ActionStatus", "ErrorCode", "ErrorInfo", "RequestId"}
		if wantResponse {
			want = append(want, "Response")
		}
		if len(m) != len(want) {
			t.Fatalf("envelope members %v, want %v", m, want)
		}
		for _, k := range want {
			if _, ok := m[k]; !ok {
				t.Fatalf("envelope %s lacks %s", r.raw, k)
			}
		}
		if !requestIDPattern.MatchString(r.RequestID) {
			t.Fatalf("RequestId %q has the wrong shape", r.RequestID)
		}
		if seen[r.RequestID] {
			t.Fatalf("RequestId %q repeated", r.RequestID)
		}
		seen[r.RequestID] = true
	}
	r := h.live("get_callback", "{}")
	check(r, false)
	r = h.live("set_callback", cbBody)
	wantCode(t, r, 0, "")
	if r.ErrorInfo != "" {
		t.Fatalf("ErrorInfo on success = %q", r.ErrorInfo)
	}
	check(r, false)
	for range 20 {
		check(h.live("get_callback", "{}"), true)
	}
	check(h.raw(http.MethodGet, "/x", nil, ""), false)
	if !json200(t, h) {
		t.Fatal("error answers must be HTTP 200 JSON")
	}
}

// json200 checks an error answer's HTTP framing.
func json200(t *testing.T, h *harness) bool {
	resp, _, err := h.send(t.Context(), http.MethodPost, "/v4/nope/nope", validQuery(t), "{}")
	return err == nil && resp.StatusCode == 200 && resp.Header.Get("Content-Type") == "application/json"
}
