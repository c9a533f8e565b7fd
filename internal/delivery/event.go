package delivery

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"time"
)

// Delivery is what one webhook request carries: a command word and its body.
type Delivery struct {
	Product Product
	// Command is the CallbackCommand, in the query and in the body.
	Command string
	// Body is a JSON object whose CallbackCommand is Command.
	Body []byte
}

// Probe is product p's probe: its ProbeWord, which no product emits, and a
// body of nothing but that word and the time, so a receiver that
// acknowledges unknown words acts on nothing.
func Probe(p Product, now time.Time) Delivery {
	return Delivery{Product: p, Command: p.ProbeWord(), Body: mustJSON(object{
		{"CallbackCommand", p.ProbeWord()},
		{"EventTime", now.UnixMilli()},
	})}
}

// wordPattern is the documented form of a command word, <Prefix>.Callback<Name>.
var wordPattern = regexp.MustCompile(`^[A-Z][A-Za-z]*\.Callback[A-Za-z]+$`)

// TestEvent is a test event of word for product p, shaped like the event
// TRTC delivers, at now, with IDs that say it is a test:
// "terraform-test-<8 hex>" for rooms, calls and battles, and that with a
// suffix for accounts and gifts. Documented words get the fields of the
// event pages; other well-formed words a minimal body (CallbackCommand and
// EventTime), since products add words over time. p's probe word is the
// probe. It refuses a malformed word, a word only other products document,
// and the GiftNotBlock flag, which names no event.
func TestEvent(p Product, word string, now time.Time) (Delivery, error) {
	var tag [4]byte
	_, _ = rand.Read(tag[:])
	return testEvent(p, word, now, hex.EncodeToString(tag[:]))
}

func testEvent(p Product, word string, now time.Time, tag string) (Delivery, error) {
	switch {
	case !p.valid():
		return Delivery{}, fmt.Errorf("unknown product %v", p)
	case word == p.ProbeWord():
		return Probe(p, now), nil
	case !wordPattern.MatchString(word):
		return Delivery{}, fmt.Errorf("%q is not a command word of the form <Prefix>.Callback<Name>", word)
	case word == GiftNotBlock && p == Live:
		return Delivery{}, fmt.Errorf("%s is a behaviour flag, not an event: TRTC delivers nothing for it", word)
	case !p.Documents(word):
		for _, q := range Products() {
			if q.Documents(word) {
				return Delivery{}, fmt.Errorf("%s is a %v word, not a %v one", word, q, p)
			}
		}
	}
	e := ids{tag: tag, now: now}
	body := object{{"CallbackCommand", word}, {"EventTime", e.ms()}}
	if build, found := bodies[word]; found && p.Documents(word) {
		body = build(word, e)
	}
	return Delivery{Product: p, Command: word, Body: mustJSON(body)}, nil
}

// ids makes one test event's IDs and times.
type ids struct {
	tag string
	now time.Time
}

func (e ids) id() string             { return "terraform-test-" + e.tag }
func (e ids) of(name string) string  { return e.id() + "-" + name }
func (e ids) ms() int64              { return e.now.UnixMilli() }
func (e ids) sec(offset int64) int64 { return e.now.Unix() + offset }
func (e ids) list(n ...string) []string {
	out := make([]string, len(n))
	for i, name := range n {
		out[i] = e.of(name)
	}
	return out
}

