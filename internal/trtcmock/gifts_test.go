package trtcmock_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// gift sends a correctly signed live_engine_http_srv request.
func (h *harness) gift(command, body string) result {
	h.t.Helper()
	return h.call(trtcmock.ServiceGift, command, body)
}

// giftAs sends a live_engine_http_srv request as another app.
func (h *harness) giftAs(app uint64, key, command, body string) result {
	h.t.Helper()
	q := validQuery(h.t)
	q.Set("sdkappid", strconv.FormatUint(app, 10))
	q.Set("usersig", sig(h.t, key, app, mocktest.Admin))
	return h.raw(http.MethodPost, "/v4/"+trtcmock.ServiceGift+"/"+command, q, body)
}

func mustOK(t *testing.T, r result) result {
	t.Helper()
	wantCode(t, r, 0, "")
	return r
}

// jsonOf encodes a body for a test request.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// members decodes an answer's top-level members.
func members(t *testing.T, r result) map[string]json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(r.raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// payloadMember decodes member name of r's payload into v: beside
// ErrorCode, or under Response when under is set; it fails when the
// member is in the other place.
func payloadMember(t *testing.T, r result, under bool, name string, v any) {
	t.Helper()
	top := members(t, r)
	var resp map[string]json.RawMessage
	if len(r.Response) > 0 {
		if err := json.Unmarshal(r.Response, &resp); err != nil {
			t.Fatalf("Response %s: %v", r.Response, err)
		}
	}
	here, there := top, resp
	if under {
		here, there = resp, top
	}
	raw, found := here[name]
	if !found {
		t.Fatalf("no %s where expected (under Response: %v): %s", name, under, r.raw)
	}
	if _, also := there[name]; also {
		t.Fatalf("%s answered in both places: %s", name, r.raw)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s %s: %v", name, raw, err)
	}
}

// relation is a Relation answer.
type relation struct {
	CategoryId string
	GiftIdList []string
}

const (
	roseBody = `{"GiftId":"rose","DefaultName":"Rose","Coins":10}`
	lilyBody = `{"GiftId":"lily","DefaultName":"Lily","Coins":20}`
	hotBody  = `{"CategoryId":"hot","DefaultName":"Hot"}`
	coldBody = `{"CategoryId":"cold","DefaultName":"Cold"}`
)

// Every documented limit answers 100002 naming the field; the limit
// itself is accepted. Lengths are bytes: 7 × 礼 is 21.
func TestGiftValidation(t *testing.T) {
	t.Parallel()
	a := strings.Repeat
	gift := func(edit map[string]any) map[string]any {
		m := map[string]any{"GiftId": "rose", "DefaultName": "Rose", "Coins": 10}
		for k, v := range edit {
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	category := func(edit map[string]any) map[string]any {
		m := map[string]any{"CategoryId": "hot", "DefaultName": "Hot"}
		for k, v := range edit {
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	cases := []struct {
		name, command string
		body          any // a map, or a string sent as is
		field         string
		ok            bool
	}{
		{"GiftId missing", "add_gift", gift(map[string]any{"GiftId": nil}), "GiftId", false},
		{"GiftId empty", "add_gift", gift(map[string]any{"GiftId": ""}), "GiftId", false},
		{"GiftId 21 bytes", "add_gift", gift(map[string]any{"GiftId": a("g", 21)}), "GiftId", false},
		{"GiftId 21 bytes in 7 runes", "add_gift", gift(map[string]any{"GiftId": a("礼", 7)}), "GiftId", false},
		{"GiftId 20 bytes", "add_gift", gift(map[string]any{"GiftId": a("g", 20)}), "", true},
		{"GiftId not a string", "add_gift", `{"GiftId":7,"DefaultName":"Rose","Coins":10}`, "GiftId", false},
		{"GiftId null", "add_gift", `{"GiftId":null,"DefaultName":"Rose","Coins":10}`, "GiftId", false},
		{"DefaultName missing", "add_gift", gift(map[string]any{"DefaultName": nil}), "DefaultName", false},
		{"DefaultName 21 bytes", "add_gift", gift(map[string]any{"DefaultName": a("n", 21)}), "DefaultName", false},
		{"DefaultName 20 bytes", "add_gift", gift(map[string]any{"DefaultName": a("n", 20)}), "", true},
		{"DefaultDesc 21 bytes", "add_gift", gift(map[string]any{"DefaultDesc": a("d", 21)}), "DefaultDesc", false},
		{"DefaultDesc 20 bytes", "add_gift", gift(map[string]any{"DefaultDesc": a("d", 20)}), "", true},
		{"IconUrl 201 bytes", "add_gift", gift(map[string]any{"IconUrl": "https://" + a("i", 193)}), "IconUrl", false},
		{"IconUrl 200 bytes", "add_gift", gift(map[string]any{"IconUrl": "https://" + a("i", 192)}), "", true},
		{"ResourceUrl 201 bytes", "add_gift", gift(map[string]any{"ResourceUrl": a("r", 201)}), "ResourceUrl", false},
		{"ExtensionInfo 101 bytes", "add_gift", gift(map[string]any{"ExtensionInfo": a("e", 101)}), "ExtensionInfo", false},
		{"ExtensionInfo 100 bytes", "add_gift", gift(map[string]any{"ExtensionInfo": a("e", 100)}), "", true},
		{"Coins missing", "add_gift", gift(map[string]any{"Coins": nil}), "Coins", false},
		{"Coins fraction", "add_gift", gift(map[string]any{"Coins": 1.5}), "Coins", false},
		{"Coins string", "add_gift", gift(map[string]any{"Coins": "10"}), "Coins", false},
		{"Coins exponent", "add_gift", `{"GiftId":"rose","DefaultName":"Rose","Coins":1e2}`, "Coins", false},
		{"Coins zero", "add_gift", gift(map[string]any{"Coins": 0}), "", true},
		{"Level fraction", "add_gift", gift(map[string]any{"Level": 2.5}), "Level", false},
		{"edit_gift checks like add_gift", "edit_gift", gift(map[string]any{"DefaultDesc": a("d", 21)}), "DefaultDesc", false},
		{"CategoryId missing", "add_gift_category", category(map[string]any{"CategoryId": nil}), "CategoryId", false},
		{"CategoryId 21 bytes", "add_gift_category", category(map[string]any{"CategoryId": a("c", 21)}), "CategoryId", false},
		{"category DefaultName missing", "add_gift_category", category(map[string]any{"DefaultName": nil}), "DefaultName", false},
		{"category DefaultName 21 bytes", "add_gift_category", category(map[string]any{"DefaultName": a("n", 21)}), "DefaultName", false},
		{"category DefaultDesc 61 bytes", "add_gift_category", category(map[string]any{"DefaultDesc": a("d", 61)}), "DefaultDesc", false},
		{"category DefaultDesc 60 bytes", "add_gift_category", category(map[string]any{"DefaultDesc": a("d", 60)}), "", true},
		{"category ExtensionInfo 101 bytes", "add_gift_category", category(map[string]any{"ExtensionInfo": a("e", 101)}), "ExtensionInfo", false},
		{"get_gift without GiftId", "get_gift", `{}`, "GiftId", false},
		{"del_gift_category without CategoryId", "del_gift_category", `{}`, "CategoryId", false},
		{"Language unknown", "set_gift_language", `{"GiftId":"rose","Language":"fr","Name":"Rose"}`, "Language", false},
		{"Language missing", "get_gift_language", `{"GiftId":"rose"}`, "Language", false},
		{"language Name 21 bytes", "set_gift_language", `{"GiftId":"rose","Language":"en","Name":"` + a("n", 21) + `"}`, "Name", false},
		{"language Name empty", "set_gift_language", `{"GiftId":"rose","Language":"en","Name":""}`, "Name", false},
		{"language Desc 21 bytes", "set_gift_language", `{"GiftId":"rose","Language":"en","Name":"R","Desc":"` + a("d", 21) + `"}`, "Desc", false},
		{"category language CategoryDesc 61 bytes", "set_gift_category_language", `{"CategoryId":"hot","Language":"zh-Hant","CategoryName":"H","CategoryDesc":"` + a("d", 61) + `"}`, "CategoryDesc", false},
		{"category language CategoryDesc 60 bytes", "set_gift_category_language", `{"CategoryId":"hot","Language":"zh-Hant","CategoryName":"H","CategoryDesc":"` + a("d", 60) + `"}`, "", true},
		{"GiftIdList missing", "add_gift_category_relations", `{"CategoryId":"hot"}`, "GiftIdList", false},
		{"GiftIdList not an array", "add_gift_category_relations", `{"CategoryId":"hot","GiftIdList":"rose"}`, "GiftIdList", false},
		{"GiftIdList empty", "del_gift_category_relations", `{"CategoryId":"hot","GiftIdList":[]}`, "GiftIdList", false},
		{"GiftIdList of numbers", "add_gift_category_relations", `{"CategoryId":"hot","GiftIdList":[1]}`, "GiftIdList", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, trtcmock.Options{})
			h.srv.PutGift(mocktest.AppID, trtcmock.Gift{ID: "rose", Name: "Rose", Coins: 1})
			h.srv.PutGiftCategory(mocktest.AppID, trtcmock.GiftCategory{ID: "hot", Name: "Hot"})
			if c.ok && strings.HasPrefix(c.command, "add_") {
				h.srv.DeleteGift(mocktest.AppID, "rose")
				h.srv.DeleteGiftCategory(mocktest.AppID, "hot")
			}
			body, isString := c.body.(string)
			if !isString {
				body = jsonOf(t, c.body)
			}
			if c.ok {
				wantCode(t, h.gift(c.command, body), 0, "")
				return
			}
			before := h.srv.Catalogue(mocktest.AppID)
			r := h.gift(c.command, body)
			wantCode(t, r, 100002, c.field)
			if after := h.srv.Catalogue(mocktest.AppID); !reflect.DeepEqual(before, after) {
				t.Errorf("a refused %s changed the catalogue: %+v", c.command, after)
			}
		})
	}
}

// add_* of an existing ID answers 100003; commands on a missing object
// answer 100004 (both the mock's choice); del_gift_category of a missing
// category succeeds (documented).
func TestGiftExistence(t *testing.T) {
	t.Parallel()
	h := newHarness(t, trtcmock.Options{})
	mustOK(t, h.gift("add_gift", roseBody))
	mustOK(t, h.gift("add_gift_category", hotBody))
	cases := []struct {
		command, body string
		code          int
		info          string
	}{
		{"add_gift", `{"GiftId":"rose","DefaultName":"Other","Coins":1}`, 100003, "already exists"},
		{"add_gift_category", `{"CategoryId":"hot","DefaultName":"Other"}`, 100003, "already exists"},
		{"get_gift", `{"GiftId":"tulip"}`, 100004, "does not exist"},
		{"edit_gift", `{"GiftId":"tulip","DefaultName":"Tulip","Coins":1}`, 100004, "does not exist"},
		{"del_gift", `{"GiftId":"tulip"}`, 100004, "does not exist"},
		{"set_gift_language", `{"GiftId":"tulip","Language":"en","Name":"Tulip"}`, 100004, "does not exist"},
		{"get_gift_language", `{"GiftId":"tulip","Language":"en"}`, 100004, "does not exist"},
		{"del_gift_language", `{"GiftId":"tulip","Language":"en"}`, 100004, "does not exist"},
		{"get_gift_language", `{"GiftId":"rose","Language":"en"}`, 100004, "no en language"},
		{"del_gift_language", `{"GiftId":"rose","Language":"zh-Hans"}`, 100004, "no zh-Hans language"},
		{"get_gift_category", `{"CategoryId":"cold"}`, 100004, "does not exist"},
		{"edit_gift_category", `{"CategoryId":"cold","DefaultName":"Cold"}`, 100004, "does not exist"},
		{"del_gift_category", `{"CategoryId":"cold"}`, 0, ""},
		{"set_gift_category_language", `{"CategoryId":"cold","Language":"en","CategoryName":"Cold"}`, 100004, "does not exist"},
		{"get_gift_category_language", `{"CategoryId":"cold","Language":"en"}`, 100004, "does not exist"},
		{"get_gift_category_language", `{"CategoryId":"hot","Language":"en"}`, 100004, "no en language"},
		{"del_gift_category_language", `{"CategoryId":"cold","Language":"en"}`, 100004, "does not exist"},
		{"add_gift_category_relations", `{"CategoryId":"cold","GiftIdList":["rose"]}`, 100004, "does not exist"},
		{"del_gift_category_relations", `{"CategoryId":"cold","GiftIdList":["rose"]}`, 100004, "does not exist"},
		{"get_gift_category_relations", `{"CategoryId":"cold"}`, 100004, "does not exist"},
	}
	for _, c := range cases {
		r := h.gift(c.command, c.body)
		if r.ErrorCode != c.code || !strings.Contains(r.ErrorInfo, c.info) {
			t.Errorf("%s %s: %d %q, want %d %q", c.command, c.body, r.ErrorCode, r.ErrorInfo, c.code, c.info)
		}
	}
	cat := h.srv.Catalogue(mocktest.AppID)
	if len(cat.Gifts) != 1 || cat.Gifts[0].Name != "Rose" || len(cat.Categories) != 1 || cat.Categories[0].Name != "Hot" {
		t.Errorf("refused commands changed the catalogue: %+v", cat)
	}
	for _, r := range mocktest.Requests(h.srv, trtcmock.ServiceGift, "del_gift_category") {
		if r.Applied {
			t.Error("deleting a missing category counts as applied")
		}
	}
}

// add_gift and get_gift round-trip every field; edit_gift replaces the
// gift, resetting what it does not send (the mock's choice).
func TestGiftAddGetEdit(t *testing.T) {
	t.Parallel()
	for _, under := range []bool{false, true} {
		h := newHarness(t, trtcmock.Options{GiftPayloadUnderResponse: under})
		full := trtcmock.Gift{ID: "rose", IconURL: "https://cdn.example.com/rose.png", ResourceURL: "https://cdn.example.com/rose.svga",
			Coins: 99, Level: 2, ExtensionInfo: `{"tag":"love"}`, Name: "Rose", Description: "A red rose"}
		mustOK(t, h.gift("add_gift", jsonOf(t, full)))
		var got trtcmock.Gift
		payloadMember(t, mustOK(t, h.gift("get_gift", `{"GiftId":"rose"}`)), under, "GiftInfo", &got)
		if got != full {
			t.Errorf("get_gift = %+v, want %+v", got, full)
		}
		mustOK(t, h.gift("edit_gift", `{"GiftId":"rose","DefaultName":"Big rose","Coins":100}`))
		payloadMember(t, mustOK(t, h.gift("get_gift", `{"GiftId":"rose"}`)), under, "GiftInfo", &got)
		if want := (trtcmock.Gift{ID: "rose", Name: "Big rose", Coins: 100}); got != want {
			t.Errorf("after edit_gift, get_gift = %+v, want %+v", got, want)
		}

		cat := trtcmock.GiftCategory{ID: "hot", ExtensionInfo: "x", Name: "Hot", Description: "Most sent"}
		mustOK(t, h.gift("add_gift_category", jsonOf(t, cat)))
		var gotCat trtcmock.GiftCategory
		payloadMember(t, mustOK(t, h.gift("get_gift_category", `{"CategoryId":"hot"}`)), under, "GiftCategoryInfo", &gotCat)
		if gotCat != cat {
			t.Errorf("get_gift_category = %+v, want %+v", gotCat, cat)
		}
		mustOK(t, h.gift("edit_gift_category", `{"CategoryId":"hot","DefaultName":"Hottest"}`))
		payloadMember(t, mustOK(t, h.gift("get_gift_category", `{"CategoryId":"hot"}`)), under, "GiftCategoryInfo", &gotCat)
		if want := (trtcmock.GiftCategory{ID: "hot", Name: "Hottest"}); gotCat != want {
			t.Errorf("after edit_gift_category = %+v, want %+v", gotCat, want)
		}
	}
}

// del_gift takes the gift's language rows and relations with it; a gift
// added again under the same ID starts bare.
func TestGiftDeleteCascades(t *testing.T) {
	t.Parallel()
	h := newHarness(t, trtcmock.Options{})
	mustOK(t, h.gift("add_gift", roseBody))
	mustOK(t, h.gift("add_gift", lilyBody))
	mustOK(t, h.gift("add_gift_category", hotBody))
	mustOK(t, h.gift("add_gift_category", coldBody))
	mustOK(t, h.gift("set_gift_language", `{"GiftId":"rose","Language":"en","Name":"Rose"}`))
	mustOK(t, h.gift("set_gift_language", `{"GiftId":"rose","Language":"zh-Hans","Name":"玫瑰"}`))
	mustOK(t, h.gift("add_gift_category_relations", `{"CategoryId":"hot","GiftIdList":["rose","lily"]}`))
	mustOK(t, h.gift("add_gift_category_relations", `{"CategoryId":"cold","GiftIdList":["rose"]}`))

	mustOK(t, h.gift("del_gift", `{"GiftId":"rose"}`))
	cat := h.srv.Catalogue(mocktest.AppID)
	if len(cat.Gifts) != 1 || cat.Gifts[0].ID != "lily" {
		t.Errorf("gifts %+v", cat.Gifts)
	}
	if _, found := cat.GiftLanguages["rose"]; found {
		t.Errorf("rose's language rows survived: %v", cat.GiftLanguages)
	}
	if want := map[string][]string{"hot": {"lily"}}; !reflect.DeepEqual(cat.Relations, want) {
		t.Errorf("relations %v, want %v", cat.Relations, want)
	}
	mustOK(t, h.gift("add_gift", roseBody))
	wantCode(t, h.gift("get_gift_language", `{"GiftId":"rose","Language":"en"}`), 100004, "")
	var rel relation
	payloadMember(t, h.gift("get_gift_category_relations", `{"CategoryId":"cold"}`), false, "Relation", &rel)
	if rel.CategoryId != "cold" || rel.GiftIdList == nil || len(rel.GiftIdList) != 0 {
		t.Errorf("cold's relations after rose came back: %+v", rel)
	}
}

// del_gift_category takes its language rows and relations with it, and
// leaves the gifts.
func TestGiftCategoryDeleteCascades(t *testing.T) {
	t.Parallel()
	h := newHarness(t, trtcmock.Options{})
	mustOK(t, h.gift("add_gift", roseBody))
	mustOK(t, h.gift("add_gift_category", hotBody))
	mustOK(t, h.gift("set_gift_category_language", `{"CategoryId":"hot","Language":"zh-Hant","CategoryName":"熱門"}`))
	mustOK(t, h.gift("add_gift_category_relations", `{"CategoryId":"hot","GiftIdList":["rose"]}`))
	mustOK(t, h.gift("del_gift_category", `{"CategoryId":"hot"}`))
	cat := h.srv.Catalogue(mocktest.AppID)
	if len(cat.Categories) != 0 || len(cat.CategoryLanguages) != 0 || len(cat.Relations) != 0 || len(cat.Gifts) != 1 {
		t.Errorf("after del_gift_category: %+v", cat)
	}
	mustOK(t, h.gift("add_gift_category", hotBody))
	wantCode(t, h.gift("get_gift_category_language", `{"CategoryId":"hot","Language":"zh-Hant"}`), 100004, "")
	if rel := h.srv.Catalogue(mocktest.AppID).Relations["hot"]; len(rel) != 0 {
		t.Errorf("hot came back with gifts %v", rel)
	}
}

// add_gift_category_relations adds, never replaces, and names the IDs
// that are not gifts; del removes only those listed.
func TestGiftRelations(t *testing.T) {
	t.Parallel()
	h := newHarness(t, trtcmock.Options{})
	mustOK(t, h.gift("add_gift", roseBody))
	mustOK(t, h.gift("add_gift", lilyBody))
	mustOK(t, h.gift("add_gift_category", hotBody))
	var invalid []string
	payloadMember(t, mustOK(t, h.gift("add_gift_category_relations", `{"CategoryId":"hot","GiftIdList":["rose"]}`)), false, "InvalidGiftIdList", &invalid)
	if invalid == nil || len(invalid) != 0 {
		t.Errorf("InvalidGiftIdList = %#v, want []", invalid)
	}
	payloadMember(t, mustOK(t, h.gift("add_gift_category_relations", `{"CategoryId":"hot","GiftIdList":["lily","tulip","rose","tulip"]}`)), false, "InvalidGiftIdList", &invalid)
	if !slices.Equal(invalid, []string{"tulip"}) {
		t.Errorf("InvalidGiftIdList = %v, want [tulip]", invalid)
	}
	var rel relation
	payloadMember(t, mustOK(t, h.gift("get_gift_category_relations", `{"CategoryId":"hot"}`)), false, "Relation", &rel)
	if rel.CategoryId != "hot" || !slices.Equal(rel.GiftIdList, []string{"rose", "lily"}) {
		t.Errorf("Relation = %+v, want hot [rose lily]", rel)
	}
	mustOK(t, h.gift("del_gift_category_relations", `{"CategoryId":"hot","GiftIdList":["rose","tulip"]}`))
	if got := h.srv.Catalogue(mocktest.AppID).Relations["hot"]; !slices.Equal(got, []string{"lily"}) {
		t.Errorf("after del: %v", got)
	}
	applied := []bool{}
	for _, r := range mocktest.Requests(h.srv, trtcmock.ServiceGift, "add_gift_category_relations") {
		applied = append(applied, r.Applied)
	}
	if !slices.Equal(applied, []bool{true, true}) {
		t.Errorf("Applied = %v", applied)
	}
	// Adding only what is there already changes nothing.
	mustOK(t, h.gift("add_gift_category_relations", `{"CategoryId":"hot","GiftIdList":["lily"]}`))
	if r := mocktest.Requests(h.srv, trtcmock.ServiceGift, "add_gift_category_relations"); r[len(r)-1].Applied {
		t.Error("adding an existing relation counts as applied")
	}
}

// set_*_language needs the name the first time; later calls change only
// the fields they send.
func TestGiftLanguagePartialUpdates(t *testing.T) {
	t.Parallel()
	kinds := []struct {
		name, add, set, get, id, nameField, descField, answerKey string
	}{
		{"gift", roseBody, "set_gift_language", "get_gift_language", `"GiftId":"rose"`, "Name", "Desc", "GiftInfo"},
		{"category", hotBody, "set_gift_category_language", "get_gift_category_language", `"CategoryId":"hot"`, "CategoryName", "CategoryDesc", "CategoryInfo"},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			for _, under := range []bool{false, true} {
				h := newHarness(t, trtcmock.Options{GiftPayloadUnderResponse: under})
				addCommand := "add_gift"
				if k.name == "category" {
					addCommand = "add_gift_category"
				}
				mustOK(t, h.gift(addCommand, k.add))
				body := func(fields string) string { return `{` + k.id + `,"Language":"en"` + fields + `}` }
				read := func() map[string]string {
					var text map[string]string
					key := k.answerKey
					if under {
						key = "Language"
					}
					payloadMember(t, mustOK(t, h.gift(k.get, body(""))), under, key, &text)
					return text
				}
				wantCode(t, h.gift(k.set, body(`,"`+k.descField+`":"Red"`)), 100002, k.nameField+" is required the first time")
				mustOK(t, h.gift(k.set, body(`,"`+k.nameField+`":"Rose"`)))
				if got := read(); got[k.nameField] != "Rose" || got[k.descField] != "" {
					t.Errorf("after the first set: %v", got)
				}
				mustOK(t, h.gift(k.set, body(`,"`+k.descField+`":"Red"`)))
				if got := read(); got[k.nameField] != "Rose" || got[k.descField] != "Red" {
					t.Errorf("a set of the description alone: %v", got)
				}
				mustOK(t, h.gift(k.set, body(`,"`+k.nameField+`":"Big rose"`)))
				if got := read(); got[k.nameField] != "Big rose" || got[k.descField] != "Red" {
					t.Errorf("a set of the name alone: %v", got)
				}
				wantCode(t, h.gift(k.set, body("")), 100002, "is required")
				// Another language is a row of its own.
				wantCode(t, h.gift(k.set, `{`+k.id+`,"Language":"zh-Hans","`+k.descField+`":"红"}`), 100002, "first time")
				mustOK(t, h.gift(k.set, `{`+k.id+`,"Language":"zh-Hans","`+k.nameField+`":"玫瑰"}`))
				del := strings.Replace(k.set, "set_", "del_", 1)
				mustOK(t, h.gift(del, body("")))
				wantCode(t, h.gift(k.get, body("")), 100004, "no en language")
			}
		})
	}
}

func TestGiftCopyDefault(t *testing.T) {
	t.Parallel()
	h := newHarness(t, trtcmock.Options{})
	mustOK(t, h.gift("copy_default_gift_config", `{}`))
	cat := h.srv.Catalogue(mocktest.AppID)
	if len(cat.Categories) != 3 || len(cat.Gifts) != 15 || len(cat.Relations) != 3 {
		t.Fatalf("seeded %d categories, %d gifts, relations %v", len(cat.Categories), len(cat.Gifts), cat.Relations)
	}
	related := 0
	for _, ids := range cat.Relations {
		related += len(ids)
	}
	if related != 15 {
		t.Errorf("%d gifts related, want 15", related)
	}
	wantCode(t, h.gift("copy_default_gift_config", `{}`), 100003, "already has a gift configuration")

	// Any gift configuration at all refuses it.
	for _, seed := range []func(*trtcmock.Server){
		func(s *trtcmock.Server) { s.PutGift(mocktest.AppID, trtcmock.Gift{ID: "rose", Name: "Rose"}) },
		func(s *trtcmock.Server) {
			s.PutGiftCategory(mocktest.AppID, trtcmock.GiftCategory{ID: "hot", Name: "Hot"})
		},
	} {
		h := newHarness(t, trtcmock.Options{})
		seed(h.srv)
		before := h.srv.Catalogue(mocktest.AppID)
		wantCode(t, h.gift("copy_default_gift_config", `{}`), 100003, "")
		if after := h.srv.Catalogue(mocktest.AppID); !reflect.DeepEqual(before, after) {
			t.Errorf("a refused copy changed the catalogue: %+v", after)
		}
	}
}

// Adds beyond the package's capacity answer 100002 with the limit in
// ErrorInfo (the mock's choice); 0 means 16 gifts and 3 categories.
func TestGiftCapacity(t *testing.T) {
	t.Parallel()
	cases := []struct {
		opts                   trtcmock.Options
		gifts, categories      int
		giftInfo, categoryInfo string
	}{
		{trtcmock.Options{}, 16, 3, "gift count exceeds the limit of 16", "category count exceeds the limit of 3"},
		{trtcmock.Options{MaxGifts: 2, MaxCategories: 1}, 2, 1, "gift count exceeds the limit of 2", "category count exceeds the limit of 1"},
	}
	for _, c := range cases {
		h := newHarness(t, c.opts)
		for i := range c.gifts {
			mustOK(t, h.gift("add_gift", `{"GiftId":"g`+strconv.Itoa(i)+`","DefaultName":"G","Coins":1}`))
		}
		wantCode(t, h.gift("add_gift", `{"GiftId":"over","DefaultName":"G","Coins":1}`), 100002, c.giftInfo)
		for i := range c.categories {
			mustOK(t, h.gift("add_gift_category", `{"CategoryId":"c`+strconv.Itoa(i)+`","DefaultName":"C"}`))
		}
		wantCode(t, h.gift("add_gift_category", `{"CategoryId":"over","DefaultName":"C"}`), 100002, c.categoryInfo)
		// Editing at capacity is no add; deleting makes room.
		mustOK(t, h.gift("edit_gift", `{"GiftId":"g0","DefaultName":"H","Coins":2}`))
		mustOK(t, h.gift("del_gift", `{"GiftId":"g0"}`))
		mustOK(t, h.gift("add_gift", `{"GiftId":"over","DefaultName":"G","Coins":1}`))
		mustOK(t, h.gift("del_gift_category", `{"CategoryId":"c0"}`))
		mustOK(t, h.gift("add_gift_category", `{"CategoryId":"over","DefaultName":"C"}`))
	}
}

// With GiftRateLimit at TRTC's second, a second call of one command by one
// app answers 100012; other commands and other apps have their own.
func TestGiftRateLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, trtcmock.Options{GiftRateLimit: time.Second})
	mustOK(t, h.gift("get_gift_info_list", `{}`))
	wantCode(t, h.gift("get_gift_info_list", `{}`), 100012, "maximum of 1 call/s")
	mustOK(t, h.gift("add_gift", roseBody))
	wantCode(t, h.gift("add_gift", lilyBody), 100012, "maximum of 1 call/s")
	mustOK(t, h.gift("get_gift", `{"GiftId":"rose"}`))
	mustOK(t, h.giftAs(mocktest.OtherAppID, mocktest.OtherKey, "get_gift_info_list", `{}`))
	if cat := h.srv.Catalogue(mocktest.AppID); len(cat.Gifts) != 1 {
		t.Errorf("a refused add_gift was applied: %+v", cat.Gifts)
	}
	// Webhook commands are not limited so.
	for range 3 {
		wantCode(t, h.live("get_callback", `{}`), 100301, "")
	}
}

