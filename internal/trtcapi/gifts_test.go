package trtcapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// withGiftInterval lifts the gift commands' spacing (a test seam) so tests
// need not wait 1.1 s between calls of one command.
func withGiftInterval(d time.Duration) func(*Config) {
	return func(c *Config) { c.GiftCallInterval = d }
}

func TestGiftErrorCodes(t *testing.T) {
	t.Parallel()
	for code, want := range map[int]Class{
		CodeGiftRateLimited:      ClassRateLimited,
		CodeNotLiveAdministrator: ClassPermanent,
		CodeNotLiveKitEdition:    ClassPermanent,
	} {
		if got := Classify(code); got != want {
			t.Errorf("Classify(%d) = %v, want %v", code, got, want)
		}
	}
	for _, code := range []int{CodeNotLiveKitEdition, 102000, 102002, CodeNotLiveAdministrator, CodeGiftRateLimited, CodeUnknownCommand} {
		err := error(&APIError{ErrorCode: code})
		if got := errors.Is(err, ErrNotLiveKitEdition); got != (code == CodeNotLiveKitEdition) {
			t.Errorf("code %d: errors.Is(ErrNotLiveKitEdition) = %v", code, got)
		}
		if errors.Is(err, ErrNoConfiguration) || errors.Is(err, ErrAlreadyExists) || errors.Is(err, ErrNoToken) {
			t.Errorf("code %d matches a webhook sentinel", code)
		}
	}
}

// 100012 is waited out like any rate limit; 102001 and 100006 fail after
// one request.
func TestGiftCodesRetriedOrNot(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		code     int
		requests int64
	}{{CodeGiftRateLimited, 2}, {CodeNotLiveKitEdition, 1}, {CodeNotLiveAdministrator, 1}} {
		cp := newCapture(t, sequence(
			answer(`{"ActionStatus":"FAIL","ErrorCode":`+strconv.Itoa(c.code)+`,"ErrorInfo":"refused","RequestId":"Id-1"}`),
			answer(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-2"}`),
		))
		client := newClient(t, cp.URL, withGiftInterval(time.Millisecond))
		err := client.Call(t.Context(), GiftService, "add_gift", nil, nil)
		if (err == nil) != (c.requests == 2) || cp.hits.Load() != c.requests {
			t.Errorf("%d: err %v after %d requests, want %d", c.code, err, cp.hits.Load(), c.requests)
		}
	}
}

// giftMock serves a mock for gift tests; tweak changes its options.
func giftMock(t *testing.T, tweak ...func(*trtcmock.Options)) (*trtcmock.Server, *Gifts) {
	t.Helper()
	srv := mocktest.Start(t, tweak...)
	return srv, newClient(t, srv.URL(), withGiftInterval(time.Millisecond)).Gifts()
}

// byCommand answers each command with its canned body (an OK envelope
// for commands not listed) and counts requests per command.
type byCommand struct {
	mu     sync.Mutex
	bodies map[string]string
	counts map[string]int
	sent   map[string][]string // request bodies
}

func cannedGifts(t *testing.T, bodies map[string]string) (*byCommand, *Gifts) {
	t.Helper()
	b := &byCommand{bodies: bodies, counts: map[string]int{}, sent: map[string][]string{}}
	rt := roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		command := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
		body, _ := io.ReadAll(r.Body)
		b.mu.Lock()
		b.counts[command]++
		b.sent[command] = append(b.sent[command], string(body))
		answer, found := b.bodies[command]
		b.mu.Unlock()
		if !found {
			answer = okEnvelope("")
		}
		return cannedResponse(r, answer), nil
	})
	c := newClient(t, "https://adminapisgp.im.qcloud.com", withGiftInterval(time.Millisecond), withRetry(fastRetry(2)), func(c *Config) { c.Transport = rt })
	return b, c.Gifts()
}

func (b *byCommand) count(command string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.counts[command]
}

func (b *byCommand) bodiesOf(command string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.sent[command])
}

// okEnvelope is a success with members beside ErrorCode ("" for none).
func okEnvelope(members string) string {
	if members != "" {
		members = "," + members
	}
	return `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-gift"` + members + `}`
}

// underResponse is a success with payload under Response.
func underResponse(payload string) string { return okEnvelope(`"Response":` + payload) }

func failEnvelope(code int, info string) string {
	return `{"ActionStatus":"FAIL","ErrorCode":` + strconv.Itoa(code) + `,"ErrorInfo":` + strconv.Quote(info) + `,"RequestId":"Id-fail"}`
}

var (
	rose = Gift{ID: "rose", Name: "Rose", Description: "Red", Coins: 10, Level: 1,
		IconURL: "https://cdn.example.com/rose.png", ResourceURL: "https://cdn.example.com/rose.svga", ExtensionInfo: `{"k":"v"}`}
	lily = Gift{ID: "lily", Name: "Lily", Coins: 20}
	hot  = Category{ID: "hot", Name: "Hot", Description: "Most sent", ExtensionInfo: "x"}
)

