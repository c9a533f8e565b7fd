package provider

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
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
			// One letter more is a near miss (it was a warning before
			// near misses became errors); three more is a new word.
			{p.word(0) + "x", "Misspelt callback command ... Did you mean " + strconv.Quote(p.word(0)) + "?", true},
			{p.word(0) + "Xyz", "Unknown callback command", false},
			{strings.ToLower(p.word(0)), "Did you mean " + strconv.Quote(p.word(0)), true},
			{strings.Replace(p.word(0), "Callback", "Callback"+"After", 1) + "Typo", "Unknown callback command", false},
			{other.word(0), "is a " + other.title + " callback command, not a " + p.title + " one: configure it in " + other.typeName(), true},
		} {
			summary, detail, isError := judgeCommandWord(p.webhookProduct, tc.word)
			if isError != tc.isError || !containsInOrder(summary+" "+detail, tc.want) || (tc.want == "") != (summary == "") {
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

// containsInOrder reports whether s holds the parts of want separated by
// " ... ", in order.
func containsInOrder(s, want string) bool {
	for _, part := range strings.Split(want, " ... ") {
		i := strings.Index(s, part)
		if i < 0 {
			return false
		}
		s = s[i+len(part):]
	}
	return true
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"abc", "abc", 0},
		{"kitten", "sitting", 3},
		{"Destroy", "Destroy"[:4] + "or" + "y", 1}, // swapping two letters is one edit
		{"Creat", "Create", 1},
		{"ab", "ba", 1},
		{"ca", "abc", 3}, // optimal string alignment: no character is edited twice (Damerau would say 2)
		{"é", "e", 1},    // characters, not bytes
		{"Live.CallbackAfterSetMetadata", "Live.CallbackAfterDelMetadata", 2},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

// A typo of every documented word, of every product, is an error that
// names the word.
func TestJudgeCommandWordNearMisses(t *testing.T) {
	for _, p := range products() {
		for _, w := range p.commands {
			prefix, name, _ := strings.Cut(w, ".Callback")
			for _, typo := range []string{
				prefix + ".Callback" + name[:len(name)-1],                                     // a letter dropped
				prefix + ".Callback" + name[:2] + name[3:4] + name[2:3] + name[4:],            // two letters swapped
				prefix + ".Callback" + name[:len(name)-2] + "q" + name[len(name)-1:] + "z",    // one wrong, one more
				prefix + ".Callback" + name[:3] + strings.ToLower(name[3:4]) + name[4:] + "s", // case and a letter
			} {
				summary, detail, isError := judgeCommandWord(p.webhookProduct, typo)
				near, _ := nearMisses(p.webhookProduct, typo)
				if !isError || summary != "Misspelt callback command" || !slices.Contains(near, w) ||
					!strings.Contains(detail, "Did you mean "+quotedOr(near)+"?") {
					t.Errorf("%s %q: %q %q error=%v; want an error suggesting %q", p.typeSuffix, typo, summary, detail, isError, w)
				}
			}
		}
	}
}

// The boundary of typoDistance: 2 edits for words under 36 characters, 3
// for longer ones; one more is a new word, and a warning.
func TestJudgeCommandWordTypoBoundary(t *testing.T) {
	for _, tc := range []struct {
		kind   webhookProduct
		word   string // documented
		length int
		limit  int
	}{
		{callWebhook, "Call.CallbackAfterEndCall", 25, 2},
		{liveWebhook, "Live.CallbackBeforeCallBackNotBlock", 35, 2},
		{liveWebhook, "Live.CallbackAfterMemberStateChanged", 36, 3},
		{liveWebhook, "Live.CallbackAfterCreateRoomReachingThreshold", 45, 3},
	} {
		if n := len(tc.word); n != tc.length || typoDistance(tc.word) != tc.limit {
			t.Fatalf("%q: %d characters, typoDistance %d", tc.word, n, typoDistance(tc.word))
		}
		within := tc.word + "Xyzw"[:tc.limit]
		beyond := tc.word + "Xyzw"[:tc.limit+1]
		if summary, detail, isError := judgeCommandWord(tc.kind, within); !isError ||
			!strings.Contains(detail, fmt.Sprintf("%d edit(s) from one. Did you mean %q?", tc.limit, tc.word)) {
			t.Errorf("%q (%d edits): %q %q error=%v; want an error", within, tc.limit, summary, detail, isError)
		}
		if summary, detail, isError := judgeCommandWord(tc.kind, beyond); isError || summary != "Unknown callback command" ||
			!strings.Contains(detail, strings.Join(tc.kind.commands, ", ")) {
			t.Errorf("%q (%d edits): %q %q error=%v; want a warning listing the known words", beyond, tc.limit+1, summary, detail, isError)
		}
	}
}

func TestJudgeCommandWordSpecialCases(t *testing.T) {
	for _, tc := range []struct {
		name          string
		kind          webhookProduct
		word          string
		summary, want string
		isError       bool
	}{
		{"a misspelt documented word", liveWebhook, "Live.CallbackAfterCreatRoom",
			"Misspelt callback command", `"Live.CallbackAfterCreatRoom" is not a TUILiveKit (Live) callback command, but it is 1 edit(s) from one. Did you mean "Live.CallbackAfterCreateRoom"?`, true},
		// Set and Del are two edits apart: one edit from both names both.
		{"as near two words", liveWebhook, "Live.CallbackAfterSelMetadata",
			"Misspelt callback command", `Did you mean "Live.CallbackAfterSetMetadata" or "Live.CallbackAfterDelMetadata"?`, true},
		{"nearer one of two", liveWebhook, "Live.CallbackAfterSetMetadat",
			"Misspelt callback command", `Did you mean "Live.CallbackAfterSetMetadata"? A word`, true},
		{"near the shared Mic. word", roomWebhook, "Mic.CallbackAfterSeatInfoChange",
			"Misspelt callback command", `Did you mean "Mic.CallbackAfterSeatInfoChanged"?`, true},
		// A near miss of an older spelling suggests the current one.
		{"near an older spelling", roomWebhook, "Room.CallbackUpdateRoomInf",
			"Misspelt callback command", `Did you mean "Room.CallbackAfterUpdateRoomInfo"?`, true},
		{"older spelling in the wrong case", roomWebhook, "Room.CallbackUpdateroomInfo",
			"Invalid callback command", `Did you mean "Room.CallbackAfterUpdateRoomInfo"? Command words are case-sensitive.`, true},
		// Only an exact word of another product is "of another product";
		// a near miss of one is a new word to this product.
		{"near a word of another product", liveWebhook, "Room.CallbackAfterCreatRoom",
			"Unknown callback command", "Its prefix is used by Conference (TUIRoomKit) callback commands (trtc_room_webhook).", false},
		{"exact word of another product", liveWebhook, "Room.CallbackAfterCreateRoom",
			"Callback command of another product", "configure it in trtc_room_webhook.", true},
		// A malformed word near a documented one gets the suggestion too.
		{"malformed near miss", liveWebhook, "Live.CallbackAfterCreate_Room",
			"Invalid callback command", `words have the form <Prefix>.Callback<Name>, such as "Live.CallbackAfterCreateRoom". Did you mean "Live.CallbackAfterCreateRoom"?`, true},
		{"far new word", liveWebhook, "Live.CallbackAfterSomethingNew",
			"Unknown callback command", "It will be sent as written", false},
	} {
		summary, detail, isError := judgeCommandWord(tc.kind, tc.word)
		if summary != tc.summary || isError != tc.isError || !strings.Contains(detail, tc.want) {
			t.Errorf("%s: %q: %q %q error=%v; want %q containing %q, error=%v", tc.name, tc.word, summary, detail, isError, tc.summary, tc.want, tc.isError)
		}
	}
}

// A typo of a documented word is an error at plan time, with the word
// meant, for every product; nothing reaches TRTC.
func TestAccCommandWord_nearMissIsAnError(t *testing.T) {
	mock := startMock(t)
	for _, p := range products() {
		typo := p.word(0)[:len(p.word(0))-2] + p.word(0)[len(p.word(0))-1:] // the last letter but one dropped
		t.Run(p.typeSuffix, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					Config:   providerBlock(mock) + p.resource(hookURL, []string{p.word(1), typo}),
					PlanOnly: true,
					ExpectError: words(fmt.Sprintf("Misspelt callback command ... %q is not a %s callback command, but it is 1 edit(s) from one. Did you mean %q?",
						typo, p.title, p.word(0))),
				}},
			})
		})
	}
	t.Cleanup(func() {
		if n := mock.CountRequests(""); n != 0 {
			t.Errorf("a misspelt word sent %d request(s)", n)
		}
	})
}

// A well-formed word far from every documented one is a warning: it is
// sent as written, for every product.
func TestAccCommandWord_farNewWordWarnsAndApplies(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		prefix, _, _ := strings.Cut(p.word(0), ".")
		newWord := prefix + ".CallbackAfterSomethingNew"
		mock := startMock(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0), newWord}),
				Check:  mockHolds(mock, p, hookURL, p.word(0), newWord),
			}},
		})
	})
}