// A refused call opens no window of its own; copy_default_gift_config's
// window is ten times as long.
func TestGiftRateLimitWindows(t *testing.T) {
	t.Parallel()
	const window = 200 * time.Millisecond
	h := newHarness(t, trtcmock.Options{GiftRateLimit: window})
	mustOK(t, h.gift("get_gift_info_list", `{}`))
	time.Sleep(window * 3 / 5)
	wantCode(t, h.gift("get_gift_info_list", `{}`), 100012, "")
	time.Sleep(window * 3 / 5)
	mustOK(t, h.gift("get_gift_info_list", `{}`))

	mustOK(t, h.gift("copy_default_gift_config", `{}`))
	time.Sleep(window + window/4)
	wantCode(t, h.gift("copy_default_gift_config", `{}`), 100012, "per 10 s")
}

// An app without the TUILiveKit edition is answered 102001 by every gift
// command, and only by those.
func TestGiftNoLiveKitEdition(t *testing.T) {
	t.Parallel()
	h := newHarness(t, trtcmock.Options{NoLiveKitEdition: []uint64{mocktest.AppID}})
	for _, command := range giftCommandWords {
		wantCode(t, h.gift(command, roseBody), 102001, "TUILiveKit")
	}
	wantCode(t, h.live("get_callback", `{}`), 100301, "")
	mustOK(t, h.giftAs(mocktest.OtherAppID, mocktest.OtherKey, "add_gift", roseBody))
	if cat := h.srv.Catalogue(mocktest.AppID); len(cat.Gifts) != 0 {
		t.Errorf("102001 applied a write: %+v", cat)
	}
}