// The whole lifecycle against the mock, with payloads beside ErrorCode
// (the pages) and under Response (the console).
func TestGiftsLifecycle(t *testing.T) {
	t.Parallel()
	for _, under := range []bool{false, true} {
		t.Run(fmt.Sprintf("under Response %v", under), func(t *testing.T) {
			t.Parallel()
			srv, g := giftMock(t, func(o *trtcmock.Options) { o.GiftPayloadUnderResponse = under })
			ctx := t.Context()
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			must(g.AddGift(ctx, rose))
			must(g.AddGift(ctx, lily))
			if got, err := g.GetGift(ctx, "rose"); err != nil || got != rose {
				t.Fatalf("GetGift = %+v, %v", got, err)
			}
			edited := rose
			edited.Coins, edited.ExtensionInfo, edited.IconURL = 99, "", ""
			must(g.EditGift(ctx, edited))
			if got, err := g.GetGift(ctx, "rose"); err != nil || got != edited {
				t.Fatalf("after EditGift, GetGift = %+v, %v", got, err)
			}
			must(g.AddCategory(ctx, hot))
			if got, err := g.GetCategory(ctx, "hot"); err != nil || got != hot {
				t.Fatalf("GetCategory = %+v, %v", got, err)
			}
			hotter := Category{ID: "hot", Name: "Hotter"}
			must(g.EditCategory(ctx, hotter))
			if got, err := g.GetCategory(ctx, "hot"); err != nil || got != hotter {
				t.Fatalf("after EditCategory = %+v, %v", got, err)
			}

			must(g.SetGiftLanguage(ctx, "rose", LanguageSimplifiedChinese, LanguageUpdate{Name: new("玫瑰")}))
			must(g.SetGiftLanguage(ctx, "rose", LanguageSimplifiedChinese, LanguageUpdate{Description: new("红色")}))
			if got, err := g.GetGiftLanguage(ctx, "rose", LanguageSimplifiedChinese); err != nil || got != (Language{"玫瑰", "红色"}) {
				t.Fatalf("GetGiftLanguage = %+v, %v", got, err)
			}
			must(g.SetCategoryLanguage(ctx, "hot", LanguageTraditionalChinese, LanguageUpdate{Name: new("熱門"), Description: new("最多")}))
			must(g.SetCategoryLanguage(ctx, "hot", LanguageTraditionalChinese, LanguageUpdate{Description: new("")}))
			if got, err := g.GetCategoryLanguage(ctx, "hot", LanguageTraditionalChinese); err != nil || got != (Language{Name: "熱門"}) {
				t.Fatalf("GetCategoryLanguage = %+v, %v", got, err)
			}

			invalid, err := g.AddRelations(ctx, "hot", []string{"rose", "tulip"})
			if err != nil || !slices.Equal(invalid, []string{"tulip"}) {
				t.Fatalf("AddRelations = %v, %v", invalid, err)
			}
			if _, err := g.AddRelations(ctx, "hot", []string{"lily"}); err != nil {
				t.Fatal(err)
			}
			if got, err := g.GetRelations(ctx, "hot"); err != nil || !slices.Equal(got, []string{"rose", "lily"}) {
				t.Fatalf("GetRelations = %v, %v", got, err)
			}

			cat, err := g.List(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if cat.ExtensionInfoListed {
				t.Error("the mock lists no ExtensionInfo, yet the catalogue says it does")
			}
			listedRose, found := cat.Gift("rose")
			wantRose := edited
			wantRose.ExtensionInfo = "" // not listed
			if !found || listedRose.Gift != wantRose || listedRose.CreateTime == 0 ||
				!maps.Equal(listedRose.Languages, map[string]Language{LanguageSimplifiedChinese: {"玫瑰", "红色"}}) || len(listedRose.UnreadLanguages) != 0 {
				t.Errorf("listed rose %+v", listedRose)
			}
			listedHot, found := cat.Category("hot")
			if !found || listedHot.Category != hotter || !slices.Equal(listedHot.GiftIDs, []string{"rose", "lily"}) ||
				!maps.Equal(listedHot.Languages, map[string]Language{LanguageTraditionalChinese: {Name: "熱門"}}) {
				t.Errorf("listed hot %+v", listedHot)
			}
			if len(cat.Gifts) != 2 || len(cat.Categories) != 1 {
				t.Errorf("catalogue %+v", cat)
			}

			must(g.DeleteRelations(ctx, "hot", []string{"rose"}))
			if got, _ := g.GetRelations(ctx, "hot"); !slices.Equal(got, []string{"lily"}) {
				t.Errorf("after DeleteRelations: %v", got)
			}
			must(g.DeleteGiftLanguage(ctx, "rose", LanguageSimplifiedChinese))
			must(g.DeleteGiftLanguage(ctx, "rose", LanguageSimplifiedChinese)) // already gone, confirmed
			must(g.DeleteCategoryLanguage(ctx, "hot", LanguageTraditionalChinese))
			must(g.DeleteCategoryLanguage(ctx, "hot", LanguageTraditionalChinese))
			must(g.DeleteGift(ctx, "rose"))
			must(g.DeleteGift(ctx, "rose")) // already gone, confirmed by the list
			must(g.DeleteCategory(ctx, "hot"))
			must(g.DeleteCategory(ctx, "hot"))
			if got := srv.Catalogue(mocktest.AppID); len(got.Gifts) != 1 || got.Gifts[0].ID != "lily" || len(got.Categories) != 0 {
				t.Errorf("the mock holds %+v", got)
			}
			// The empty calls send nothing.
			before := srv.CountRequests("")
			if invalid, err := g.AddRelations(ctx, "hot", nil); err != nil || invalid != nil {
				t.Errorf("AddRelations of nothing = %v, %v", invalid, err)
			}
			must(g.DeleteRelations(ctx, "hot", []string{}))
			if srv.CountRequests("") != before {
				t.Error("an empty relation call sent a request")
			}
		})
	}
}

func TestGiftsListExtensionInfo(t *testing.T) {
	t.Parallel()
	_, g := giftMock(t, func(o *trtcmock.Options) { o.GiftListExtensionInfo = true })
	ctx := t.Context()
	if cat, err := g.List(ctx); err != nil || cat.ExtensionInfoListed || cat.Gifts != nil {
		t.Fatalf("empty List = %+v, %v: with nothing listed, nothing says ExtensionInfo is", cat, err)
	}
	if err := g.AddGift(ctx, rose); err != nil {
		t.Fatal(err)
	}
	if err := g.AddCategory(ctx, hot); err != nil {
		t.Fatal(err)
	}
	cat, err := g.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !cat.ExtensionInfoListed || cat.Gifts[0].Gift != rose || cat.Categories[0].Category != hot {
		t.Errorf("List = %+v", cat)
	}
}

// Every answer is read where either the pages or the console put it.
func TestGiftsPayloadPlacements(t *testing.T) {
	t.Parallel()
	const (
		giftJSON     = `{"GiftId":"rose","DefaultName":"Rose","DefaultDesc":"Red","Coins":10,"Level":1,"IconUrl":"https://cdn.example.com/rose.png","ResourceUrl":"https://cdn.example.com/rose.svga","ExtensionInfo":"{\"k\":\"v\"}"}`
		categoryJSON = `{"CategoryId":"hot","DefaultName":"Hot","DefaultDesc":"Most sent","ExtensionInfo":"x"}`
		listJSON     = `{"GiftList":[{"GiftId":"rose","Name":"Rose","Desc":"Red","Coins":10,"LanguageList":[]}],"CategoryList":[],"TotalCount":1}`
	)
	type call func(*Gifts) (any, error)
	cases := []struct {
		name, command, top, under string
		run                       call
		want                      any
	}{
		{"get_gift", "get_gift", `"GiftInfo":` + giftJSON, `{"GiftInfo":` + giftJSON + `}`,
			func(g *Gifts) (any, error) { return g.GetGift(t.Context(), "rose") }, rose},
		{"get_gift_category", "get_gift_category", `"GiftCategoryInfo":` + categoryJSON, `{"GiftCategoryInfo":` + categoryJSON + `}`,
			func(g *Gifts) (any, error) { return g.GetCategory(t.Context(), "hot") }, hot},
		{"get_gift_category_relations", "get_gift_category_relations", `"Relation":{"CategoryId":"hot","GiftIdList":["rose","lily"]}`, `{"Relation":{"CategoryId":"hot","GiftIdList":["rose","lily"]}}`,
			func(g *Gifts) (any, error) { return g.GetRelations(t.Context(), "hot") }, []string{"rose", "lily"}},
		{"add_gift_category_relations", "add_gift_category_relations", `"InvalidGiftIdList":["tulip"]`, `{"InvalidGiftIdList":["tulip"]}`,
			func(g *Gifts) (any, error) { return g.AddRelations(t.Context(), "hot", []string{"rose", "tulip"}) }, []string{"tulip"}},
		{"get_gift_language: page GiftInfo, console Language", "get_gift_language", `"GiftInfo":{"Name":"玫瑰","Desc":"红"}`, `{"Language":{"Name":"玫瑰","Desc":"红"}}`,
			func(g *Gifts) (any, error) { return g.GetGiftLanguage(t.Context(), "rose", LanguageSimplifiedChinese) }, Language{"玫瑰", "红"}},
		{"get_gift_language: either name in either place", "get_gift_language", `"Language":{"Name":"玫瑰","Desc":"红"}`, `{"GiftInfo":{"Name":"玫瑰","Desc":"红"}}`,
			func(g *Gifts) (any, error) { return g.GetGiftLanguage(t.Context(), "rose", LanguageSimplifiedChinese) }, Language{"玫瑰", "红"}},
		{"get_gift_category_language: page CategoryInfo, console Language", "get_gift_category_language",
			`"CategoryInfo":{"CategoryName":"熱門","CategoryDesc":"最多"}`, `{"Language":{"CategoryName":"熱門","CategoryDesc":"最多"}}`,
			func(g *Gifts) (any, error) {
				return g.GetCategoryLanguage(t.Context(), "hot", LanguageTraditionalChinese)
			}, Language{"熱門", "最多"}},
		{"get_gift_category_language: a gift's names", "get_gift_category_language",
			`"CategoryInfo":{"Name":"熱門","Desc":"最多"}`, `{"Language":{"Name":"熱門","Desc":"最多"}}`,
			func(g *Gifts) (any, error) {
				return g.GetCategoryLanguage(t.Context(), "hot", LanguageTraditionalChinese)
			}, Language{"熱門", "最多"}},
		{"get_gift_info_list", "get_gift_info_list", strings.Trim(listJSON, "{}"), listJSON,
			func(g *Gifts) (any, error) {
				c, err := g.List(t.Context())
				if err != nil || len(c.Gifts) != 1 {
					return c, err
				}
				return c.Gifts[0].Gift, nil
			}, Gift{ID: "rose", Name: "Rose", Description: "Red", Coins: 10}},
	}
	for _, c := range cases {
		for _, placement := range []struct{ name, body string }{{"beside ErrorCode", okEnvelope(c.top)}, {"under Response", underResponse(c.under)}} {
			t.Run(c.name+" "+placement.name, func(t *testing.T) {
				t.Parallel()
				_, g := cannedGifts(t, map[string]string{c.command: placement.body})
				got, err := c.run(g)
				if err != nil || !reflect.DeepEqual(got, c.want) {
					t.Errorf("got %+v, %v; want %+v", got, err, c.want)
				}
			})
		}
	}
}

// A success without the object it should carry is an invalid answer, not
// an empty object.
func TestGiftsAnswerWithoutPayload(t *testing.T) {
	t.Parallel()
	cases := map[string]func(*Gifts) error{
		"get_gift":                    func(g *Gifts) error { _, err := g.GetGift(t.Context(), "rose"); return err },
		"get_gift_category":           func(g *Gifts) error { _, err := g.GetCategory(t.Context(), "hot"); return err },
		"get_gift_category_relations": func(g *Gifts) error { _, err := g.GetRelations(t.Context(), "hot"); return err },
		"get_gift_language":           func(g *Gifts) error { _, err := g.GetGiftLanguage(t.Context(), "rose", "en"); return err },
		"get_gift_category_language":  func(g *Gifts) error { _, err := g.GetCategoryLanguage(t.Context(), "hot", "en"); return err },
		"get_gift_info_list":          func(g *Gifts) error { _, err := g.List(t.Context()); return err },
	}
	for command, run := range cases {
		for _, body := range []string{okEnvelope(""), underResponse(`{}`), underResponse(`{"Other":1}`)} {
			_, g := cannedGifts(t, map[string]string{command: body})
			var ia *InvalidAnswerError
			if err := run(g); !errors.As(err, &ia) || !strings.Contains(err.Error(), command) {
				t.Errorf("%s answering %s: %v, want an InvalidAnswerError", command, body, err)
			}
		}
	}
	// An empty catalogue is an answer, though.
	_, g := cannedGifts(t, map[string]string{"get_gift_info_list": underResponse(`{"GiftList":[],"CategoryList":[],"TotalCount":0}`)})
	if c, err := g.List(t.Context()); err != nil || len(c.Gifts)+len(c.Categories) != 0 {
		t.Errorf("empty list: %+v, %v", c, err)
	}
}

// The list in the console's names, read leniently where readers differ.
func TestGiftsListReading(t *testing.T) {
	t.Parallel()
	list := `{"GiftList":[
		{"GiftId":"rose","Name":"Rose","Desc":"Red","IconUrl":"i","ResourceUrl":"r","Coins":"10","Level":2.0,"CreateTime":1700000000,"ExtensionInfo":"e",
		 "LanguageList":[{"Language":"en","Name":"Rose","Desc":""},{"Language":"zh-Hans","Name":"","Desc":""},{"Language":"zh-Hant"}]},
		{"GiftId":"lily","DefaultName":"Lily","Coins":1,"CreateTime":"1700000001"},
		{"GiftId":"tulip","Name":"Tulip","Coins":1,"CreateTime":"2024-01-01 10:00:00","LanguageList":null}],
	"CategoryList":[
		{"CategoryId":"hot","CategoryName":"Hot","CategoryDesc":"Most","GiftIdList":["rose"],
		 "LanguageList":[{"Language":"zh-Hant","CategoryName":"熱門","CategoryDesc":""},{"Language":"en","Name":"Hot"},{"Language":"zh-Hans"}]},
		{"CategoryId":"cold","DefaultName":"Cold","GiftIdList":null}],
	"TotalCount":3}`
	_, g := cannedGifts(t, map[string]string{"get_gift_info_list": underResponse(list)})
	cat, err := g.List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := Catalogue{
		Gifts: []CatalogueGift{
			{Gift: Gift{ID: "rose", Name: "Rose", Description: "Red", IconURL: "i", ResourceURL: "r", Coins: 10, Level: 2, ExtensionInfo: "e"},
				Languages: map[string]Language{"en": {Name: "Rose"}}, UnreadLanguages: []string{"zh-Hans", "zh-Hant"}, CreateTime: 1700000000},
			{Gift: Gift{ID: "lily", Name: "Lily", Coins: 1}, Languages: map[string]Language{}, CreateTime: 1700000001},
			{Gift: Gift{ID: "tulip", Name: "Tulip", Coins: 1}, Languages: map[string]Language{}},
		},
		Categories: []CatalogueCategory{
			{Category: Category{ID: "hot", Name: "Hot", Description: "Most"}, GiftIDs: []string{"rose"},
				Languages: map[string]Language{"zh-Hant": {Name: "熱門"}, "en": {Name: "Hot"}}, UnreadLanguages: []string{"zh-Hans"}},
			{Category: Category{ID: "cold", Name: "Cold"}, GiftIDs: []string{}, Languages: map[string]Language{}},
		},
		ExtensionInfoListed: false, // rose had one, the others not
	}
	if !reflect.DeepEqual(cat, want) {
		t.Errorf("List =\n%+v\nwant\n%+v", cat, want)
	}
	// A gift whose Coins is no integer fails the read: it cannot be
	// compared with the configuration.
	_, g = cannedGifts(t, map[string]string{"get_gift_info_list": underResponse(`{"GiftList":[{"GiftId":"rose","Coins":1.5}]}`)})
	if _, err := g.List(t.Context()); err == nil {
		t.Error("Coins 1.5 was read")
	}
}

// The language writes send only what they are given, under each kind's
// names.
func TestSetLanguageSendsOnlyWhatIsGiven(t *testing.T) {
	t.Parallel()
	b, g := cannedGifts(t, nil)
	ctx := t.Context()
	for _, u := range []LanguageUpdate{{Name: new("Rose")}, {Description: new("")}, {Name: new("R"), Description: new("D")}} {
		if err := g.SetGiftLanguage(ctx, "rose", "en", u); err != nil {
			t.Fatal(err)
		}
		if err := g.SetCategoryLanguage(ctx, "hot", "zh-Hans", u); err != nil {
			t.Fatal(err)
		}
	}
	wantGift := []string{
		`{"GiftId":"rose","Language":"en","Name":"Rose"}`,
		`{"GiftId":"rose","Language":"en","Desc":""}`,
		`{"GiftId":"rose","Language":"en","Name":"R","Desc":"D"}`,
	}
	wantCategory := []string{
		`{"CategoryId":"hot","Language":"zh-Hans","CategoryName":"Rose"}`,
		`{"CategoryId":"hot","Language":"zh-Hans","CategoryDesc":""}`,
		`{"CategoryId":"hot","Language":"zh-Hans","CategoryName":"R","CategoryDesc":"D"}`,
	}
	if got := b.bodiesOf("set_gift_language"); !slices.Equal(got, wantGift) {
		t.Errorf("set_gift_language bodies %q, want %q", got, wantGift)
	}
	if got := b.bodiesOf("set_gift_category_language"); !slices.Equal(got, wantCategory) {
		t.Errorf("set_gift_category_language bodies %q, want %q", got, wantCategory)
	}
	if err := g.SetGiftLanguage(ctx, "rose", "en", LanguageUpdate{}); err == nil {
		t.Error("an empty update was accepted")
	}
	if err := g.SetCategoryLanguage(ctx, "hot", "en", LanguageUpdate{}); err == nil {
		t.Error("an empty category update was accepted")
	}
	if b.count("set_gift_language") != 3 || b.count("set_gift_category_language") != 3 {
		t.Error("an empty update sent a request")
	}
}

// The objects' writes send every field, so edit_* replaces under either
// reading of a missing field.
func TestGiftWritesSendEveryField(t *testing.T) {
	t.Parallel()
	b, g := cannedGifts(t, nil)
	if err := g.EditGift(t.Context(), Gift{ID: "rose", Name: "Rose"}); err != nil {
		t.Fatal(err)
	}
	if err := g.AddCategory(t.Context(), Category{ID: "hot", Name: "Hot"}); err != nil {
		t.Fatal(err)
	}
	if got, want := b.bodiesOf("edit_gift"), `{"GiftId":"rose","DefaultName":"Rose","DefaultDesc":"","Coins":0,"Level":0,"IconUrl":"","ResourceUrl":"","ExtensionInfo":""}`; len(got) != 1 || got[0] != want {
		t.Errorf("edit_gift body %q, want %q", got, want)
	}
	if got, want := b.bodiesOf("add_gift_category"), `{"CategoryId":"hot","DefaultName":"Hot","DefaultDesc":"","ExtensionInfo":""}`; len(got) != 1 || got[0] != want {
		t.Errorf("add_gift_category body %q, want %q", got, want)
	}
}

func TestGiftsListUnavailable(t *testing.T) {
	t.Parallel()
	_, g := giftMock(t, func(o *trtcmock.Options) { o.GiftListDisabled = true })
	_, err := g.List(t.Context())
	var apiErr *APIError
	if !errors.Is(err, ErrListUnavailable) || !errors.As(err, &apiErr) || apiErr.ErrorCode != CodeUnknownCommand {
		t.Fatalf("List = %v, want ErrListUnavailable wrapping the 60009 answer", err)
	}
	// Another 60009 is no such thing.
	_, c := cannedGifts(t, map[string]string{"get_gift": failEnvelope(CodeUnknownCommand, "unknown")})
	if _, err := c.GetGift(t.Context(), "rose"); errors.Is(err, ErrListUnavailable) {
		t.Error("get_gift's 60009 is ErrListUnavailable")
	}
}

func TestGiftsNotLiveKitEdition(t *testing.T) {
	t.Parallel()
	srv, g := giftMock(t, func(o *trtcmock.Options) { o.NoLiveKitEdition = []uint64{mocktest.AppID} })
	err := g.AddGift(t.Context(), rose)
	var apiErr *APIError
	if !errors.Is(err, ErrNotLiveKitEdition) || !errors.As(err, &apiErr) || apiErr.Class() != ClassPermanent {
		t.Fatalf("AddGift = %v, want ErrNotLiveKitEdition", err)
	}
	if exists, err := g.ExistsGift(t.Context(), "rose"); !errors.Is(err, ErrNotLiveKitEdition) || exists {
		t.Errorf("ExistsGift = %v, %v: 102001 says nothing about the gift", exists, err)
	}
	if err := g.DeleteGift(t.Context(), "rose"); !errors.Is(err, ErrNotLiveKitEdition) {
		t.Errorf("DeleteGift = %v", err)
	}
	if n := mocktest.Count(srv, trtcmock.ServiceGift, ""); n != 3 {
		t.Errorf("%d requests, want 3 (one each, no list, no retry)", n)
	}
}

// ExistsGift says false only when the failure of get_gift is confirmed.
func TestExistsGift(t *testing.T) {
	t.Parallel()
	const (
		roseListed = `{"GiftList":[{"GiftId":"rose","Name":"Rose","Coins":1}],"CategoryList":[]}`
		noneListed = `{"GiftList":[],"CategoryList":[]}`
	)
	unavailable := failEnvelope(CodeUnknownCommand, "unknown command")
	cases := []struct {
		name      string
		get, list string
		want      bool
		wantErr   bool
		listCalls int
		errCode   int // of the error, when wantErr
	}{
		{"get succeeds", okEnvelope(`"GiftInfo":{"GiftId":"rose","DefaultName":"Rose","Coins":1}`), "", true, false, 0, 0},
		{"100004, not listed", failEnvelope(100004, "gift not exist"), underResponse(noneListed), false, false, 1, 0},
		{"another code, not listed", failEnvelope(100002, "invalid GiftId"), underResponse(noneListed), false, false, 1, 0},
		{"100004 but listed", failEnvelope(100004, "gift not exist"), underResponse(roseListed), true, false, 1, 0},
		{"no list, 100004", failEnvelope(100004, "whatever"), unavailable, false, false, 1, 0},
		{"no list, ErrorInfo says so", failEnvelope(100002, "GiftId rose does not exist"), unavailable, false, false, 1, 0},
		{"no list, ErrorInfo says so in Chinese", failEnvelope(100002, "礼物不存在"), unavailable, false, false, 1, 0},
		{"no list, unconfirmed", failEnvelope(100002, "invalid parameter"), unavailable, false, true, 1, 100002},
		{"no edition", failEnvelope(CodeNotLiveKitEdition, "no edition"), underResponse(noneListed), false, true, 0, CodeNotLiveKitEdition},
		{"not an administrator", failEnvelope(CodeNotLiveAdministrator, "permission denied"), underResponse(noneListed), false, true, 0, CodeNotLiveAdministrator},
		{"not the app's administrator", failEnvelope(CodeNotAdministrator, "not admin"), underResponse(noneListed), false, true, 0, CodeNotAdministrator},
		{"transient", failEnvelope(CodeInternalError, "internal"), underResponse(noneListed), false, true, 0, CodeInternalError},
		{"the list fails", failEnvelope(100004, "gift not exist"), failEnvelope(CodeInternalError, "internal"), false, true, 3, 100004},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			b, g := cannedGifts(t, map[string]string{"get_gift": c.get, "get_gift_info_list": c.list})
			got, err := g.ExistsGift(t.Context(), "rose")
			var apiErr *APIError
			switch {
			case c.wantErr && (err == nil || !errors.As(err, &apiErr) || apiErr.ErrorCode != c.errCode):
				t.Errorf("ExistsGift = %v, %v; want an error with code %d", got, err, c.errCode)
			case !c.wantErr && (err != nil || got != c.want):
				t.Errorf("ExistsGift = %v, %v; want %v", got, err, c.want)
			}
			if n := b.count("get_gift_info_list"); n != c.listCalls {
				t.Errorf("%d list calls, want %d", n, c.listCalls)
			}
		})
	}
}

