package trtcmock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"
)

// The TUILiveKit gift catalogue, live_engine_http_srv
// (docs/development/trtc-api.md §9): per app, gifts, categories, the
// relations saying which gifts a category shows, and language rows of
// both.
//
// What the pages leave undocumented, the mock chooses, harshly where a
// client could come to depend on leniency:
//
//   - "already exists" is 100003 and "does not exist" is 100004, the Live
//     room pages' codes: add_* of an existing ID; get_*, edit_*, del_gift,
//     the language commands and the relation commands of a missing gift or
//     category; a get or del of a language row the object does not have.
//     del_gift_category of a missing category succeeds, as documented.
//   - edit_gift and edit_gift_category replace the object: they take the
//     add_* fields with the same rules, and a field not sent is reset.
//   - Language rows: Language is en, zh-Hans or zh-Hant; a gift's Name
//     and Desc are at most 20 bytes, a category's CategoryName 20 and
//     CategoryDesc 60, as for the default texts.
//   - Over MaxGifts or MaxCategories, add_* answers 100002 "gift count
//     exceeds the limit of 16" ("category count ..."); copy_default_gift_config
//     seeds regardless of them.
//   - copy_default_gift_config on an app holding any gift, category or
//     language row answers 100003.
//   - get_gift_info_list answers under Response (the console's reading)
//     and leaves ExtensionInfo out unless Options.GiftListExtensionInfo.
//   - Reads lag writes (Options.ReadLag) for the catalogue as a whole.
//   - 102001 (Options.NoLiveKitEdition) and 100012 (Options.GiftRateLimit)
//     come before any check of the body; 60009 of a disabled list before
//     both.

// Gift catalogue codes; 100003 and 100004 are the mock's choice.
const (
	codeGiftAlreadyExists = 100003
	codeGiftNotExist      = 100004
	codeGiftRateLimited   = 100012
	codeNotLiveKitEdition = 102001
)

// Documented limits, in bytes (§9).
const (
	maxGiftID            = 20
	maxGiftName          = 20
	maxGiftDesc          = 20
	maxCategoryDesc      = 60
	maxGiftURL           = 200
	maxGiftExtension     = 100
	defaultMaxGifts      = 16
	defaultMaxCategories = 3
)

const (
	commandCopyDefault = "copy_default_gift_config"
	commandGiftList    = "get_gift_info_list"
)

// giftLanguages are the languages a row may be in.
var giftLanguages = []string{"en", "zh-Hans", "zh-Hant"}

// Gift is one gift as add_gift takes it.
type Gift struct {
	ID            string `json:"GiftId"`
	IconURL       string `json:"IconUrl"`
	ResourceURL   string `json:"ResourceUrl"`
	Coins         int64  `json:"Coins"`
	Level         int64  `json:"Level"`
	ExtensionInfo string `json:"ExtensionInfo"`
	Name          string `json:"DefaultName"`
	Description   string `json:"DefaultDesc"`
}

// GiftCategory is one category as add_gift_category takes it.
type GiftCategory struct {
	ID            string `json:"CategoryId"`
	ExtensionInfo string `json:"ExtensionInfo"`
	Name          string `json:"DefaultName"`
	Description   string `json:"DefaultDesc"`
}

// GiftText is one language row of a gift or a category.
type GiftText struct {
	Name        string
	Description string
}

// GiftCatalogue is what an app's catalogue holds, for tests.
type GiftCatalogue struct {
	Gifts      []Gift         // in the order they were added
	Categories []GiftCategory // likewise
	// GiftLanguages and CategoryLanguages map an object's ID to its rows
	// by language; objects without rows are absent.
	GiftLanguages     map[string]map[string]GiftText
	CategoryLanguages map[string]map[string]GiftText
	// Relations maps a category's ID to its gifts' IDs, in the order
	// added; categories without gifts are absent.
	Relations map[string][]string
}

// giftState is every app's catalogue and the gift commands' last calls.
// Its zero value is ready; it is guarded by Server.mu.
type giftState struct {
	catalogues map[uint64]lagged[catalogue]
	lastCall   map[giftCall]time.Time
}

type giftCall struct {
	app     uint64
	command string
}

// catalogue is one app's, never changed once stored: a write stores a
// changed clone, so that lagging reads can keep the old one.
type catalogue struct {
	gifts      map[string]storedGift
	categories map[string]storedCategory
	next       int // order of the next object added
}