// giftCommandWords are §9's commands and the three the console uses.
var giftCommandWords = []string{
	"add_gift", "edit_gift", "get_gift", "del_gift",
	"add_gift_category", "edit_gift_category", "get_gift_category", "del_gift_category",
	"add_gift_category_relations", "del_gift_category_relations", "get_gift_category_relations",
	"set_gift_language", "get_gift_language", "del_gift_language",
	"set_gift_category_language", "get_gift_category_language", "del_gift_category_language",
	"copy_default_gift_config", "get_gift_info_list",
}

func TestGiftUnknownCommand(t *testing.T) {
	t.Parallel()
	h := newHarness(t, trtcmock.Options{})
	wantCode(t, h.gift("get_gift_count", `{}`), 60009, "live_engine_http_srv/get_gift_count")
}

func TestGiftListDisabled(t *testing.T) {
	t.Parallel()
	h := newHarness(t, trtcmock.Options{GiftListDisabled: true, NoLiveKitEdition: []uint64{mocktest.OtherAppID}})
	wantCode(t, h.gift("get_gift_info_list", `{}`), 60009, "get_gift_info_list")
	wantCode(t, h.giftAs(mocktest.OtherAppID, mocktest.OtherKey, "get_gift_info_list", `{}`), 60009, "")
	mustOK(t, h.gift("add_gift", roseBody))
	mustOK(t, h.gift("get_gift", `{"GiftId":"rose"}`))
}