// ExistsCategory and the deletes follow the same rule against the mock,
// with and without the list.
func TestExistsAndDeletesAgainstTheMock(t *testing.T) {
	t.Parallel()
	for _, disabled := range []bool{false, true} {
		srv, g := giftMock(t, func(o *trtcmock.Options) { o.GiftListDisabled = disabled })
		ctx := t.Context()
		srv.PutGift(mocktest.AppID, trtcmock.Gift{ID: "rose", Name: "Rose", Coins: 1})
		srv.PutGiftCategory(mocktest.AppID, trtcmock.GiftCategory{ID: "hot", Name: "Hot"})
		for _, c := range []struct {
			exists func(context.Context, string) (bool, error)
			id     string
			want   bool
		}{{g.ExistsGift, "rose", true}, {g.ExistsGift, "tulip", false}, {g.ExistsCategory, "hot", true}, {g.ExistsCategory, "cold", false}} {
			if got, err := c.exists(ctx, c.id); err != nil || got != c.want {
				t.Errorf("list disabled %v: exists(%s) = %v, %v", disabled, c.id, got, err)
			}
		}
		for _, err := range []error{
			g.DeleteGift(ctx, "tulip"),
			g.DeleteGiftLanguage(ctx, "rose", "en"),
			g.DeleteGiftLanguage(ctx, "tulip", "en"),
			g.DeleteCategoryLanguage(ctx, "hot", "en"),
			g.DeleteCategoryLanguage(ctx, "cold", "en"),
		} {
			if err != nil {
				t.Errorf("list disabled %v: deleting what is gone: %v", disabled, err)
			}
		}
	}
}