type storedGift struct {
	Gift
	order   int
	created int64 // Unix seconds
	langs   map[string]GiftText
}

type storedCategory struct {
	GiftCategory
	order int
	langs map[string]GiftText
	gifts []string
}

func (c *catalogue) clone() *catalogue {
	out := &catalogue{gifts: map[string]storedGift{}, categories: map[string]storedCategory{}}
	if c == nil {
		return out
	}
	out.next = c.next
	for id, g := range c.gifts {
		g.langs = maps.Clone(g.langs)
		out.gifts[id] = g
	}
	for id, cat := range c.categories {
		cat.langs = maps.Clone(cat.langs)
		cat.gifts = slices.Clone(cat.gifts)
		out.categories[id] = cat
	}
	return out
}

// empty: the app has no gift configuration at all.
func (c *catalogue) empty() bool { return c == nil || len(c.gifts) == 0 && len(c.categories) == 0 }

func (c *catalogue) addGift(g Gift, now time.Time) {
	c.gifts[g.ID] = storedGift{Gift: g, order: c.next, created: now.Unix()}
	c.next++
}

func (c *catalogue) addCategory(cat GiftCategory) {
	c.categories[cat.ID] = storedCategory{GiftCategory: cat, order: c.next}
	c.next++
}

// deleteGift removes a gift with its language rows and its relations.
func (c *catalogue) deleteGift(id string) {
	delete(c.gifts, id)
	for cid, cat := range c.categories {
		if i := slices.Index(cat.gifts, id); i >= 0 {
			cat.gifts = slices.Delete(cat.gifts, i, i+1)
			c.categories[cid] = cat
		}
	}
}

func (c *catalogue) sortedGifts() []storedGift {
	out := slices.Collect(maps.Values(c.gifts))
	slices.SortFunc(out, func(a, b storedGift) int { return a.order - b.order })
	return out
}

func (c *catalogue) sortedCategories() []storedCategory {
	out := slices.Collect(maps.Values(c.categories))
	slices.SortFunc(out, func(a, b storedCategory) int { return a.order - b.order })
	return out
}

func (c *catalogue) export() GiftCatalogue {
	out := GiftCatalogue{
		GiftLanguages:     map[string]map[string]GiftText{},
		CategoryLanguages: map[string]map[string]GiftText{},
		Relations:         map[string][]string{},
	}
	if c == nil {
		return out
	}
	for _, g := range c.sortedGifts() {
		out.Gifts = append(out.Gifts, g.Gift)
		if len(g.langs) > 0 {
			out.GiftLanguages[g.ID] = maps.Clone(g.langs)
		}
	}
	for _, cat := range c.sortedCategories() {
		out.Categories = append(out.Categories, cat.GiftCategory)
		if len(cat.langs) > 0 {
			out.CategoryLanguages[cat.ID] = maps.Clone(cat.langs)
		}
		if len(cat.gifts) > 0 {
			out.Relations[cat.ID] = slices.Clone(cat.gifts)
		}
	}
	return out
}

// giftCommands are live_engine_http_srv's: §9's and the three the console
// uses (get_gift_info_list, edit_gift, edit_gift_category).
func giftCommands() map[string]handler {
	m := map[string]handler{
		"add_gift":                    func(s *Server, req authorised) answer { return s.putGift(req, true) },
		"edit_gift":                   func(s *Server, req authorised) answer { return s.putGift(req, false) },
		"get_gift":                    (*Server).getGift,
		"del_gift":                    (*Server).delGift,
		"add_gift_category":           func(s *Server, req authorised) answer { return s.putCategory(req, true) },
		"edit_gift_category":          func(s *Server, req authorised) answer { return s.putCategory(req, false) },
		"get_gift_category":           (*Server).getCategory,
		"del_gift_category":           (*Server).delCategory,
		"add_gift_category_relations": (*Server).addRelations,
		"del_gift_category_relations": (*Server).delRelations,
		"get_gift_category_relations": (*Server).getRelations,
		"set_gift_language":           func(s *Server, req authorised) answer { return s.setLanguage(req, giftRows) },
		"get_gift_language":           func(s *Server, req authorised) answer { return s.getLanguage(req, giftRows) },
		"del_gift_language":           func(s *Server, req authorised) answer { return s.delLanguage(req, giftRows) },
		"set_gift_category_language":  func(s *Server, req authorised) answer { return s.setLanguage(req, categoryRows) },
		"get_gift_category_language":  func(s *Server, req authorised) answer { return s.getLanguage(req, categoryRows) },
		"del_gift_category_language":  func(s *Server, req authorised) answer { return s.delLanguage(req, categoryRows) },
		commandCopyDefault:            (*Server).copyDefault,
		commandGiftList:               (*Server).giftList,
	}
	for command, h := range m {
		m[command] = func(s *Server, req authorised) answer {
			if refused, ok := s.giftGate(req); !ok {
				return refused
			}
			return h(s, req)
		}
	}
	return m
}