// The list answers under Response in the console's names, and shows
// ExtensionInfo only with GiftListExtensionInfo.
func TestGiftListShape(t *testing.T) {
	t.Parallel()
	type (
		lang struct {
			Language, Name, Desc, CategoryName, CategoryDesc string
		}
		entry struct {
			GiftId, Name, Desc, IconUrl, ResourceUrl string
			CategoryId, CategoryName, CategoryDesc   string
			Coins, Level, CreateTime                 int64
			ExtensionInfo                            *string
			LanguageList                             []lang
			GiftIdList                               []string
		}
		list struct {
			GiftList, CategoryList []entry
			TotalCount             int
		}
	)
	for _, withExt := range []bool{false, true} {
		h := newHarness(t, trtcmock.Options{GiftListExtensionInfo: withExt})
		var empty list
		r := mustOK(t, h.gift("get_gift_info_list", `{}`))
		if err := json.Unmarshal(r.Response, &empty); err != nil || empty.GiftList == nil || empty.CategoryList == nil || empty.TotalCount != 0 {
			t.Fatalf("empty list %s: %v", r.Response, err)
		}
		before := time.Now().Unix()
		mustOK(t, h.gift("add_gift", `{"GiftId":"rose","DefaultName":"Rose","DefaultDesc":"Red","Coins":10,"Level":1,"IconUrl":"https://i","ResourceUrl":"https://r","ExtensionInfo":"e"}`))
		mustOK(t, h.gift("add_gift", lilyBody))
		mustOK(t, h.gift("add_gift_category", `{"CategoryId":"hot","DefaultName":"Hot","DefaultDesc":"Most sent","ExtensionInfo":"c"}`))
		mustOK(t, h.gift("set_gift_language", `{"GiftId":"rose","Language":"zh-Hans","Name":"玫瑰","Desc":"红"}`))
		mustOK(t, h.gift("set_gift_language", `{"GiftId":"rose","Language":"en","Name":"Rose"}`))
		mustOK(t, h.gift("set_gift_category_language", `{"CategoryId":"hot","Language":"zh-Hant","CategoryName":"熱門"}`))
		mustOK(t, h.gift("add_gift_category_relations", `{"CategoryId":"hot","GiftIdList":["lily","rose"]}`))

		r = mustOK(t, h.gift("get_gift_info_list", `{}`))
		if top := members(t, r); top["GiftList"] != nil {
			t.Error("the list is answered beside ErrorCode")
		}
		var got list
		if err := json.Unmarshal(r.Response, &got); err != nil {
			t.Fatal(err)
		}
		if got.TotalCount != 2 || len(got.GiftList) != 2 || len(got.CategoryList) != 1 {
			t.Fatalf("list %s", r.Response)
		}
		rose, lily, hot := got.GiftList[0], got.GiftList[1], got.CategoryList[0]
		if rose.GiftId != "rose" || rose.Name != "Rose" || rose.Desc != "Red" || rose.Coins != 10 || rose.Level != 1 ||
			rose.IconUrl != "https://i" || rose.ResourceUrl != "https://r" || rose.CreateTime < before || lily.GiftId != "lily" {
			t.Errorf("gifts %+v", got.GiftList)
		}
		if want := []lang{{Language: "en", Name: "Rose"}, {Language: "zh-Hans", Name: "玫瑰", Desc: "红"}}; !reflect.DeepEqual(rose.LanguageList, want) {
			t.Errorf("rose's LanguageList %+v, want %+v", rose.LanguageList, want)
		}
		if lily.LanguageList == nil || len(lily.LanguageList) != 0 {
			t.Errorf("lily's LanguageList %#v, want []", lily.LanguageList)
		}
		if hot.CategoryId != "hot" || hot.CategoryName != "Hot" || hot.CategoryDesc != "Most sent" || !slices.Equal(hot.GiftIdList, []string{"lily", "rose"}) ||
			!reflect.DeepEqual(hot.LanguageList, []lang{{Language: "zh-Hant", CategoryName: "熱門"}}) {
			t.Errorf("category %+v", hot)
		}
		switch {
		case withExt && (rose.ExtensionInfo == nil || *rose.ExtensionInfo != "e" || lily.ExtensionInfo == nil || *lily.ExtensionInfo != "" || hot.ExtensionInfo == nil || *hot.ExtensionInfo != "c"):
			t.Errorf("with GiftListExtensionInfo: %s", r.Response)
		case !withExt && strings.Contains(string(r.Response), "ExtensionInfo"):
			t.Errorf("without GiftListExtensionInfo: %s", r.Response)
		}
	}
}