// A delete refused for another reason than absence keeps its error.
func TestDeleteGiftKeepsOtherRefusals(t *testing.T) {
	t.Parallel()
	b, g := cannedGifts(t, map[string]string{
		"del_gift":           failEnvelope(100002, "gift is in use"),
		"get_gift":           okEnvelope(`"GiftInfo":{"GiftId":"rose","DefaultName":"Rose","Coins":1}`),
		"get_gift_info_list": underResponse(`{"GiftList":[],"CategoryList":[]}`),
	})
	var apiErr *APIError
	if err := g.DeleteGift(t.Context(), "rose"); !errors.As(err, &apiErr) || apiErr.ErrorInfo != "gift is in use" {
		t.Errorf("DeleteGift = %v", err)
	}
	if b.count("get_gift") != 1 || b.count("get_gift_info_list") != 0 {
		t.Error("a gift get_gift shows was confirmed by the list")
	}
}

func TestCapacityErrors(t *testing.T) {
	t.Parallel()
	_, g := giftMock(t, func(o *trtcmock.Options) { o.MaxGifts, o.MaxCategories = 1, 1 })
	ctx := t.Context()
	if err := g.AddGift(ctx, rose); err != nil {
		t.Fatal(err)
	}
	err := g.AddGift(ctx, lily)
	var ce *CapacityError
	var apiErr *APIError
	if !errors.As(err, &ce) || ce.Kind != CapacityGift || ce.Limit != 1 || !errors.As(err, &apiErr) || apiErr.ErrorCode != CodeInvalidParameter {
		t.Fatalf("AddGift over capacity = %#v", err)
	}
	if !strings.Contains(err.Error(), "holds no more gifts (limit 1)") || !strings.Contains(err.Error(), "RequestId") {
		t.Errorf("message %q", err)
	}
	if err := g.AddCategory(ctx, hot); err != nil {
		t.Fatal(err)
	}
	if err := g.AddCategory(ctx, Category{ID: "cold", Name: "Cold"}); !errors.As(err, &ce) || ce.Kind != CapacityCategory || ce.Limit != 1 {
		t.Fatalf("AddCategory over capacity = %v", err)
	}
	// A field over its limit is not the catalogue over its.
	if err := g.AddGift(ctx, Gift{ID: strings.Repeat("g", 21), Name: "G"}); errors.As(err, &ce) || !errors.As(err, &apiErr) {
		t.Errorf("a long GiftId: %v", err)
	}
}

