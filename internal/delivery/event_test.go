package delivery

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

var eventTime = time.UnixMilli(1703589922780)

// The four samples of docs/development/trtc-api.md §7, with test IDs and the
// event's own time; Call's media type follows the page's table.
func TestTestEventSamples(t *testing.T) {
	for _, c := range []struct {
		p    Product
		word string
		want string
	}{
		{Live, "Live.CallbackAfterCreateRoom", `{"CallbackCommand":"Live.CallbackAfterCreateRoom","Operator_Account":"terraform-test-0a1b2c3d-admin","EventTime":1703589922780,` +
			`"RoomInfo":{"RoomId":"terraform-test-0a1b2c3d","RoomName":"terraform-test-0a1b2c3d","RoomType":"Live","Owner_Account":"terraform-test-0a1b2c3d-user3","MaxMemberCount":300,` +
			`"IsMessageDisabled":true,"CustomInfo":"","IsSeatEnabled":true,"TakeSeatMode":"ApplyToTake","MaxSeatCount":16,"CreateTime":1703589922,"IsPublicVisible":true,"CoverURL":"","Category":[1,2]}}`},
		{Live, GiftPreCheck, `{"CallbackCommand":"Live.CallbackBeforeSendGift","Operator_Account":"terraform-test-0a1b2c3d-admin","RoomId":"terraform-test-0a1b2c3d",` +
			`"GiftWater":{"From_Account":"terraform-test-0a1b2c3d-user1","To_Account":["terraform-test-0a1b2c3d-user2"],"Time":1703589922,"GiftId":"terraform-test-0a1b2c3d-gift1","Count":1,"Coins":1000}}`},
		{Room, "Room.CallbackAfterCreateRoom", `{"CallbackCommand":"Room.CallbackAfterCreateRoom","Operator_Account":"terraform-test-0a1b2c3d-admin","EventTime":1703589922780,` +
			`"RoomInfo":{"RoomId":"terraform-test-0a1b2c3d","RoomName":"terraform-test-0a1b2c3d","RoomType":"Meeting","Owner_Account":"terraform-test-0a1b2c3d-user3","MaxMemberCount":300,` +
			`"MaxSeatCount":16,"RoomStatus":"Running","IsSeatEnabled":true,"TakeSeatMode":"ApplyToTake","CreateTime":1703589922},"ScheduleInviteeList_Account":["terraform-test-0a1b2c3d-user2"]}`},
		{Call, "Call.CallbackAfterStartCall", `{"CallbackCommand":"Call.CallbackAfterStartCall","EventTime":1703589922780,` +
			`"CallInfo":{"CallId":"terraform-test-0a1b2c3d","MediaType":"Audio","ChatGroupId":"","RoomId":"","RoomIdType":1},` +
			`"UserList":[{"User_Account":"terraform-test-0a1b2c3d-user1","Status":"Calling"},{"User_Account":"terraform-test-0a1b2c3d-user2","Status":"Waiting"}]}`},
	} {
		d, err := testEvent(c.p, c.word, eventTime, "0a1b2c3d")
		if err != nil {
			t.Fatal(err)
		}
		if string(d.Body) != c.want {
			t.Errorf("%s:\n%s\nwant\n%s", c.word, d.Body, c.want)
		}
		if d.Command != c.word || d.Product != c.p {
			t.Errorf("%s: %+v", c.word, d)
		}
	}
}

var testID = regexp.MustCompile(`^terraform-test-[0-9a-f]{8}(-[a-z0-9]+)?$`)