// giftGate answers what comes before the body is looked at: a disabled
// list, an app without the edition, a call too soon after the last.
func (s *Server) giftGate(req authorised) (answer, bool) {
	if req.command == commandGiftList && s.opts.GiftListDisabled {
		return fail(codeUnknownCommand, "unknown service or command: "+req.service+"/"+req.command), false
	}
	if slices.Contains(s.opts.NoLiveKitEdition, req.app) {
		return fail(codeNotLiveKitEdition, "this feature requires the TUILiveKit trial or paid edition"), false
	}
	window, info := s.opts.GiftRateLimit, "maximum of 1 call/s"
	if window <= 0 {
		return answer{}, true
	}
	if req.command == commandCopyDefault {
		window, info = 10*window, "maximum of 1 call per 10 s"
	}
	k := giftCall{req.app, req.command}
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gifts.lastCall == nil {
		s.gifts.lastCall = map[giftCall]time.Time{}
	}
	if last, seen := s.gifts.lastCall[k]; seen && now.Sub(last) < window {
		return fail(codeGiftRateLimited, info), false
	}
	s.gifts.lastCall[k] = now
	return answer{}, true
}

// readCatalogue is what a read of app's catalogue sees, ReadLag applied.
// The value is never changed once stored, so it may be read unlocked.
func (s *Server) readCatalogue(app uint64) *catalogue {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.gifts.catalogues[app].read(s.readLag); c != nil {
		return c
	}
	return (*catalogue)(nil).clone()
}

// writeCatalogue runs change on a clone of app's catalogue and stores the
// clone when change reports it applied, opening a lag window.
func (s *Server) writeCatalogue(app uint64, change func(*catalogue) answer) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.gifts.catalogues[app]
	next := l.current().clone()
	a := change(next)
	if a.applied {
		if s.gifts.catalogues == nil {
			s.gifts.catalogues = map[uint64]lagged[catalogue]{}
		}
		s.gifts.catalogues[app] = l.write(next)
	}
	return a
}

// giftPayload answers members beside ErrorCode, or under Response with
// Options.GiftPayloadUnderResponse.
func (s *Server) giftPayload(members map[string]any) answer {
	if s.opts.GiftPayloadUnderResponse {
		return ok(members)
	}
	return answer{top: members}
}

func (s *Server) maxGifts() int {
	if s.opts.MaxGifts > 0 {
		return s.opts.MaxGifts
	}
	return defaultMaxGifts
}

func (s *Server) maxCategories() int {
	if s.opts.MaxCategories > 0 {
		return s.opts.MaxCategories
	}
	return defaultMaxCategories
}

func (s *Server) putGift(req authorised, create bool) answer {
	f := fields{body: req.body}
	g := Gift{
		ID:            f.str("GiftId", true, maxGiftID),
		IconURL:       f.str("IconUrl", false, maxGiftURL),
		ResourceURL:   f.str("ResourceUrl", false, maxGiftURL),
		Coins:         f.integer("Coins", true),
		Level:         f.integer("Level", false),
		ExtensionInfo: f.str("ExtensionInfo", false, maxGiftExtension),
		Name:          f.str("DefaultName", true, maxGiftName),
		Description:   f.str("DefaultDesc", false, maxGiftDesc),
	}
	if f.bad != nil {
		return *f.bad
	}
	return s.writeCatalogue(req.app, func(c *catalogue) answer {
		old, exists := c.gifts[g.ID]
		switch {
		case create && exists:
			return fail(codeGiftAlreadyExists, "gift "+g.ID+" already exists")
		case !create && !exists:
			return fail(codeGiftNotExist, "gift "+g.ID+" does not exist")
		case create && len(c.gifts) >= s.maxGifts():
			return fail(codeInvalidParameter, fmt.Sprintf("gift count exceeds the limit of %d", s.maxGifts()))
		case create:
			c.addGift(g, time.Now())
		default:
			old.Gift = g
			c.gifts[g.ID] = old
		}
		return answer{applied: true}
	})
}