// Answers beside ErrorCode by default (the pages), under Response with
// GiftPayloadUnderResponse (the console), the language answers' object
// renamed Language there.
func TestGiftPayloadPlacement(t *testing.T) {
	t.Parallel()
	for _, under := range []bool{false, true} {
		h := newHarness(t, trtcmock.Options{GiftPayloadUnderResponse: under})
		mustOK(t, h.gift("add_gift", roseBody))
		mustOK(t, h.gift("add_gift_category", hotBody))
		mustOK(t, h.gift("set_gift_language", `{"GiftId":"rose","Language":"en","Name":"Rose","Desc":"Red"}`))
		mustOK(t, h.gift("set_gift_category_language", `{"CategoryId":"hot","Language":"en","CategoryName":"Hot","CategoryDesc":"Most sent"}`))
		var v map[string]any
		var invalid []string
		payloadMember(t, h.gift("get_gift", `{"GiftId":"rose"}`), under, "GiftInfo", &v)
		payloadMember(t, h.gift("get_gift_category", `{"CategoryId":"hot"}`), under, "GiftCategoryInfo", &v)
		payloadMember(t, h.gift("add_gift_category_relations", `{"CategoryId":"hot","GiftIdList":["rose","x"]}`), under, "InvalidGiftIdList", &invalid)
		payloadMember(t, h.gift("get_gift_category_relations", `{"CategoryId":"hot"}`), under, "Relation", &v)
		giftKey, categoryKey := "GiftInfo", "CategoryInfo"
		if under {
			giftKey, categoryKey = "Language", "Language"
		}
		var text map[string]string
		payloadMember(t, h.gift("get_gift_language", `{"GiftId":"rose","Language":"en"}`), under, giftKey, &text)
		if want := map[string]string{"Name": "Rose", "Desc": "Red"}; !reflect.DeepEqual(text, want) {
			t.Errorf("under %v: gift language %v, want %v", under, text, want)
		}
		text = nil
		payloadMember(t, h.gift("get_gift_category_language", `{"CategoryId":"hot","Language":"en"}`), under, categoryKey, &text)
		if want := map[string]string{"CategoryName": "Hot", "CategoryDesc": "Most sent"}; !reflect.DeepEqual(text, want) {
			t.Errorf("under %v: category language %v, want %v", under, text, want)
		}
		// Writes answer nothing either way.
		r := mustOK(t, h.gift("edit_gift", roseBody))
		if len(r.Response) != 0 || len(members(t, r)) != 4 {
			t.Errorf("edit_gift answered %s", r.raw)
		}
		// Failures carry no payload.
		if r := h.gift("get_gift", `{"GiftId":"none"}`); len(members(t, r)) != 4 {
			t.Errorf("a failed get_gift answered %s", r.raw)
		}
	}
}

