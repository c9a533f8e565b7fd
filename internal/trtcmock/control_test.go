package trtcmock_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

func TestControlAPI(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	ctl := func(method, path string, q url.Values, body string) (int, []byte) {
		t.Helper()
		resp, b, err := h.send(t.Context(), method, path, q, body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, b
	}
	app := url.Values{"sdkappid": {appParam}, "service": {"room_config"}}

	if code, _ := ctl(http.MethodGet, "/_mock/config", app, ""); code != 404 {
		t.Fatalf("GET missing config = %d", code)
	}
	if code, b := ctl(http.MethodPut, "/_mock/config", app, cbBody); code != 204 {
		t.Fatalf("PUT config = %d %s", code, b)
	}
	if got, _ := h.srv.Config(mocktest.AppID, "room_config"); !equalConfig(got, cbConfig) {
		t.Fatalf("stored %+v", got)
	}
	code, b := ctl(http.MethodGet, "/_mock/config", app, "")
	var c trtcmock.Config
	if code != 200 || json.Unmarshal(b, &c) != nil || !equalConfig(c, cbConfig) {
		t.Fatalf("GET config = %d %s", code, b)
	}
	// The out-of-band config is what the API serves.
	config(t, h.call("room_config", "get_callback", "{}"))
	if code, _ := ctl(http.MethodDelete, "/_mock/config", app, ""); code != 204 {
		t.Fatalf("DELETE config = %d", code)
	}
	if _, found := h.srv.Config(mocktest.AppID, "room_config"); found {
		t.Fatal("DELETE left the config")
	}
	// service defaults to live_config
	if code, _ := ctl(http.MethodPut, "/_mock/config", url.Values{"sdkappid": {appParam}}, cbBody); code != 204 {
		t.Fatal("PUT without service")
	}
	if _, found := h.srv.Config(mocktest.AppID, "live_config"); !found {
		t.Fatal("service did not default to live_config")
	}
	for _, bad := range []struct {
		method string
		q      url.Values
		body   string
		want   int
	}{
		{http.MethodGet, url.Values{}, "", 400},
		{http.MethodGet, url.Values{"sdkappid": {"x"}}, "", 400},
		{http.MethodPut, app, "nope", 400},
		{http.MethodPut, app, `{"Url":"x","Bogus":1}`, 400},
		{http.MethodPost, app, cbBody, 405},
	} {
		if code, _ := ctl(bad.method, "/_mock/config", bad.q, bad.body); code != bad.want {
			t.Errorf("%s config %v %q = %d, want %d", bad.method, bad.q, bad.body, code, bad.want)
		}
	}

	if code, b := ctl(http.MethodPost, "/_mock/faults", nil, `{"command":"get_callback","kind":"error_code","error_code":60008,"error_info":"timeout","times":2}`); code != 204 {
		t.Fatalf("POST faults = %d %s", code, b)
	}
	if h.srv.PendingFaults() != 2 {
		t.Fatal("fault not queued")
	}
	wantCode(t, h.live("get_callback", "{}"), 60008, "timeout")
	if code, _ := ctl(http.MethodPost, "/_mock/faults", nil, `{"kind":"explode"}`); code != 400 {
		t.Fatal("unknown fault kind accepted")
	}
	if code, _ := ctl(http.MethodGet, "/_mock/faults", nil, ""); code != 405 {
		t.Fatal("GET faults")
	}

	code, b = ctl(http.MethodGet, "/_mock/requests", nil, "")
	var entries []map[string]any
	if code != 200 || json.Unmarshal(b, &entries) != nil || len(entries) != 2 {
		t.Fatalf("GET requests = %d %s", code, b)
	}
	for _, k := range []string{"time", "method", "service", "command", "query", "body", "usersig", "identifier",
		"sdkappid", "user_agent", "http_status", "error_code", "request_id", "fault", "applied"} {
		if _, found := entries[1][k]; !found {
			t.Errorf("request entry lacks %q: %v", k, entries[1])
		}
	}
	var back []trtcmock.Request
	if json.Unmarshal(b, &back) != nil || back[1].Fault != trtcmock.FaultErrorCode || back[1].ErrorCode != 60008 {
		t.Fatalf("requests do not round-trip: %s", b)
	}

	code, b = ctl(http.MethodGet, "/_mock/stats", nil, "")
	var st map[string]int
	if code != 200 || json.Unmarshal(b, &st) != nil || st["requests"] != 2 || st["distinct_usersigs"] != 1 ||
		st["max_in_flight"] != 1 || st["connections"] != 1 {
		t.Fatalf("GET stats = %d %s", code, b)
	}
	if code, _ := ctl(http.MethodPost, "/_mock/reset", nil, ""); code != 204 {
		t.Fatal("POST reset")
	}
	code, b = ctl(http.MethodGet, "/_mock/requests", nil, "")
	if code != 200 || strings.TrimSpace(string(b)) != "[]" {
		t.Fatalf("after reset requests = %s", b)
	}
	if code, _ := ctl(http.MethodGet, "/_mock/nope", nil, ""); code != 404 {
		t.Fatal("unknown control path")
	}
	if n := h.srv.CountRequests(""); n != 0 {
		t.Fatalf("control requests were logged: %d", n)
	}
}