func (s *Server) getGift(req authorised) answer {
	f := fields{body: req.body}
	id := f.str("GiftId", true, maxGiftID)
	if f.bad != nil {
		return *f.bad
	}
	g, found := s.readCatalogue(req.app).gifts[id]
	if !found {
		return fail(codeGiftNotExist, "gift "+id+" does not exist")
	}
	return s.giftPayload(map[string]any{"GiftInfo": g.Gift})
}

func (s *Server) delGift(req authorised) answer {
	f := fields{body: req.body}
	id := f.str("GiftId", true, maxGiftID)
	if f.bad != nil {
		return *f.bad
	}
	return s.writeCatalogue(req.app, func(c *catalogue) answer {
		if _, found := c.gifts[id]; !found {
			return fail(codeGiftNotExist, "gift "+id+" does not exist")
		}
		c.deleteGift(id)
		return answer{applied: true}
	})
}

func (s *Server) putCategory(req authorised, create bool) answer {
	f := fields{body: req.body}
	cat := GiftCategory{
		ID:            f.str("CategoryId", true, maxGiftID),
		ExtensionInfo: f.str("ExtensionInfo", false, maxGiftExtension),
		Name:          f.str("DefaultName", true, maxGiftName),
		Description:   f.str("DefaultDesc", false, maxCategoryDesc),
	}
	if f.bad != nil {
		return *f.bad
	}
	return s.writeCatalogue(req.app, func(c *catalogue) answer {
		old, exists := c.categories[cat.ID]
		switch {
		case create && exists:
			return fail(codeGiftAlreadyExists, "gift category "+cat.ID+" already exists")
		case !create && !exists:
			return fail(codeGiftNotExist, "gift category "+cat.ID+" does not exist")
		case create && len(c.categories) >= s.maxCategories():
			return fail(codeInvalidParameter, fmt.Sprintf("category count exceeds the limit of %d", s.maxCategories()))
		case create:
			c.addCategory(cat)
		default:
			old.GiftCategory = cat
			c.categories[cat.ID] = old
		}
		return answer{applied: true}
	})
}

func (s *Server) getCategory(req authorised) answer {
	f := fields{body: req.body}
	id := f.str("CategoryId", true, maxGiftID)
	if f.bad != nil {
		return *f.bad
	}
	cat, found := s.readCatalogue(req.app).categories[id]
	if !found {
		return fail(codeGiftNotExist, "gift category "+id+" does not exist")
	}
	return s.giftPayload(map[string]any{"GiftCategoryInfo": cat.GiftCategory})
}

// delCategory succeeds when there is no such category (§9).
func (s *Server) delCategory(req authorised) answer {
	f := fields{body: req.body}
	id := f.str("CategoryId", true, maxGiftID)
	if f.bad != nil {
		return *f.bad
	}
	return s.writeCatalogue(req.app, func(c *catalogue) answer {
		if _, found := c.categories[id]; !found {
			return answer{}
		}
		delete(c.categories, id)
		return answer{applied: true}
	})
}

// relationBody reads {CategoryId, GiftIdList}.
func relationBody(body map[string]json.RawMessage) (string, []string, *answer) {
	f := fields{body: body}
	id := f.str("CategoryId", true, maxGiftID)
	gifts := f.strings("GiftIdList")
	return id, gifts, f.bad
}

// addRelations adds to the category's gifts, never replaces; IDs that are
// not gifts come back in InvalidGiftIdList.
func (s *Server) addRelations(req authorised) answer {
	id, gifts, bad := relationBody(req.body)
	if bad != nil {
		return *bad
	}
	invalid := []string{}
	a := s.writeCatalogue(req.app, func(c *catalogue) answer {
		cat, found := c.categories[id]
		if !found {
			return fail(codeGiftNotExist, "gift category "+id+" does not exist")
		}
		changed := false
		for _, g := range gifts {
			_, isGift := c.gifts[g]
			switch {
			case !isGift:
				if !slices.Contains(invalid, g) {
					invalid = append(invalid, g)
				}
			case !slices.Contains(cat.gifts, g):
				cat.gifts = append(cat.gifts, g)
				changed = true
			}
		}
		c.categories[id] = cat
		return answer{applied: changed}
	})
	if a.code != codeOK {
		return a
	}
	out := s.giftPayload(map[string]any{"InvalidGiftIdList": invalid})
	out.applied = a.applied
	return out
}

