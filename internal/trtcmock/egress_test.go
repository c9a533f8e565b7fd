package trtcmock_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// getIPList sends a signed GetIPList with nettype as given ("" leaves it
// out) and returns the envelope and its IPList, which must sit at the top
// level.
func (h *harness) getIPList(nettype string) (result, []string) {
	h.t.Helper()
	q := validQuery(h.t)
	if nettype != "" {
		q.Set("nettype", nettype)
	}
	r := h.raw(http.MethodPost, "/v4/"+trtcmock.ServiceConfig+"/GetIPList", q, "{}")
	var members map[string]json.RawMessage
	if err := json.Unmarshal(r.raw, &members); err != nil {
		h.t.Fatal(err)
	}
	if _, found := members["Response"]; found {
		h.t.Fatalf("IPList must be at the top level, not under Response: %s", r.raw)
	}
	raw, found := members["IPList"]
	if !found {
		return r, nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil || list == nil {
		h.t.Fatalf("IPList %s is not an array of strings", raw)
	}
	return r, list
}

func TestGetIPListDefaults(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	defaults := trtcmock.DefaultEgressIPs()
	for _, n := range []string{"5", "6"} {
		r, list := h.getIPList(n)
		wantCode(t, r, 0, "")
		want := defaults[map[string]int{"5": 5, "6": 6}[n]]
		if !slices.Equal(list, want) {
			t.Errorf("nettype %s: IPList = %q, want %q", n, list, want)
		}
	}
	// The defaults hold what a client must normalise.
	six := defaults[6]
	if !slices.Contains(six, "192.0.2.10") || !slices.Contains(six, "192.0.2.10/32") || !slices.Contains(six, "192.0.2.128/25") {
		t.Errorf("nettype 6 defaults lack a bare address, its /32 duplicate or a block: %q", six)
	}
	if five := defaults[5]; len(slices.Compact(slices.Sorted(slices.Values(five)))) == len(five) {
		t.Errorf("nettype 5 defaults have no duplicate: %q", five)
	}
	for _, n := range []string{"1", "2", "3", "4"} {
		r, list := h.getIPList(n)
		wantCode(t, r, 0, "")
		if list == nil || len(list) != 0 {
			t.Errorf("nettype %s: IPList = %q, want []", n, list)
		}
	}
	r, all := h.getIPList("0")
	wantCode(t, r, 0, "")
	if want := append(slices.Clone(defaults[5]), defaults[6]...); !slices.Equal(all, want) {
		t.Errorf("nettype 0: IPList = %q, want %q", all, want)
	}
	if got := mocktest.Requests(h.srv, trtcmock.ServiceConfig, "GetIPList"); len(got) != 7 || got[0].Query.Get("nettype") != "5" {
		t.Errorf("logged %d GetIPList requests; first %+v", len(got), got)
	}
}

func TestGetIPListNetTypeChecked(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	for _, n := range []string{"", "7", "-1", "x", "1.5", "06x", " 5"} {
		r, list := h.getIPList(n)
		wantCode(t, r, 100002, "nettype")
		if list != nil {
			t.Errorf("nettype %q: a refusal carries IPList %q", n, list)
		}
	}
	// The query parameter, not the body, is what counts.
	q := validQuery(t)
	r := h.raw(http.MethodPost, "/v4/ConfigSvc/GetIPList", q, `{"nettype":6}`)
	wantCode(t, r, 100002, "nettype")
	// Other commands of the service are unknown; the checks before the
	// command still apply.
	wantCode(t, h.call(trtcmock.ServiceConfig, "GetIpList", "{}"), 60009, "ConfigSvc/GetIpList")
	q.Set("nettype", "6")
	q.Del("usersig")
	wantCode(t, h.raw(http.MethodPost, "/v4/ConfigSvc/GetIPList", q, "{}"), 60002, "usersig")
}

func TestGetIPListNotEnabled(t *testing.T) {
	h := newHarness(t, trtcmock.Options{EgressNotEnabled: true})
	r, list := h.getIPList("6")
	wantCode(t, r, 0, "")
	if list == nil || len(list) != 0 {
		t.Fatalf("nettype 6 not enabled: IPList = %q, want []", list)
	}
	defaults := trtcmock.DefaultEgressIPs()
	if _, five := h.getIPList("5"); !slices.Equal(five, defaults[5]) {
		t.Errorf("nettype 5 = %q, want the defaults", five)
	}
	if _, all := h.getIPList("0"); !slices.Equal(all, defaults[5]) {
		t.Errorf("nettype 0 = %q, want nettype 5's only", all)
	}
}

func TestGetIPListCustom(t *testing.T) {
	h := newHarness(t, trtcmock.Options{EgressIPs: map[int][]string{6: {"198.51.100.1"}, 1: {"192.0.2.1"}}})
	if _, six := h.getIPList("6"); !slices.Equal(six, []string{"198.51.100.1"}) {
		t.Errorf("nettype 6 = %q", six)
	}
	if _, five := h.getIPList("5"); five == nil || len(five) != 0 {
		t.Errorf("nettype 5 absent from the map = %q, want []", five)
	}
	if _, all := h.getIPList("0"); !slices.Equal(all, []string{"192.0.2.1", "198.51.100.1"}) {
		t.Errorf("nettype 0 = %q", all)
	}
}

// Top-level members are GetIPList's alone: other answers keep their shape.
func TestOtherAnswersHaveNoTopLevelPayload(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	wantCode(t, h.live("set_callback", cbBody), 0, "")
	for _, r := range []result{h.live("get_callback", "{}"), h.live("set_callback", cbBody), h.live("delete_callback", "{}")} {
		var members map[string]json.RawMessage
		if err := json.Unmarshal(r.raw, &members); err != nil {
			t.Fatal(err)
		}
		for k := range members {
			switch k {
			case "ActionStatus", "ErrorCode", "ErrorInfo", "RequestId", "Response":
			default:
				t.Errorf("unexpected member %q in %s", k, r.raw)
			}
		}
	}
}