// How ErrorInfo is read for capacity: best effort, never a field's limit.
func TestCapacityReading(t *testing.T) {
	t.Parallel()
	cases := []struct {
		kind, info string
		capacity   bool
		wantKind   string
		limit      int
	}{
		{CapacityGift, "gift count exceeds the limit of 16", true, CapacityGift, 16},
		{CapacityGift, "Gift count exceeds limit", true, CapacityGift, 0},
		{CapacityGift, "the number of gifts has reached the maximum 50", true, CapacityGift, 50},
		{CapacityGift, "too many gifts", true, CapacityGift, 0},
		{CapacityCategory, "category count exceeds the limit of 3", true, CapacityCategory, 3},
		{CapacityGift, "categories count over max 3", true, CapacityCategory, 3},
		{CapacityGift, "礼物数量超过上限16", true, CapacityGift, 16},
		{CapacityCategory, "分类数量已达上限 3 个", true, CapacityCategory, 3},
		{CapacityGift, "GiftId exceeds 20 bytes", false, "", 0},
		{CapacityGift, "gift DefaultName exceeds the max length 20", false, "", 0},
		{CapacityGift, "invalid parameter", false, "", 0},
		{CapacityGift, "", false, "", 0},
	}
	for _, c := range cases {
		err := capacity(c.kind, &APIError{ErrorCode: 100002, ErrorInfo: c.info})
		var ce *CapacityError
		switch {
		case errors.As(err, &ce) != c.capacity:
			t.Errorf("%q: capacity error %v, want %v", c.info, ce != nil, c.capacity)
		case c.capacity && (ce.Kind != c.wantKind || ce.Limit != c.limit):
			t.Errorf("%q: %s %d, want %s %d", c.info, ce.Kind, ce.Limit, c.wantKind, c.limit)
		}
	}
	// Transient refusals and successes are left alone.
	if err := capacity(CapacityGift, &APIError{ErrorCode: 100001, ErrorInfo: "gift count exceeds the limit of 16"}); errors.As(err, new(*CapacityError)) {
		t.Error("a transient error became a CapacityError")
	}
	if capacity(CapacityGift, nil) != nil {
		t.Error("nil became an error")
	}
}