// Every documented event of every product: a JSON object naming its word,
// the time of the event, and IDs that say it is a test.
func TestTestEventEveryWord(t *testing.T) {
	now := time.Now()
	for _, p := range Products() {
		for _, word := range p.Words() {
			if !p.IsEvent(word) {
				continue
			}
			d, err := TestEvent(p, word, now)
			if err != nil {
				t.Fatalf("%v %s: %v", p, word, err)
			}
			var body map[string]any
			if err := json.Unmarshal(d.Body, &body); err != nil {
				t.Fatalf("%v %s: %v", p, word, err)
			}
			if body["CallbackCommand"] != word {
				t.Errorf("%v %s: CallbackCommand %v", p, word, body["CallbackCommand"])
			}
			if word != GiftPreCheck && body["EventTime"] != float64(now.UnixMilli()) {
				t.Errorf("%v %s: EventTime %v, want %d ms", p, word, body["EventTime"], now.UnixMilli())
			}
			if len(body) < 3 {
				t.Errorf("%v %s: %s names nothing", p, word, d.Body)
			}
			ids := 0
			walk(body, func(key string, v any) {
				s, isString := v.(string)
				if !isString || !(strings.HasSuffix(key, "Id") || strings.HasSuffix(key, "_Account") || strings.HasSuffix(key, "IdList")) || s == "" {
					return
				}
				ids++
				if !testID.MatchString(s) {
					t.Errorf("%v %s: %s = %q is not a test ID", p, word, key, s)
				}
			})
			if ids == 0 {
				t.Errorf("%v %s: no IDs in %s", p, word, d.Body)
			}
		}
	}
}

// walk calls f on every member of v, arrays' elements under their key.
func walk(v any, f func(key string, v any)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			f(k, x)
			if list, isList := x.([]any); isList {
				for _, e := range list {
					f(k, e)
					walk(e, f)
				}
			} else {
				walk(x, f)
			}
		}
	}
}

func TestTestEventIDsDiffer(t *testing.T) {
	a, _ := TestEvent(Call, "Call.CallbackAfterEndCall", eventTime)
	b, _ := TestEvent(Call, "Call.CallbackAfterEndCall", eventTime)
	if string(a.Body) == string(b.Body) {
		t.Fatal("two test events share their IDs")
	}
}

func TestTestEventOtherWords(t *testing.T) {
	// A well-formed word nobody documents yet: a minimal body.
	d, err := testEvent(Live, "Live.CallbackAfterSomethingNew", eventTime, "0a1b2c3d")
	if err != nil || string(d.Body) != `{"CallbackCommand":"Live.CallbackAfterSomethingNew","EventTime":1703589922780}` {
		t.Fatalf("%s, %v", d.Body, err)
	}
	// Room's older spelling is not in the current list.
	if d, err := TestEvent(Room, "Room.CallbackUpdateRoomInfo", eventTime); err != nil || !strings.Contains(string(d.Body), `"EventTime"`) {
		t.Errorf("%s, %v", d.Body, err)
	}
	// Mic. is Live's and Room's.
	for _, p := range []Product{Live, Room} {
		if _, err := TestEvent(p, "Mic.CallbackAfterSeatInfoChanged", eventTime); err != nil {
			t.Errorf("%v: %v", p, err)
		}
	}
	// The probe word is the probe.
	if d, err := TestEvent(Room, Room.ProbeWord(), eventTime); err != nil || string(d.Body) != string(Probe(Room, eventTime).Body) {
		t.Errorf("probe: %s, %v", d.Body, err)
	}
	for word, has := range map[string]string{
		GiftNotBlock:                    "behaviour flag, not an event",
		"Call.CallbackAfterStartCall":   "is a Call word, not a Live one",
		"Room.CallbackAfterMemberEnter": "is a Room word, not a Live one",
		"":                              "not a command word",
		"live.CallbackAfterCreateRoom":  "not a command word",
		"Live.AfterCreateRoom":          "not a command word",
		"Live.Callback After":           "not a command word",
	} {
		if _, err := TestEvent(Live, word, eventTime); err == nil || !strings.Contains(err.Error(), has) {
			t.Errorf("%q: %v, want %q", word, err, has)
		}
	}
	if _, err := TestEvent(Product(9), "Live.CallbackAfterCreateRoom", eventTime); err == nil {
		t.Error("unknown product accepted")
	}
}

func TestProbeBody(t *testing.T) {
	for _, p := range Products() {
		d := Probe(p, eventTime)
		want := `{"CallbackCommand":"` + p.Prefix() + `.CallbackTerraformProbe","EventTime":1703589922780}`
		if string(d.Body) != want || d.Command != p.ProbeWord() || d.Product != p {
			t.Errorf("%v: %+v", p, d)
		}
	}
}