func (s *Server) delRelations(req authorised) answer {
	id, gifts, bad := relationBody(req.body)
	if bad != nil {
		return *bad
	}
	return s.writeCatalogue(req.app, func(c *catalogue) answer {
		cat, found := c.categories[id]
		if !found {
			return fail(codeGiftNotExist, "gift category "+id+" does not exist")
		}
		before := len(cat.gifts)
		cat.gifts = slices.DeleteFunc(cat.gifts, func(g string) bool { return slices.Contains(gifts, g) })
		c.categories[id] = cat
		return answer{applied: len(cat.gifts) != before}
	})
}

func (s *Server) getRelations(req authorised) answer {
	f := fields{body: req.body}
	id := f.str("CategoryId", true, maxGiftID)
	if f.bad != nil {
		return *f.bad
	}
	cat, found := s.readCatalogue(req.app).categories[id]
	if !found {
		return fail(codeGiftNotExist, "gift category "+id+" does not exist")
	}
	return s.giftPayload(map[string]any{"Relation": map[string]any{"CategoryId": id, "GiftIdList": append([]string{}, cat.gifts...)}})
}

// rowKind tells the gifts' language commands from the categories'.
type rowKind struct {
	object, idField, nameField, descField string
	// answerKey names the language answer's object beside ErrorCode
	// (the pages); under Response it is "Language" (the console).
	answerKey string
	maxDesc   int
}

var (
	giftRows     = rowKind{"gift", "GiftId", "Name", "Desc", "GiftInfo", maxGiftDesc}
	categoryRows = rowKind{"gift category", "CategoryId", "CategoryName", "CategoryDesc", "CategoryInfo", maxCategoryDesc}
)

// rows returns the language rows of object id in c, and whether it exists.
func (k rowKind) rows(c *catalogue, id string) (map[string]GiftText, bool) {
	if k == giftRows {
		g, found := c.gifts[id]
		return g.langs, found
	}
	cat, found := c.categories[id]
	return cat.langs, found
}

func (k rowKind) setRows(c *catalogue, id string, rows map[string]GiftText) {
	if k == giftRows {
		g := c.gifts[id]
		g.langs = rows
		c.gifts[id] = g
		return
	}
	cat := c.categories[id]
	cat.langs = rows
	c.categories[id] = cat
}

// languageBody reads the object ID and Language of a language command.
func (k rowKind) languageBody(f *fields) (id, lang string) {
	id = f.str(k.idField, true, maxGiftID)
	lang = f.str("Language", true, 16)
	if f.bad == nil && !slices.Contains(giftLanguages, lang) {
		f.fail("Language must be one of en, zh-Hans, zh-Hant")
	}
	return id, lang
}

// setLanguage creates a row (the name is required then) or changes only
// the fields sent.
func (s *Server) setLanguage(req authorised, k rowKind) answer {
	f := fields{body: req.body}
	id, lang := k.languageBody(&f)
	name, nameSent := f.optional(k.nameField, maxGiftName)
	desc, descSent := f.optional(k.descField, k.maxDesc)
	switch {
	case f.bad != nil:
	case nameSent && name == "":
		f.fail(k.nameField + " must not be empty")
	case !nameSent && !descSent:
		f.fail(k.nameField + " or " + k.descField + " is required")
	}
	if f.bad != nil {
		return *f.bad
	}
	return s.writeCatalogue(req.app, func(c *catalogue) answer {
		rows, found := k.rows(c, id)
		if !found {
			return fail(codeGiftNotExist, k.object+" "+id+" does not exist")
		}
		row, had := rows[lang]
		if !had && !nameSent {
			return fail(codeInvalidParameter, k.nameField+" is required the first time a language is set")
		}
		if nameSent {
			row.Name = name
		}
		if descSent {
			row.Description = desc
		}
		rows = maps.Clone(rows)
		if rows == nil {
			rows = map[string]GiftText{}
		}
		rows[lang] = row
		k.setRows(c, id, rows)
		return answer{applied: true}
	})
}