// Reads of the catalogue lag writes as a whole, like the webhooks'.
func TestGiftReadLag(t *testing.T) {
	t.Parallel()
	h := newHarness(t, trtcmock.Options{ReadLag: time.Hour})
	mustOK(t, h.gift("add_gift", roseBody))
	wantCode(t, h.gift("get_gift", `{"GiftId":"rose"}`), 100004, "")
	var list struct{ GiftList []json.RawMessage }
	if err := json.Unmarshal(mustOK(t, h.gift("get_gift_info_list", `{}`)).Response, &list); err != nil || len(list.GiftList) != 0 {
		t.Errorf("a lagging list shows %d gifts (%v)", len(list.GiftList), err)
	}
	// Writes see the truth: the gift is there.
	wantCode(t, h.gift("add_gift", roseBody), 100003, "")
	if cat := h.srv.Catalogue(mocktest.AppID); len(cat.Gifts) != 1 {
		t.Errorf("Catalogue ignores the lag: %+v", cat)
	}
	// An out-of-band change ends the window.
	h.srv.PutGift(mocktest.AppID, trtcmock.Gift{ID: "lily", Name: "Lily", Coins: 1})
	mustOK(t, h.gift("get_gift", `{"GiftId":"rose"}`))
	h.srv.SetReadLag(0)
}