// A lost answer to add_gift, then "already exists" on the retry: the
// client says exactly that, marked uncertain; settling it by reading is the
// caller's (the provider's lifecycle engine), as for every write.
func TestAddGiftLostAnswerIsUncertain(t *testing.T) {
	t.Parallel()
	srv, g := giftMock(t)
	srv.InjectFault(trtcmock.Fault{Command: "add_gift", Kind: trtcmock.FaultLoseAnswer})
	if err := g.AddGift(t.Context(), rose); err == nil || !IsUncertain(err) {
		t.Fatalf("AddGift after a lost answer: %v, want an uncertain error", err)
	}
	if got := mocktest.Answers(srv, trtcmock.ServiceGift, "add_gift"); !slices.Equal(got, []int{0, 100003}) {
		t.Errorf("add_gift answers %v", got)
	}
	if n := mocktest.Count(srv, trtcmock.ServiceGift, "get_gift"); n != 0 {
		t.Errorf("the client read back %d time(s)", n)
	}
}

// 100012 is waited out: the mock refuses calls closer than 100 ms, the
// client spaces them 1 ms apart, and the rate-limit backoff does the rest.
func TestGiftRateLimitAnswerIsWaitedOut(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t, func(o *trtcmock.Options) { o.GiftRateLimit = 100 * time.Millisecond })
	g := newClient(t, srv.URL(), withGiftInterval(time.Millisecond), withRetry(fastRetry(10))).Gifts()
	for range 2 {
		if _, err := g.List(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	got := mocktest.Answers(srv, trtcmock.ServiceGift, "get_gift_info_list")
	if len(got) < 3 || got[0] != 0 || got[1] != CodeGiftRateLimited || got[len(got)-1] != 0 {
		t.Errorf("answers %v, want 0, 100012…, 0", got)
	}
}

// With the default spacing the client meets TRTC's real limit (the mock
// at one call per second): no 100012, ever.
func TestDefaultGiftSpacingMeetsTRTCsLimit(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t, func(o *trtcmock.Options) { o.GiftRateLimit = time.Second })
	g := newClient(t, srv.URL()).Gifts()
	start := time.Now()
	for _, id := range []string{"rose", "lily"} {
		if err := g.AddGift(t.Context(), Gift{ID: id, Name: id, Coins: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if el := time.Since(start); el < DefaultGiftCallInterval-timerSlack {
		t.Errorf("two add_gift calls took %v", el)
	}
	if got := mocktest.Answers(srv, trtcmock.ServiceGift, "add_gift"); !slices.Equal(got, []int{0, 0}) {
		t.Errorf("add_gift answers %v", got)
	}
}

// Without the list, a read's failure says the object is missing only when
// it is an answer about the object that says so.
func TestMissingWithoutList(t *testing.T) {
	t.Parallel()
	apiErr := func(code int, info string) error {
		return &APIError{Service: GiftService, Command: "get_gift", ErrorCode: code, ErrorInfo: info}
	}
	for name, c := range map[string]struct {
		err  error
		want bool
	}{
		"100004":                      {apiErr(100004, "whatever"), true},
		"ErrorInfo says so":           {apiErr(100002, "GiftId rose does not exist"), true},
		"ErrorInfo says so, Chinese":  {apiErr(100002, "礼物不存在"), true},
		"another refusal":             {apiErr(100002, "invalid parameter"), false},
		"no edition":                  {apiErr(CodeNotLiveKitEdition, "gift not exist"), false},
		"not an administrator":        {apiErr(CodeNotLiveAdministrator, "not exist"), false},
		"a common code":               {apiErr(CodeNotAdministrator, "not exist"), false},
		"transient":                   {apiErr(CodeInternalError, "not exist"), false},
		"no answer":                   {&RequestError{Service: GiftService, Command: "get_gift", Err: errors.New("does not exist")}, false},
		"not an error of the client":  {errors.New("not found"), false},
		"wrapped 100004 still counts": {fmt.Errorf("reading: %w", apiErr(100004, "")), true},
	} {
		if got := MissingWithoutList(c.err); got != c.want {
			t.Errorf("%s: MissingWithoutList(%v) = %v, want %v", name, c.err, got, c.want)
		}
	}
}

// A relation already gone (its gift deleted, which removes it from every
// category) is success once the list shows it gone; otherwise the refusal
// stands.
func TestDeleteRelationsAlreadyGone(t *testing.T) {
	t.Parallel()
	const (
		without = `{"GiftList":[],"CategoryList":[{"CategoryId":"hot","CategoryName":"Hot","GiftIdList":["a"]}]}`
		with    = `{"GiftList":[],"CategoryList":[{"CategoryId":"hot","CategoryName":"Hot","GiftIdList":["a","b"]}]}`
		noHot   = `{"GiftList":[],"CategoryList":[]}`
	)
	refused := failEnvelope(100004, "gift b does not exist")
	for name, c := range map[string]struct {
		del, list string
		wantErr   bool
		listCalls int
	}{
		"success":                   {okEnvelope(""), "", false, 0},
		"gone, as the list shows":   {refused, underResponse(without), false, 1},
		"still there":               {refused, underResponse(with), true, 1},
		"no such category":          {refused, underResponse(noHot), true, 1},
		"no list":                   {refused, failEnvelope(CodeUnknownCommand, "unknown command"), true, 1},
		"refused about the request": {failEnvelope(CodeNotLiveKitEdition, "no edition"), underResponse(without), true, 0},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, g := cannedGifts(t, map[string]string{"del_gift_category_relations": c.del, "get_gift_info_list": c.list})
			err := g.DeleteRelations(t.Context(), "hot", []string{"b"})
			if (err != nil) != c.wantErr {
				t.Errorf("DeleteRelations = %v, want an error: %v", err, c.wantErr)
			}
			if n := b.count("get_gift_info_list"); n != c.listCalls {
				t.Errorf("%d list calls, want %d", n, c.listCalls)
			}
		})
	}
}