func (s *Server) getLanguage(req authorised, k rowKind) answer {
	f := fields{body: req.body}
	id, lang := k.languageBody(&f)
	if f.bad != nil {
		return *f.bad
	}
	rows, found := k.rows(s.readCatalogue(req.app), id)
	if !found {
		return fail(codeGiftNotExist, k.object+" "+id+" does not exist")
	}
	row, had := rows[lang]
	if !had {
		return fail(codeGiftNotExist, k.object+" "+id+" has no "+lang+" language")
	}
	text := map[string]string{k.nameField: row.Name, k.descField: row.Description}
	if s.opts.GiftPayloadUnderResponse {
		return ok(map[string]any{"Language": text})
	}
	return answer{top: map[string]any{k.answerKey: text}}
}

func (s *Server) delLanguage(req authorised, k rowKind) answer {
	f := fields{body: req.body}
	id, lang := k.languageBody(&f)
	if f.bad != nil {
		return *f.bad
	}
	return s.writeCatalogue(req.app, func(c *catalogue) answer {
		rows, found := k.rows(c, id)
		if !found {
			return fail(codeGiftNotExist, k.object+" "+id+" does not exist")
		}
		if _, had := rows[lang]; !had {
			return fail(codeGiftNotExist, k.object+" "+id+" has no "+lang+" language")
		}
		rows = maps.Clone(rows)
		delete(rows, lang)
		k.setRows(c, id, rows)
		return answer{applied: true}
	})
}

// Seeded by copy_default_gift_config.
const (
	defaultCatalogueCategories = 3
	defaultCatalogueGifts      = 15
)

// copyDefault seeds Tencent's default catalogue into an app that has none.
func (s *Server) copyDefault(req authorised) answer {
	return s.writeCatalogue(req.app, func(c *catalogue) answer {
		if !c.empty() {
			return fail(codeGiftAlreadyExists, "the app already has a gift configuration")
		}
		now := time.Now()
		perCategory := defaultCatalogueGifts / defaultCatalogueCategories
		for i := range defaultCatalogueCategories {
			cat := GiftCategory{ID: "default_category_" + strconv.Itoa(i+1), Name: "Category " + strconv.Itoa(i+1)}
			c.addCategory(cat)
			for j := range perCategory {
				n := strconv.Itoa(i*perCategory + j + 1)
				g := Gift{
					ID: "default_gift_" + n, Name: "Gift " + n, Coins: int64(10 * (i*perCategory + j + 1)),
					IconURL: "https://gift.example.com/icon/" + n + ".png", ResourceURL: "https://gift.example.com/anim/" + n + ".svga",
				}
				c.addGift(g, now)
				stored := c.categories[cat.ID]
				stored.gifts = append(stored.gifts, g.ID)
				c.categories[cat.ID] = stored
			}
		}
		return answer{applied: true}
	})
}

// The get_gift_info_list answer, in the console's names.
type (
	listAnswer struct {
		GiftList     []listGift     `json:"GiftList"`
		CategoryList []listCategory `json:"CategoryList"`
		TotalCount   int            `json:"TotalCount"`
	}
	listGift struct {
		GiftID        string         `json:"GiftId"`
		Name          string         `json:"Name"`
		Desc          string         `json:"Desc"`
		IconURL       string         `json:"IconUrl"`
		ResourceURL   string         `json:"ResourceUrl"`
		Coins         int64          `json:"Coins"`
		Level         int64          `json:"Level"`
		ExtensionInfo *string        `json:"ExtensionInfo,omitempty"`
		CreateTime    int64          `json:"CreateTime"`
		LanguageList  []giftLanguage `json:"LanguageList"`
	}
	giftLanguage struct {
		Language string `json:"Language"`
		Name     string `json:"Name"`
		Desc     string `json:"Desc"`
	}
	listCategory struct {
		CategoryID    string             `json:"CategoryId"`
		CategoryName  string             `json:"CategoryName"`
		CategoryDesc  string             `json:"CategoryDesc"`
		ExtensionInfo *string            `json:"ExtensionInfo,omitempty"`
		LanguageList  []categoryLanguage `json:"LanguageList"`
		GiftIDList    []string           `json:"GiftIdList"`
	}
	categoryLanguage struct {
		Language     string `json:"Language"`
		CategoryName string `json:"CategoryName"`
		CategoryDesc string `json:"CategoryDesc"`
	}
)