// The out-of-band helpers change what TRTC holds, for drift tests.
func TestGiftOutOfBand(t *testing.T) {
	t.Parallel()
	h := newHarness(t, trtcmock.Options{})
	s := h.srv
	s.PutGift(mocktest.AppID, trtcmock.Gift{ID: "rose", Name: "Rose", Coins: 1})
	s.PutGift(mocktest.AppID, trtcmock.Gift{ID: "lily", Name: "Lily", Coins: 2})
	s.PutGiftCategory(mocktest.AppID, trtcmock.GiftCategory{ID: "hot", Name: "Hot"})
	if !s.PutGiftLanguage(mocktest.AppID, "rose", "en", trtcmock.GiftText{Name: "Rose", Description: "Red"}) ||
		!s.PutCategoryLanguage(mocktest.AppID, "hot", "zh-Hant", trtcmock.GiftText{Name: "熱門"}) ||
		!s.SetRelations(mocktest.AppID, "hot", []string{"rose", "lily"}) {
		t.Fatal("a helper found no object")
	}
	if s.PutGiftLanguage(mocktest.AppID, "tulip", "en", trtcmock.GiftText{Name: "x"}) || s.SetRelations(mocktest.AppID, "cold", nil) ||
		s.DeleteGift(mocktest.AppID, "tulip") || s.DeleteGiftCategory(mocktest.AppID, "cold") {
		t.Error("a helper reported an object that does not exist")
	}
	// Replacing a gift keeps its rows and relations.
	s.PutGift(mocktest.AppID, trtcmock.Gift{ID: "rose", Name: "Big rose", Coins: 3})
	want := trtcmock.GiftCatalogue{
		Gifts:             []trtcmock.Gift{{ID: "rose", Name: "Big rose", Coins: 3}, {ID: "lily", Name: "Lily", Coins: 2}},
		Categories:        []trtcmock.GiftCategory{{ID: "hot", Name: "Hot"}},
		GiftLanguages:     map[string]map[string]trtcmock.GiftText{"rose": {"en": {Name: "Rose", Description: "Red"}}},
		CategoryLanguages: map[string]map[string]trtcmock.GiftText{"hot": {"zh-Hant": {Name: "熱門"}}},
		Relations:         map[string][]string{"hot": {"rose", "lily"}},
	}
	if got := s.Catalogue(mocktest.AppID); !reflect.DeepEqual(got, want) {
		t.Errorf("Catalogue = %+v\nwant %+v", got, want)
	}
	var text map[string]string
	payloadMember(t, h.gift("get_gift_language", `{"GiftId":"rose","Language":"en"}`), false, "GiftInfo", &text)
	if text["Name"] != "Rose" {
		t.Errorf("the API does not see an out-of-band row: %v", text)
	}
	if !s.DeleteGiftLanguage(mocktest.AppID, "rose", "en") || !s.DeleteCategoryLanguage(mocktest.AppID, "hot", "zh-Hant") || !s.DeleteGift(mocktest.AppID, "lily") {
		t.Fatal("a delete found nothing")
	}
	got := s.Catalogue(mocktest.AppID)
	if len(got.GiftLanguages) != 0 || len(got.CategoryLanguages) != 0 || !slices.Equal(got.Relations["hot"], []string{"rose"}) {
		t.Errorf("after the deletes: %+v", got)
	}
	if !s.DeleteGiftCategory(mocktest.AppID, "hot") || len(s.Catalogue(mocktest.AppID).Categories) != 0 {
		t.Error("DeleteGiftCategory")
	}
	// Another app's catalogue is its own.
	if other := s.Catalogue(mocktest.OtherAppID); len(other.Gifts) != 0 {
		t.Errorf("the other app holds %+v", other)
	}
}

// Faults and the request log work for the gift service as for any other.
func TestGiftFaultsAndLog(t *testing.T) {
	t.Parallel()
	h := newHarness(t, trtcmock.Options{})
	h.srv.InjectFault(trtcmock.Fault{Command: "add_gift", Kind: trtcmock.FaultErrorCode, ErrorCode: 100001})
	wantCode(t, h.gift("add_gift", roseBody), 100001, "injected")
	h.srv.InjectFault(trtcmock.Fault{Command: "add_gift", Kind: trtcmock.FaultLoseAnswer})
	if _, _, err := h.send(t.Context(), http.MethodPost, "/v4/"+trtcmock.ServiceGift+"/add_gift", validQuery(t), roseBody); err == nil {
		t.Fatal("a lost answer arrived")
	}
	if cat := h.srv.Catalogue(mocktest.AppID); len(cat.Gifts) != 1 {
		t.Errorf("the lost answer's add was not applied: %+v", cat)
	}
	reqs := mocktest.Requests(h.srv, trtcmock.ServiceGift, "add_gift")
	if len(reqs) != 2 || reqs[0].Applied || !reqs[1].Applied || reqs[1].Fault != trtcmock.FaultLoseAnswer {
		t.Errorf("log %+v", reqs)
	}
}
