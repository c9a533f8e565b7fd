package trtcmock_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

func TestCallbackLifecycle(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	wantCode(t, h.live("get_callback", "{}"), 100301, "callback config not exist")
	wantCode(t, h.live("update_callback", cbBody), 100301, "not exist")

	wantCode(t, h.live("set_callback", cbBody), 0, "")
	if got := config(t, h.live("get_callback", "{}")); !equalConfig(got, cbConfig) {
		t.Fatalf("get_callback = %+v", got)
	}

	other := `{"Url":"http://other.example.com/x","CallbackCommandList":["Mic.CallbackAfterSeatInfoChanged"]}`
	wantCode(t, h.live("set_callback", other), 100300, "callback config already exists")
	if got, _ := h.srv.Config(mocktest.AppID, "live_config"); !equalConfig(got, cbConfig) {
		t.Fatalf("100300 must not overwrite; stored %+v", got)
	}

	wantCode(t, h.live("update_callback", other), 0, "")
	want := trtcmock.Config{URL: "http://other.example.com/x", Commands: []string{"Mic.CallbackAfterSeatInfoChanged"}}
	if got := config(t, h.live("get_callback", "{}")); !equalConfig(got, want) {
		t.Fatalf("update must replace fully; got %+v", got)
	}

	wantCode(t, h.live("delete_callback", "{}"), 0, "")
	if _, found := h.srv.Config(mocktest.AppID, "live_config"); found {
		t.Fatal("delete_callback left a configuration")
	}
	wantCode(t, h.live("get_callback", "{}"), 100301, "")

	applied := map[string][]bool{}
	for _, r := range h.srv.Requests() {
		applied[r.Command] = append(applied[r.Command], r.Applied)
	}
	if !slices.Equal(applied["set_callback"], []bool{true, false}) ||
		!slices.Equal(applied["update_callback"], []bool{false, true}) ||
		!slices.Equal(applied["delete_callback"], []bool{true}) ||
		slices.Contains(applied["get_callback"], true) {
		t.Fatalf("Applied flags = %v", applied)
	}
}

func TestDeleteMissing(t *testing.T) {
	wantCode(t, newHarness(t, trtcmock.Options{}).live("delete_callback", "{}"), 0, "")
	wantCode(t, newHarness(t, trtcmock.Options{DeleteMissingCode: 100301}).live("delete_callback", "{}"), 100301, "not exist")
	h := newHarness(t, trtcmock.Options{})
	wantCode(t, h.live("delete_callback", "{}"), 0, "")
	if h.srv.Requests()[0].Applied {
		t.Fatal("deleting nothing must not count as applied")
	}
}

// services are the three webhook services of docs/development/trtc-api.md §6.
var services = []string{trtcmock.ServiceLive, trtcmock.ServiceRoom, trtcmock.ServiceCall}

const otherBody = `{"Url":"https://b.example.com","CallbackCommandList":["Call.CallbackAfterEndCall"]}`

var otherConfig = trtcmock.Config{URL: "https://b.example.com", Commands: []string{"Call.CallbackAfterEndCall"}}

// With no configuration, get_callback answers 100301 on every service,
// before any write and after a delete.
func TestGetCallbackWithoutConfiguration(t *testing.T) {
	for _, service := range services {
		t.Run(service, func(t *testing.T) {
			h := newHarness(t, trtcmock.Options{})
			wantCode(t, h.call(service, "get_callback", "{}"), 100301, "callback config not exist")
			wantCode(t, h.call(service, "set_callback", cbBody), 0, "")
			wantCode(t, h.call(service, "delete_callback", "{}"), 0, "")
			wantCode(t, h.call(service, "get_callback", "{}"), 100301, "callback config not exist")
		})
	}
}