// giftList is the undocumented get_gift_info_list: the whole catalogue,
// under Response, as Tencent's console reads it.
func (s *Server) giftList(req authorised) answer {
	c := s.readCatalogue(req.app)
	out := listAnswer{GiftList: []listGift{}, CategoryList: []listCategory{}}
	ext := func(v string) *string {
		if s.opts.GiftListExtensionInfo {
			return &v
		}
		return nil
	}
	for _, g := range c.sortedGifts() {
		lg := listGift{
			GiftID: g.ID, Name: g.Name, Desc: g.Description, IconURL: g.IconURL, ResourceURL: g.ResourceURL,
			Coins: g.Coins, Level: g.Level, ExtensionInfo: ext(g.ExtensionInfo), CreateTime: g.created,
			LanguageList: []giftLanguage{},
		}
		for _, lang := range slices.Sorted(maps.Keys(g.langs)) {
			lg.LanguageList = append(lg.LanguageList, giftLanguage{Language: lang, Name: g.langs[lang].Name, Desc: g.langs[lang].Description})
		}
		out.GiftList = append(out.GiftList, lg)
	}
	for _, cat := range c.sortedCategories() {
		lc := listCategory{
			CategoryID: cat.ID, CategoryName: cat.Name, CategoryDesc: cat.Description, ExtensionInfo: ext(cat.ExtensionInfo),
			LanguageList: []categoryLanguage{}, GiftIDList: append([]string{}, cat.gifts...),
		}
		for _, lang := range slices.Sorted(maps.Keys(cat.langs)) {
			lc.LanguageList = append(lc.LanguageList, categoryLanguage{Language: lang, CategoryName: cat.langs[lang].Name, CategoryDesc: cat.langs[lang].Description})
		}
		out.CategoryList = append(out.CategoryList, lc)
	}
	out.TotalCount = len(out.GiftList)
	return ok(out)
}

// fields reads a body strictly, keeping the first refusal: the mock
// should catch a client that sends null, the wrong types or too much.
type fields struct {
	body map[string]json.RawMessage
	bad  *answer
}

func (f *fields) fail(info string) {
	if f.bad == nil {
		a := fail(codeInvalidParameter, info)
		f.bad = &a
	}
}

// str reads a string of at most maxBytes; a required one must be sent and
// not be empty.
func (f *fields) str(name string, required bool, maxBytes int) string {
	v, sent := f.optional(name, maxBytes)
	if required && (!sent || v == "") {
		f.fail(name + " is required")
	}
	return v
}

// optional reads a string of at most maxBytes and reports whether it was
// sent.
func (f *fields) optional(name string, maxBytes int) (string, bool) {
	raw, sent := f.body[name]
	if !sent {
		return "", false
	}
	v, isString := jsonString(raw)
	switch {
	case !isString:
		f.fail(name + " must be a string")
	case len(v) > maxBytes:
		f.fail(fmt.Sprintf("%s exceeds %d bytes", name, maxBytes))
	}
	return v, true
}

// integer reads a JSON integer (1.5, 1e2 and "1" are refused).
func (f *fields) integer(name string, required bool) int64 {
	raw, sent := f.body[name]
	if !sent {
		if required {
			f.fail(name + " is required")
		}
		return 0
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(raw)), 10, 64)
	if err != nil {
		f.fail(name + " must be an integer")
	}
	return n
}

// strings reads a required, non-empty array of strings.
func (f *fields) strings(name string) []string {
	raw, sent := f.body[name]
	var items []json.RawMessage
	if t := bytes.TrimSpace(raw); !sent || len(t) == 0 || t[0] != '[' || json.Unmarshal(t, &items) != nil {
		f.fail(name + " must be an array of strings")
		return nil
	}
	if len(items) == 0 {
		f.fail(name + " must not be empty")
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		v, isString := jsonString(it)
		if !isString {
			f.fail(name + " must be an array of strings")
			return nil
		}
		out = append(out, v)
	}
	return out
}

// Catalogue returns app's gift catalogue as TRTC holds it, ignoring
// ReadLag.
func (s *Server) Catalogue(sdkAppID uint64) GiftCatalogue {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gifts.catalogues[sdkAppID].current().export()
}

