package provider

import (
	"strconv"
	"strings"
	"testing"
)

func TestCommandWordValidator(t *testing.T) {
	v := commandWord(liveWebhook)
	for _, known := range liveWebhook.commands {
		if d := validateString(v, known); len(d) != 0 {
			t.Errorf("%q: %v", known, d)
		}
	}
	d := validateString(v, "Live.CallbackAfterSomethingNew")
	if d.HasError() || d.WarningsCount() != 1 || !strings.Contains(d[0].Detail(), "will be sent as written") {
		t.Errorf("unknown word: want one warning, got %v", d)
	}
	for _, bad := range []string{"", "Live", "Live.", "live.CallbackAfterCreateRoom", "Live.callbackAfterCreateRoom", "Live.Callback", "Live.CallbackAfter Create", "Live..CallbackX"} {
		if d := validateString(v, bad); !d.HasError() {
			t.Errorf("%q accepted", bad)
		}
	}
}

// What the provider says about each kind of command word, for every product.
func TestJudgeCommandWord(t *testing.T) {
	for _, p := range products() {
		other := otherProduct(p)
		for _, tc := range []struct {
			word, want string
			isError    bool
		}{
			{p.word(0), "", false},
			{p.word(0) + "x", "Unknown callback command", false},
			{strings.ToLower(p.word(0)), "Did you mean " + strconv.Quote(p.word(0)), true},
			{strings.Replace(p.word(0), "Callback", "Callback"+"After", 1) + "Typo", "Unknown callback command", false},
			{other.word(0), "is a " + other.product + " callback command, not a " + p.product + " one: configure it in " + other.typeName(), true},
		} {
			summary, detail, isError := judgeCommandWord(p.webhookKind, tc.word)
			if isError != tc.isError || !strings.Contains(summary+" "+detail, tc.want) || (tc.want == "") != (summary == "") {
				t.Errorf("%s %q: %q %q error=%v; want %q error=%v", p.typeSuffix, tc.word, summary, detail, isError, tc.want, tc.isError)
			}
		}
	}
	// An unknown word whose prefix belongs to another product names it.
	_, detail, _ := judgeCommandWord(liveWebhook, "Room.CallbackSomethingNew")
	if !strings.Contains(detail, "Its prefix is used by Conference (TUIRoomKit) callback commands (trtc_room_webhook).") {
		t.Errorf("prefix of another product: %q", detail)
	}
	// A word that differs only in case is an error even when well formed.
	if _, detail, isError := judgeCommandWord(liveWebhook, "Live.CallbackAfterCreateroom"); !isError || !strings.Contains(detail, `Did you mean "Live.CallbackAfterCreateRoom"?`) {
		t.Errorf("well-formed wrong case: %q error=%v", detail, isError)
	}
	// The older Conference spelling is accepted with a pointer to the current one.
	if summary, detail, isError := judgeCommandWord(roomWebhook, "Room.CallbackUpdateRoomInfo"); isError ||
		summary != "Older callback command spelling" || !strings.Contains(detail, `"Room.CallbackAfterUpdateRoomInfo"`) {
		t.Errorf("older spelling: %q %q error=%v", summary, detail, isError)
	}
	// Mic. words belong to Live and Conference alike.
	if summary, _, _ := judgeCommandWord(roomWebhook, "Mic.CallbackAfterSeatInfoChanged"); summary != "" {
		t.Errorf("shared word: %q", summary)
	}
}