// bodies build the documented events. The first of each product follows
// the sample in docs/development/trtc-api.md §7 (the gift pre-check too,
// which carries no EventTime); the others carry the fields of the event
// pages that identify what happened: rooms, accounts, calls, battles. Where
// a page's sample and its table disagree, the table wins (§7): IDs are
// strings, and Call.CallbackAfterStartCall's media type is MediaType.
var bodies = map[string]builder{
	"Live.CallbackAfterCreateRoom": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"Operator_Account", e.of("admin")},
			{"EventTime", e.ms()},
			{"RoomInfo", object{
				{"RoomId", e.id()}, {"RoomName", e.id()}, {"RoomType", "Live"}, {"Owner_Account", e.of("user3")},
				{"MaxMemberCount", 300}, {"IsMessageDisabled", true}, {"CustomInfo", ""}, {"IsSeatEnabled", true},
				{"TakeSeatMode", "ApplyToTake"}, {"MaxSeatCount", 16}, {"CreateTime", e.sec(0)},
				{"IsPublicVisible", true}, {"CoverURL", ""}, {"Category", []int{1, 2}},
			}},
		}
	},
	"Live.CallbackAfterDestroyRoom": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"Operator_Account", e.of("admin")},
			{"RoomId", e.id()},
			{"EventType", "DestroyByUser"},
			{"EventTime", e.ms()},
			{"RoomInfo", object{{"RoomName", e.id()}, {"RoomType", "Live"}, {"Owner_Account", e.of("user3")}}},
		}
	},
	"Live.CallbackAfterUpdateRoomInfo":              roomEvent,
	"Live.CallbackAfterSetMetadata":                 roomEvent,
	"Live.CallbackAfterDelMetadata":                 roomEvent,
	"Live.CallbackAfterModifyAdmin":                 roomEvent,
	"Mic.CallbackAfterSeatInfoChanged":              roomEvent,
	"Live.CallbackAfterCreateRoomReachingThreshold": roomOnly,
	"Live.CallbackAfterCloudRecordingChanged":       roomOnly,
	"Live.CallbackAfterMemberStateChanged": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"RoomId", e.id()},
			{"EventType", "Online"},
			{"EventCause", "Enter"},
			{"MemberList", []object{{{"Member_Account", e.of("user1")}}}},
			{"EventTime", e.ms()},
		}
	},
	"Live.CallbackAfterChangeOwner": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"RoomId", e.id()},
			{"EventTime", e.ms()},
			{"Operator_Account", e.of("admin")},
			{"CurrentOwner_Account", e.of("user2")},
			{"OriginalOwner_Account", e.of("user1")},
		}
	},
	"Live.CallbackAfterCreateBattle": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"Operator_Account", e.of("user1")},
			{"BattleId", e.id()},
			{"FromRoomId", e.of("room1")},
			{"ToRoomIdList", e.list("room2")},
			{"Timeout", 30000},
			{"Duration", 60000},
			{"NeedResponse", false},
			{"ExtensionInfo", ""},
			{"EventTime", e.ms()},
		}
	},
	"Live.CallbackAfterStartBattle": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"BattleId", e.id()},
			{"Duration", 60000},
			{"CreateTime", e.sec(0)},
			{"StartTime", e.sec(0)},
			{"FromRoomInfo", object{{"RoomId", e.of("room1")}, {"Owner_Account", e.of("user1")}}},
			{"ToRoomList", []object{{{"RoomId", e.of("room2")}, {"Owner_Account", e.of("user2")}}}},
			{"EventTime", e.ms()},
		}
	},
	"Live.CallbackAfterEndBattle": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"BattleId", e.id()},
			{"Duration", 60000},
			{"CreateTime", e.sec(-60)},
			{"StartTime", e.sec(-60)},
			{"EndTime", e.sec(0)},
			{"OpType", 0},
			{"FromRoomInfo", object{{"RoomId", e.of("room1")}, {"Score", 0}, {"Owner_Account", e.of("user1")}}},
			{"ToRoomList", []object{{{"RoomId", e.of("room2")}, {"Score", 0}, {"Owner_Account", e.of("user2")}}}},
			{"EventTime", e.ms()},
		}
	},
	GiftPreCheck: func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"Operator_Account", e.of("admin")},
			{"RoomId", e.id()},
			{"GiftWater", object{
				{"From_Account", e.of("user1")}, {"To_Account", e.list("user2")}, {"Time", e.sec(0)},
				{"GiftId", e.of("gift1")}, {"Count", 1}, {"Coins", 1000},
			}},
		}
	},
	// Live's messages are Chat's group messages, the room being the group.
	"Group.CallbackBeforeSendMsg": message,
	"Group.CallbackAfterSendMsg":  message,
	"Follow.CallbackAfterFollowAdd": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"From_Account", e.of("user1")},
			{"FollowList", []object{{{"To_Account", e.of("user2")}}}},
			{"EventTime", e.ms()},
		}
	},
	// Shaped like its sibling, the add: who unfollowed whom.
	"Follow.CallbackAfterFollowDelete": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"From_Account", e.of("user1")},
			{"FollowList", []object{{{"To_Account", e.of("user2")}}}},
			{"EventTime", e.ms()},
		}
	},

	"Room.CallbackAfterCreateRoom": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"Operator_Account", e.of("admin")},
			{"EventTime", e.ms()},
			{"RoomInfo", object{
				{"RoomId", e.id()}, {"RoomName", e.id()}, {"RoomType", "Meeting"}, {"Owner_Account", e.of("user3")},
				{"MaxMemberCount", 300}, {"MaxSeatCount", 16}, {"RoomStatus", "Running"}, {"IsSeatEnabled", true},
				{"TakeSeatMode", "ApplyToTake"}, {"CreateTime", e.sec(0)},
			}},
			{"ScheduleInviteeList_Account", e.list("user2")},
		}
	},
	"Room.CallbackAfterDestroyRoom":    roomEvent,
	"Room.CallbackAfterUpdateRoomInfo": roomEvent,
	"Room.CallbackAfterMemberEnter":    members("Enter", 1),
	"Room.CallbackAfterMemberLeave":    members("Leave", 0),

	"Call.CallbackAfterStartCall": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"EventTime", e.ms()},
			{"CallInfo", object{
				{"CallId", e.id()}, {"MediaType", "Audio"}, {"ChatGroupId", ""}, {"RoomId", ""}, {"RoomIdType", 1},
			}},
			{"UserList", []object{
				{{"User_Account", e.of("user1")}, {"Status", "Calling"}},
				{{"User_Account", e.of("user2")}, {"Status", "Waiting"}},
			}},
		}
	},
	"Call.CallbackAfterEndCall": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"CallRecord", object{
				{"CallId", e.id()}, {"Caller_Account", e.of("user1")}, {"MediaType", "Audio"}, {"CallType", "SingleCall"},
				{"StartTime", e.sec(-60)}, {"EndTime", e.sec(0)}, {"AcceptTime", e.sec(-55)}, {"CallResult", "Hangup"},
				{"CalleeList_Account", e.list("user2")}, {"RoomId", ""}, {"RoomIdType", 1},
			}},
			{"EventTime", e.ms()},
		}
	},
	"Call.CallbackAfterMemberChanged": func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"CallId", e.id()},
			{"UserList", []object{
				{{"User_Account", e.of("user1")}, {"Status", "Calling"}},
				{{"User_Account", e.of("user2")}, {"Status", "Calling"}},
			}},
			{"ChangedUserList", []object{{{"User_Account", e.of("user2")}, {"ActionType", "Accept"}}}},
			{"EventTime", e.ms()},
		}
	},
}