// changeCatalogue changes app's catalogue out of band, as someone calling
// the API from elsewhere would. Like SetConfig it is not a write for
// ReadLag and ends a pending lag window.
func (s *Server) changeCatalogue(sdkAppID uint64, change func(*catalogue) bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.gifts.catalogues[sdkAppID].current().clone()
	if !change(next) {
		return false
	}
	if s.gifts.catalogues == nil {
		s.gifts.catalogues = map[uint64]lagged[catalogue]{}
	}
	s.gifts.catalogues[sdkAppID] = lagged[catalogue]{cur: next}
	return true
}

// PutGift adds g, or replaces the gift with its ID (keeping its language
// rows and relations), out of band. No limit is checked.
func (s *Server) PutGift(sdkAppID uint64, g Gift) {
	s.changeCatalogue(sdkAppID, func(c *catalogue) bool {
		if old, found := c.gifts[g.ID]; found {
			old.Gift = g
			c.gifts[g.ID] = old
		} else {
			c.addGift(g, time.Now())
		}
		return true
	})
}

// DeleteGift removes a gift with its language rows and relations, out of
// band; it reports whether there was one.
func (s *Server) DeleteGift(sdkAppID uint64, id string) bool {
	return s.changeCatalogue(sdkAppID, func(c *catalogue) bool {
		if _, found := c.gifts[id]; !found {
			return false
		}
		c.deleteGift(id)
		return true
	})
}

// PutGiftCategory adds cat, or replaces the category with its ID (keeping
// its language rows and relations), out of band. No limit is checked.
func (s *Server) PutGiftCategory(sdkAppID uint64, cat GiftCategory) {
	s.changeCatalogue(sdkAppID, func(c *catalogue) bool {
		if old, found := c.categories[cat.ID]; found {
			old.GiftCategory = cat
			c.categories[cat.ID] = old
		} else {
			c.addCategory(cat)
		}
		return true
	})
}

// DeleteGiftCategory removes a category with its language rows and
// relations, out of band; it reports whether there was one.
func (s *Server) DeleteGiftCategory(sdkAppID uint64, id string) bool {
	return s.changeCatalogue(sdkAppID, func(c *catalogue) bool {
		if _, found := c.categories[id]; !found {
			return false
		}
		delete(c.categories, id)
		return true
	})
}

// PutGiftLanguage sets a gift's row in language (any string: out of band,
// nothing is checked); it reports false, changing nothing, when there is
// no such gift.
func (s *Server) PutGiftLanguage(sdkAppID uint64, giftID, language string, t GiftText) bool {
	return s.putRow(sdkAppID, giftRows, giftID, language, &t)
}

// DeleteGiftLanguage removes a gift's row in language, out of band; it
// reports whether the gift exists.
func (s *Server) DeleteGiftLanguage(sdkAppID uint64, giftID, language string) bool {
	return s.putRow(sdkAppID, giftRows, giftID, language, nil)
}

// PutCategoryLanguage is PutGiftLanguage for a category.
func (s *Server) PutCategoryLanguage(sdkAppID uint64, categoryID, language string, t GiftText) bool {
	return s.putRow(sdkAppID, categoryRows, categoryID, language, &t)
}

// DeleteCategoryLanguage is DeleteGiftLanguage for a category.
func (s *Server) DeleteCategoryLanguage(sdkAppID uint64, categoryID, language string) bool {
	return s.putRow(sdkAppID, categoryRows, categoryID, language, nil)
}

func (s *Server) putRow(sdkAppID uint64, k rowKind, id, language string, t *GiftText) bool {
	return s.changeCatalogue(sdkAppID, func(c *catalogue) bool {
		rows, found := k.rows(c, id)
		if !found {
			return false
		}
		rows = maps.Clone(rows)
		if rows == nil {
			rows = map[string]GiftText{}
		}
		if t == nil {
			delete(rows, language)
		} else {
			rows[language] = *t
		}
		k.setRows(c, id, rows)
		return true
	})
}

// SetRelations replaces a category's gifts with giftIDs as given (nothing
// is checked), out of band; it reports false when there is no such
// category.
func (s *Server) SetRelations(sdkAppID uint64, categoryID string, giftIDs []string) bool {
	return s.changeCatalogue(sdkAppID, func(c *catalogue) bool {
		cat, found := c.categories[categoryID]
		if !found {
			return false
		}
		cat.gifts = slices.Clone(giftIDs)
		c.categories[categoryID] = cat
		return true
	})
}