// set_callback on an existing configuration: Call's upserts whatever the
// options say; live_config and room_config answer 100300 and keep what is
// stored, unless SetOverwrites stands in for a service that overwrites.
func TestSetCallbackOnExisting(t *testing.T) {
	for _, tc := range []struct {
		service    string
		overwrites bool
		code       int
	}{
		{trtcmock.ServiceLive, false, 100300},
		{trtcmock.ServiceLive, true, 0},
		{trtcmock.ServiceRoom, false, 100300},
		{trtcmock.ServiceRoom, true, 0},
		{trtcmock.ServiceCall, false, 0},
		{trtcmock.ServiceCall, true, 0},
	} {
		t.Run(fmt.Sprintf("%s/SetOverwrites=%v", tc.service, tc.overwrites), func(t *testing.T) {
			h := newHarness(t, trtcmock.Options{SetOverwrites: tc.overwrites})
			wantCode(t, h.call(tc.service, "set_callback", cbBody), 0, "")
			want := otherConfig
			if tc.code != 0 {
				want = cbConfig
			}
			wantCode(t, h.call(tc.service, "set_callback", otherBody), tc.code, "")
			if got := config(t, h.call(tc.service, "get_callback", "{}")); !equalConfig(got, want) {
				t.Fatalf("get_callback = %+v, want %+v", got, want)
			}
			if applied := h.srv.Requests()[1].Applied; applied != (tc.code == 0) {
				t.Fatalf("second set_callback: Applied = %v", applied)
			}
		})
	}
}