// builder makes the body of one word's events.
type builder = func(word string, e ids) object

// roomEvent is an event that names a room and who acted on it.
func roomEvent(word string, e ids) object {
	return object{{"CallbackCommand", word}, {"Operator_Account", e.of("admin")}, {"RoomId", e.id()}, {"EventTime", e.ms()}}
}

// roomOnly is an event that names a room and no account.
func roomOnly(word string, e ids) object {
	return object{{"CallbackCommand", word}, {"RoomId", e.id()}, {"EventTime", e.ms()}}
}

// members is a Conference member entering or leaving.
func members(kind string, count int) builder {
	return func(word string, e ids) object {
		return object{
			{"CallbackCommand", word},
			{"Operator_Account", e.of("user1")},
			{"RoomId", e.id()},
			{"MemberCount", count},
			{"Type", kind},
			{"MemberList_Account", e.list("user1")},
			{"EventTime", e.ms()},
		}
	}
}

// message is a Chat group message, as Chat's message events carry one.
func message(word string, e ids) object {
	return object{
		{"CallbackCommand", word},
		{"GroupId", e.id()},
		{"From_Account", e.of("user1")},
		{"Operator_Account", e.of("user1")},
		{"Random", 1},
		{"MsgTime", e.sec(0)},
		{"MsgBody", []object{{
			{"MsgType", "TIMTextElem"},
			{"MsgContent", object{{"Text", "terraform test message"}}},
		}}},
		{"EventTime", e.ms()},
	}
}

// field is one member of an object.
type field struct {
	key   string
	value any
}

// object is a JSON object whose members keep their order, so bodies read
// like the documented samples.
type object []field

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(f.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func mustJSON(o object) []byte {
	b, err := json.Marshal(o)
	if err != nil {
		// Only our own values are marshalled: a failure is a bug here.
		panic("delivery: encoding a body: " + err.Error())
	}
	return b
}
