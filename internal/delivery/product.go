package delivery

import (
	"fmt"
	"slices"
	"strings"
)

// Product is a TRTC product that delivers webhooks.
type Product int

// The products (docs/development/trtc-api.md §2, §6 and §7).
const (
	Live Product = iota + 1 // TUILiveKit (live_config)
	Room                    // Conference, TUIRoomKit (room_config)
	Call                    // TUICallKit (call_config)
)

// Live's gift words (§2, §7). The pre-check's answer decides whether a gift
// is sent; the other word is a behaviour flag, not an event: with it, a
// failed pre-check no longer blocks the gift.
const (
	GiftPreCheck = "Live.CallbackBeforeSendGift"
	GiftNotBlock = "Live.CallbackBeforeCallBackNotBlock"
)

// probeName follows "<Prefix>." in every product's probe word. No product
// documents a word of this name (the tests check every documented list), so
// a receiver that acknowledges unknown words acts on nothing.
const probeName = "CallbackTerraformProbe"

// facts are what deliveries need to know of one product. words is the one
// declaration of each product's documented command words: the provider's
// validators, resources and docs take theirs from Words.
type facts struct {
	name   string
	prefix string // of the product's own words, and of its probe word
	signed bool   // a signing token exists (§3): Live only
	words  []string
}

var products = map[Product]facts{
	// docs/development/trtc-api.md §2.
	Live: {name: "Live", prefix: "Live", signed: true, words: []string{
		// Rooms
		"Live.CallbackAfterCreateRoom",
		"Live.CallbackAfterDestroyRoom",
		"Live.CallbackAfterUpdateRoomInfo",
		"Live.CallbackAfterSetMetadata",
		"Live.CallbackAfterDelMetadata",
		"Live.CallbackAfterCreateRoomReachingThreshold",
		// Members
		"Live.CallbackAfterMemberStateChanged",
		"Live.CallbackAfterChangeOwner",
		"Live.CallbackAfterModifyAdmin",
		// Seats (note the Mic. prefix)
		"Mic.CallbackAfterSeatInfoChanged",
		// PK battles
		"Live.CallbackAfterCreateBattle",
		"Live.CallbackAfterStartBattle",
		"Live.CallbackAfterEndBattle",
		// Gifts: the pre-check, and the flag that lets gifts through when
		// it fails
		GiftPreCheck,
		GiftNotBlock,
		// Messages
		"Group.CallbackBeforeSendMsg",
		"Group.CallbackAfterSendMsg",
		// Follows
		"Follow.CallbackAfterFollowAdd",
		"Follow.CallbackAfterFollowDelete",
		// Recording (2026)
		"Live.CallbackAfterCloudRecordingChanged",
	}},
	// §6.
	Room: {name: "Room", prefix: "Room", words: []string{
		"Room.CallbackAfterCreateRoom",
		"Room.CallbackAfterDestroyRoom",
		"Room.CallbackAfterUpdateRoomInfo",
		"Room.CallbackAfterMemberEnter",
		"Room.CallbackAfterMemberLeave",
		"Mic.CallbackAfterSeatInfoChanged",
	}},
	// §6.
	Call: {name: "Call", prefix: "Call", words: []string{
		"Call.CallbackAfterStartCall",
		"Call.CallbackAfterEndCall",
		"Call.CallbackAfterMemberChanged",
	}},
}

// Products lists every product.
func Products() []Product { return []Product{Live, Room, Call} }

// ParseProduct reads a product's name in any case: "live", "Room", "CALL".
func ParseProduct(s string) (Product, error) {
	for _, p := range Products() {
		if strings.EqualFold(s, p.String()) {
			return p, nil
		}
	}
	return 0, fmt.Errorf("unknown product %q: want live, room or call", s)
}

func (p Product) facts() facts { return products[p] }

func (p Product) valid() bool {
	_, ok := products[p]
	return ok
}

// String is the product's name: "Live", "Room" or "Call".
func (p Product) String() string {
	if !p.valid() {
		return fmt.Sprintf("Product(%d)", int(p))
	}
	return p.facts().name
}

// Prefix is the prefix of the product's own words ("Live" in
// "Live.CallbackAfterCreateRoom"). Live also delivers Mic., Group. and
// Follow. words.
func (p Product) Prefix() string { return p.facts().prefix }

// Signed reports whether the product has a webhook signing token, whose
// deliveries carry Sign and RequestTime: Live only (§3, §7).
func (p Product) Signed() bool { return p.facts().signed }

// ProbeWord is the command word of the product's probe, e.g.
// "Live.CallbackTerraformProbe": well formed, and emitted by no product.
func (p Product) ProbeWord() string { return p.facts().prefix + "." + probeName }

// Words are the product's documented command words, a copy.
func (p Product) Words() []string { return slices.Clone(p.facts().words) }

// Documents reports whether word is one of the product's documented words.
func (p Product) Documents(word string) bool { return slices.Contains(p.facts().words, word) }

// IsEvent reports whether TRTC delivers events of word: every documented
// word but the GiftNotBlock flag.
func (p Product) IsEvent(word string) bool { return p.Documents(word) && word != GiftNotBlock }

// IsProbe reports whether word is any product's probe word.
func IsProbe(word string) bool {
	prefix, name, ok := strings.Cut(word, ".")
	return ok && name == probeName && prefix != ""
}