// update_callback answers 100301 with no configuration and replaces one
// in full on live_config and room_config; call_config has no such command
// (its set_callback upserts), so it is 60009 and changes nothing.
func TestUpdateCallback(t *testing.T) {
	for _, tc := range []struct {
		service      string
		none, exists int
		want         trtcmock.Config
	}{
		{trtcmock.ServiceLive, 100301, 0, otherConfig},
		{trtcmock.ServiceRoom, 100301, 0, otherConfig},
		{trtcmock.ServiceCall, 60009, 60009, cbConfig},
	} {
		t.Run(tc.service, func(t *testing.T) {
			h := newHarness(t, trtcmock.Options{})
			wantCode(t, h.call(tc.service, "update_callback", otherBody), tc.none, "")
			if _, found := h.srv.Config(mocktest.AppID, tc.service); found {
				t.Fatal("update_callback without a configuration created one")
			}
			wantCode(t, h.call(tc.service, "set_callback", cbBody), 0, "")
			wantCode(t, h.call(tc.service, "update_callback", otherBody), tc.exists, "")
			if got := config(t, h.call(tc.service, "get_callback", "{}")); !equalConfig(got, tc.want) {
				t.Fatalf("get_callback = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// State is per (SDKAppID, service).
func TestStateIsPerAppAndService(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	wantCode(t, h.call("room_config", "set_callback", cbBody), 0, "")
	wantCode(t, h.call("call_config", "set_callback", cbBody), 0, "")
	wantCode(t, h.live("get_callback", "{}"), 100301, "")
	if _, found := h.srv.Config(mocktest.OtherAppID, "room_config"); found {
		t.Fatal("state leaked to another app")
	}
	wantCode(t, h.call("call_config", "delete_callback", "{}"), 0, "")
	wantCode(t, h.call("call_config", "get_callback", "{}"), 100301, "")
	if _, found := h.srv.Config(mocktest.AppID, "room_config"); !found {
		t.Fatal("deleting call_config removed room_config")
	}
}

func TestCallbackFieldChecks(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	list := `"CallbackCommandList":["Live.CallbackAfterCreateRoom"]`
	cases := []struct{ body, field string }{
		{`{` + list + `}`, "Url"},
		{`{"Url":null,` + list + `}`, "Url"},
		{`{"Url":5,` + list + `}`, "Url"},
		{`{"Url":"hooks.example.com",` + list + `}`, "Url"},
		{`{"Url":"ftp://hooks.example.com",` + list + `}`, "Url"},
		{`{"url":"https://a.example.com",` + list + `}`, "Url"},
		{`{"Url":"https://a.example.com"}`, "CallbackCommandList"},
		{`{"Url":"https://a.example.com","CallbackCommandList":null}`, "CallbackCommandList"},
		{`{"Url":"https://a.example.com","CallbackCommandList":"Live.CallbackAfterCreateRoom"}`, "CallbackCommandList"},
		{`{"Url":"https://a.example.com","CallbackCommandList":[1]}`, "CallbackCommandList"},
		{`{"Url":"https://a.example.com","CallbackCommandList":[null]}`, "CallbackCommandList"},
		{`{"Url":"https://a.example.com","CallbackCommandList":{}}`, "CallbackCommandList"},
	}
	for _, command := range []string{"set_callback", "update_callback"} {
		for _, c := range cases {
			wantCode(t, h.live(command, c.body), 100002, c.field)
		}
	}
	if h.srv.CountRequests("set_callback") != len(cases) {
		t.Fatalf("CountRequests(set_callback) = %d", h.srv.CountRequests("set_callback"))
	}
}

func TestCommandListStoredAsGiven(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	words := []string{"Zed.CallbackLast", "Live.CallbackAfterCreateRoom", "Zed.CallbackLast", "not a word"}
	b, _ := json.Marshal(trtcmock.Config{URL: "http://10.0.0.1:8080/hook", Commands: words})
	wantCode(t, h.live("set_callback", string(b)), 0, "")
	if got := config(t, h.live("get_callback", "{}")); !slices.Equal(got.Commands, words) {
		t.Fatalf("commands %v, want %v", got.Commands, words)
	}
	wantCode(t, h.live("update_callback", `{"Url":"https://a.example.com","CallbackCommandList":[]}`), 0, "")
	r := h.live("get_callback", "{}")
	if !strings.Contains(string(r.Response), `"CallbackCommandList":[]`) {
		t.Fatalf("empty list must stay [], got %s", r.Response)
	}
}

func TestCallbackToken(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	wantCode(t, h.live("get_callback_token", "{}"), 100302, "")
	wantCode(t, h.live("set_callback_token", `{"Token":"xxxxyyyy"}`), 100002, "IsTokenEnable")
	wantCode(t, h.live("set_callback_token", `{"IsTokenEnable":true}`), 100002, "Token")
	for _, body := range []string{
		`{"Token":"","IsTokenEnable":true}`,
		`{"Token":"` + strings.Repeat("a", 129) + `","IsTokenEnable":true}`,
		`{"Token":7,"IsTokenEnable":true}`,
		`{"Token":null,"IsTokenEnable":true}`,
	} {
		wantCode(t, h.live("set_callback_token", body), 100002, "Token")
	}
	for _, body := range []string{`{"Token":"t","IsTokenEnable":"yes"}`, `{"Token":"t","IsTokenEnable":1}`, `{"Token":"t","IsTokenEnable":null}`} {
		wantCode(t, h.live("set_callback_token", body), 100002, "IsTokenEnable")
	}
	wantCode(t, h.live("get_callback_token", "{}"), 100302, "")

	tok128 := strings.Repeat("é", 128) // characters, not bytes
	wantCode(t, h.live("set_callback_token", `{"Token":"`+tok128+`","IsTokenEnable":true}`), 0, "")
	wantToken := func(tok string, enabled bool) {
		t.Helper()
		r := h.live("get_callback_token", "{}")
		wantCode(t, r, 0, "")
		var got struct {
			Token         string
			IsTokenEnable bool
		}
		if err := json.Unmarshal(r.Response, &got); err != nil {
			t.Fatal(err)
		}
		if got.Token != tok || got.IsTokenEnable != enabled {
			t.Fatalf("token = %+v, want %q %v", got, tok, enabled)
		}
	}
	wantToken(tok128, true)
	wantCode(t, h.live("set_callback_token", `{"IsTokenEnable":false}`), 0, "")
	wantToken(tok128, false)
	wantCode(t, h.live("set_callback_token", `{"Token":"xxxxyyyy"}`), 0, "")
	wantToken("xxxxyyyy", false)
	wantCode(t, h.live("set_callback_token", `{}`), 100002, "")
	wantToken("xxxxyyyy", false)

	// Token state is separate from the callback configuration.
	wantCode(t, h.live("get_callback", "{}"), 100301, "")
	wantCode(t, h.live("set_callback", cbBody), 0, "")
	wantCode(t, h.live("delete_callback", "{}"), 0, "")
	wantToken("xxxxyyyy", false)
}

// Token and SetToken are the console's view of the signing token: what
// set_callback_token wrote, and out-of-band changes get_callback_token
// answers at once, per app.
func TestTokenOutOfBand(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	if _, _, ok := h.srv.Token(mocktest.AppID); ok {
		t.Fatal("Token reports a token before any was set")
	}
	wantCode(t, h.live("set_callback_token", `{"Token":"xxxxyyyy","IsTokenEnable":true}`), 0, "")
	if v, on, ok := h.srv.Token(mocktest.AppID); !ok || v != "xxxxyyyy" || !on {
		t.Fatalf("Token = %q %v %v after set_callback_token", v, on, ok)
	}
	h.srv.SetToken(mocktest.AppID, "changed-in-console", false)
	r := h.live("get_callback_token", "{}")
	wantCode(t, r, 0, "")
	if got := string(r.Response); got != `{"Token":"changed-in-console","IsTokenEnable":false}` {
		t.Errorf("get_callback_token after SetToken = %s", got)
	}
	if _, _, ok := h.srv.Token(mocktest.OtherAppID); ok {
		t.Error("SetToken reached another app")
	}
}

func TestReadLag(t *testing.T) {
	const lag = 200 * time.Millisecond
	h := newHarness(t, trtcmock.Options{ReadLag: lag})
	// stale asserts what a reader sees inside the lag window, when the
	// machine was fast enough to still be inside it.
	stale := func(since time.Time, check func(result)) {
		t.Helper()
		r := h.live("get_callback", "{}")
		if time.Since(since) < lag {
			check(r)
		} else {
			t.Logf("too slow to observe the lag window")
		}
	}
	// fresh reads once the lag has surely passed: since is taken after the
	// write returned, so it is no earlier than the mock's write time.
	fresh := func(since time.Time) result {
		t.Helper()
		time.Sleep(lag - time.Since(since) + 10*time.Millisecond)
		return h.live("get_callback", "{}")
	}

	start := time.Now()
	wantCode(t, h.live("set_callback", cbBody), 0, "")
	written := time.Now()
	stale(start, func(r result) { wantCode(t, r, 100301, "") })
	if _, found := h.srv.Config(mocktest.AppID, "live_config"); !found {
		t.Fatal("Config must ignore ReadLag")
	}
	if got := config(t, fresh(written)); !equalConfig(got, cbConfig) {
		t.Fatalf("after the lag: %+v", got)
	}

	start = time.Now()
	wantCode(t, h.live("update_callback", `{"Url":"https://new.example.com","CallbackCommandList":[]}`), 0, "")
	written = time.Now()
	stale(start, func(r result) {
		if got := config(t, r); !equalConfig(got, cbConfig) {
			t.Fatalf("inside the lag: %+v, want the previous state", got)
		}
	})
	if got := config(t, fresh(written)); got.URL != "https://new.example.com" {
		t.Fatalf("after the lag: %+v", got)
	}

	start = time.Now()
	wantCode(t, h.live("delete_callback", "{}"), 0, "")
	written = time.Now()
	stale(start, func(r result) {
		if got := config(t, r); got.URL != "https://new.example.com" {
			t.Fatalf("inside the lag: %+v, want the deleted configuration", got)
		}
	})
	wantCode(t, fresh(written), 100301, "")

	// An out-of-band change is visible at once, even inside a window.
	wantCode(t, h.live("set_callback", cbBody), 0, "")
	h.srv.SetConfig(mocktest.AppID, "live_config", trtcmock.Config{URL: "https://console.example.com", Commands: nil})
	if got := config(t, h.live("get_callback", "{}")); got.URL != "https://console.example.com" || got.Commands == nil {
		t.Fatalf("after SetConfig: %+v", got)
	}
	h.srv.DeleteConfig(mocktest.AppID, "live_config")
	wantCode(t, h.live("get_callback", "{}"), 100301, "")

	// SetReadLag applies at once.
	h.srv.SetReadLag(time.Hour)
	wantCode(t, h.live("set_callback", cbBody), 0, "")
	wantCode(t, h.live("get_callback", "{}"), 100301, "")
	h.srv.SetReadLag(0)
	config(t, h.live("get_callback", "{}"))
}

// Reads lag deletes as they lag writes: after delete_callback,
// get_callback answers the deleted configuration until ReadLag passes.
// The window is an hour and SetReadLag(0) ends it, so no timing is
// involved.
func TestReadLagCoversDeletes(t *testing.T) {
	for _, service := range services {
		t.Run(service, func(t *testing.T) {
			h := newHarness(t, trtcmock.Options{ReadLag: time.Hour})
			h.srv.SetConfig(mocktest.AppID, service, cbConfig)
			wantCode(t, h.call(service, "delete_callback", "{}"), 0, "")
			if _, found := h.srv.Config(mocktest.AppID, service); found {
				t.Fatal("delete_callback left a configuration")
			}
			for range 2 {
				if got := config(t, h.call(service, "get_callback", "{}")); !equalConfig(got, cbConfig) {
					t.Fatalf("inside the lag: %+v, want the deleted %+v", got, cbConfig)
				}
			}
			h.srv.SetReadLag(0)
			wantCode(t, h.call(service, "get_callback", "{}"), 100301, "")
		})
	}
}

// SetConfig stores a command list as given, duplicates and order
// included, and get_callback answers it so: a word may come back twice.
func TestSetConfigKeepsDuplicates(t *testing.T) {
	for _, service := range services {
		t.Run(service, func(t *testing.T) {
			h := newHarness(t, trtcmock.Options{})
			words := []string{"B.CallbackTwo", "A.CallbackOne", "B.CallbackTwo", "B.CallbackTwo"}
			want := slices.Clone(words)
			h.srv.SetConfig(mocktest.AppID, service, trtcmock.Config{URL: "https://a.example.com", Commands: words})
			words[0] = "changed.AfterSetConfig"
			if got, _ := h.srv.Config(mocktest.AppID, service); !slices.Equal(got.Commands, want) {
				t.Fatalf("stored %v, want %v", got.Commands, want)
			}
			if got := config(t, h.call(service, "get_callback", "{}")); !slices.Equal(got.Commands, want) {
				t.Fatalf("get_callback answered %v, want %v", got.Commands, want)
			}
		})
	}
}

func TestShuffleCommands(t *testing.T) {
	h := newHarness(t, trtcmock.Options{ShuffleCommands: true})
	words := []string{"A.CallbackOne", "B.CallbackTwo", "C.CallbackThree"}
	b, _ := json.Marshal(trtcmock.Config{URL: "https://a.example.com", Commands: words})
	wantCode(t, h.live("set_callback", string(b)), 0, "")
	got := config(t, h.live("get_callback", "{}"))
	if slices.Equal(got.Commands, words) {
		t.Fatalf("ShuffleCommands returned the stored order %v", got.Commands)
	}
	sorted := slices.Sorted(slices.Values(got.Commands))
	if !slices.Equal(sorted, words) {
		t.Fatalf("ShuffleCommands changed the content: %v", got.Commands)
	}
	if stored, _ := h.srv.Config(mocktest.AppID, "live_config"); !slices.Equal(stored.Commands, words) {
		t.Fatalf("stored order changed: %v", stored.Commands)
	}
}

func TestReorderAlwaysDiffers(t *testing.T) {
	for _, words := range [][]string{{"a", "b"}, {"a", "b", "a"}, {"a", "b", "b", "a"}, {"a", "a", "b"}, {"x", "y", "z", "w"}} {
		got := trtcmock.Reorder(words)
		if slices.Equal(got, words) {
			t.Errorf("reorder(%v) = %v, unchanged", words, got)
		}
		if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(words))) {
			t.Errorf("reorder(%v) = %v, different content", words, got)
		}
	}
	if got := trtcmock.Reorder([]string{"a"}); !slices.Equal(got, []string{"a"}) {
		t.Errorf("reorder single = %v", got)
	}
	if got := trtcmock.Reorder([]string{}); got == nil || len(got) != 0 {
		t.Errorf("reorder empty = %#v", got)
	}
}

func equalConfig(a, b trtcmock.Config) bool {
	return a.URL == b.URL && slices.Equal(a.Commands, b.Commands)
}

// Token reads lag token writes like configuration reads do: with the lag
// set to an hour, a read after a write still shows what came before, while
// Token (what TRTC really holds) and SetToken (the console) ignore it.
func TestReadLagToken(t *testing.T) {
	h := newHarness(t, trtcmock.Options{ReadLag: time.Hour})
	wantCode(t, h.live("set_callback_token", `{"Token":"first","IsTokenEnable":true}`), 0, "")
	wantCode(t, h.live("get_callback_token", "{}"), 100302, "")
	if v, on, found := h.srv.Token(mocktest.AppID); !found || v != "first" || !on {
		t.Fatalf("Token = %q %v %v, want the write: Token must ignore ReadLag", v, on, found)
	}

	h.srv.SetToken(mocktest.AppID, "console", true)
	wantCode(t, h.live("set_callback_token", `{"IsTokenEnable":false}`), 0, "")
	r := h.live("get_callback_token", "{}")
	wantCode(t, r, 0, "")
	if got := string(r.Response); !strings.Contains(got, `"Token":"console"`) || !strings.Contains(got, `"IsTokenEnable":true`) {
		t.Fatalf("inside the lag: %s, want the token before the write", got)
	}

	h.srv.SetReadLag(0)
	r = h.live("get_callback_token", "{}")
	if got := string(r.Response); !strings.Contains(got, `"IsTokenEnable":false`) {
		t.Fatalf("after the lag: %s", got)
	}
}
