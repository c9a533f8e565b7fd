package trtcapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// GiftService is the TUILiveKit gift catalogue's service
// (docs/development/trtc-api.md §9).
const GiftService = "live_engine_http_srv"

// The languages a gift's or a category's language row may be in (§9). An
// app shows the default name and description in any other.
const (
	LanguageEnglish            = "en"
	LanguageSimplifiedChinese  = "zh-Hans"
	LanguageTraditionalChinese = "zh-Hant"
)

// GiftLanguages returns the languages a row may be in.
func GiftLanguages() []string {
	return []string{LanguageEnglish, LanguageSimplifiedChinese, LanguageTraditionalChinese}
}

// Gift is one gift of an app's catalogue, in add_gift's wire names.
type Gift struct {
	ID            string `json:"GiftId"`
	Name          string `json:"DefaultName"`
	Description   string `json:"DefaultDesc"`
	Coins         int64  `json:"Coins"`
	Level         int64  `json:"Level"`
	IconURL       string `json:"IconUrl"`
	ResourceURL   string `json:"ResourceUrl"`
	ExtensionInfo string `json:"ExtensionInfo"`
}

// Category is one gift category, in add_gift_category's wire names.
type Category struct {
	ID            string `json:"CategoryId"`
	Name          string `json:"DefaultName"`
	Description   string `json:"DefaultDesc"`
	ExtensionInfo string `json:"ExtensionInfo"`
}

// Language is a gift's or a category's name and description in one
// language.
type Language struct {
	Name        string
	Description string
}

// LanguageUpdate is a partial write of a language row: a nil field is not
// sent, and TRTC leaves it as it is. The first write of a row needs Name.
// A pointer to "" sends "" (clears the description).
type LanguageUpdate struct {
	Name        *string
	Description *string
}

// Catalogue is an app's whole gift catalogue as get_gift_info_list
// answers it.
type Catalogue struct {
	Gifts      []CatalogueGift
	Categories []CatalogueCategory
	// ExtensionInfoListed reports that every gift and category listed
	// came with an ExtensionInfo member. Whether the list gives it is
	// undocumented (§9; Tencent's console never reads it there): when
	// false, ExtensionInfo is "" for want of data, so do not compare it,
	// and read it with GetGift or GetCategory where it matters.
	ExtensionInfoListed bool
}

// CatalogueGift is a gift as listed.
type CatalogueGift struct {
	Gift
	// Languages are the rows the list gave with a name or description.
	Languages map[string]Language
	// UnreadLanguages are rows the list named without either: read them
	// with GetGiftLanguage, as Tencent's console does.
	UnreadLanguages []string
	// CreateTime is when the gift was added, in Unix seconds; 0 when the
	// list did not say.
	CreateTime int64
}

// CatalogueCategory is a category as listed.
type CatalogueCategory struct {
	Category
	// Languages and UnreadLanguages: as for CatalogueGift; read unread
	// rows with GetCategoryLanguage.
	Languages       map[string]Language
	UnreadLanguages []string
	// GiftIDs are the gifts the category shows.
	GiftIDs []string
}

// Gift returns the listed gift with id.
func (c Catalogue) Gift(id string) (CatalogueGift, bool) {
	for _, g := range c.Gifts {
		if g.ID == id {
			return g, true
		}
	}
	return CatalogueGift{}, false
}

// Category returns the listed category with id.
func (c Catalogue) Category(id string) (CatalogueCategory, bool) {
	for _, cat := range c.Categories {
		if cat.ID == id {
			return cat, true
		}
	}
	return CatalogueCategory{}, false
}

// ErrListUnavailable: get_gift_info_list, which Tencent's console uses but
// no page documents, was refused as an unknown command (60009). Callers
// fall back to reading objects one by one (GetGift, GetCategory, ...).
var ErrListUnavailable = errors.New("get_gift_info_list is not available")

// Kinds of CapacityError.
const (
	CapacityGift     = "gift"
	CapacityCategory = "category"
)

// CapacityError is an add refused because the app's package holds no
// more gifts or categories (one page says 16 and 3; others, that it
// depends on the package). How TRTC says so is undocumented: this is a
// best-effort reading of the answer's ErrorInfo, and an add refused for
// capacity in other words is a plain *APIError. Err is that answer.
type CapacityError struct {
	Kind  string // CapacityGift or CapacityCategory
	Limit int    // as the answer gave it; 0 when it did not
	Err   *APIError
}

func (e *CapacityError) Error() string {
	limit := ""
	if e.Limit > 0 {
		limit = " (limit " + strconv.Itoa(e.Limit) + ")"
	}
	return fmt.Sprintf("the app's TUILiveKit package holds no more %s%s: %v", plural(e.Kind), limit, e.Err)
}

func (e *CapacityError) Unwrap() error { return e.Err }

func plural(kind string) string {
	if kind == CapacityCategory {
		return "categories"
	}
	return "gifts"
}

// Gifts calls the gift catalogue of the client's app. Every command is
// spaced 1.1 s from the last call of the same command (see limits.go), and
// the app needs a TUILiveKit trial or paid edition (ErrNotLiveKitEdition).
//
// TRTC documents no code for "does not exist" or "already exists" (§9),
// so no single code is taken to mean that an object is gone: callers
// decide existence from the catalogue (List), or, where the list is
// unavailable, from a per-object read whose failure is then confirmed
// (ExistsGift, ExistsCategory). Reads may lag writes.
type Gifts struct{ c *Client }

// Gifts returns the API of the app's gift catalogue.
func (c *Client) Gifts() *Gifts { return &Gifts{c: c} }

func (g *Gifts) call(ctx context.Context, command string, in, out any) error {
	return g.c.Call(ctx, GiftService, command, in, out)
}

// List reads the whole catalogue with get_gift_info_list (undocumented,
// used by Tencent's console). errors.Is(err, ErrListUnavailable) when the
// command is refused as unknown.
func (g *Gifts) List(ctx context.Context) (Catalogue, error) {
	var out wireList
	err := g.call(ctx, commandGiftList, nil, &out)
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.ErrorCode == CodeUnknownCommand {
		return Catalogue{}, fmt.Errorf("%w: %w", ErrListUnavailable, err)
	}
	if err != nil {
		return Catalogue{}, err
	}
	if out.GiftList == nil && out.CategoryList == nil && out.TotalCount == nil {
		return Catalogue{}, noPayload(commandGiftList, "GiftList")
	}
	return out.catalogue(), nil
}

// GetGift reads one gift with get_gift.
func (g *Gifts) GetGift(ctx context.Context, id string) (Gift, error) {
	var out struct{ GiftInfo *wireGift }
	if err := g.call(ctx, "get_gift", giftRef{id}, &out); err != nil {
		return Gift{}, err
	}
	if out.GiftInfo == nil {
		return Gift{}, noPayload("get_gift", "GiftInfo")
	}
	return out.GiftInfo.gift(), nil
}

// AddGift creates a gift with add_gift, sending every field. A
// *CapacityError when the package holds no more gifts (best effort).
// IsUncertain(err) says whether a failed write may have landed: the
// caller settles it by reading, as for every write.
func (g *Gifts) AddGift(ctx context.Context, gift Gift) error {
	err := capacity(CapacityGift, g.call(ctx, "add_gift", gift, nil))
	return err
}

// EditGift changes an existing gift with edit_gift (undocumented, used by
// Tencent's console). It sends every field, so it replaces the gift
// whether TRTC reads a missing field as "unchanged" or as "empty".
func (g *Gifts) EditGift(ctx context.Context, gift Gift) error {
	err := g.call(ctx, "edit_gift", gift, nil)
	return err
}

// DeleteGift deletes a gift with del_gift; TRTC deletes its language rows
// and relations with it. A gift that is already gone is success, once
// confirmed (see ExistsGift): the code TRTC answers for it is
// undocumented.
func (g *Gifts) DeleteGift(ctx context.Context, id string) error {
	err := g.call(ctx, "del_gift", giftRef{id}, nil)
	if err == nil || !mayMeanMissing(err) {
		return err
	}
	if exists, eerr := g.ExistsGift(ctx, id); eerr == nil && !exists {
		return nil
	}
	return err
}

// ExistsGift decides whether the app has gift id. Since no code is
// documented to mean "does not exist", a failed get_gift alone proves
// nothing, and the rule is:
//
//   - get_gift succeeds: true.
//   - it fails without a definitive answer (transient faults, rate
//     limits, timeouts), or with an answer about the request or the app
//     rather than the gift (60000–79999, 102001, 100006): that error.
//   - otherwise the failure is confirmed by the catalogue: when List
//     succeeds, whether the gift is listed;
//   - when List is unavailable (ErrListUnavailable): false if get_gift
//     answered 100004 (what Live room pages use for "does not exist") or
//     an ErrorInfo saying the gift does not exist, else get_gift's error;
//   - when List fails otherwise: the error, since nothing confirms.
//
// Reads may lag writes: a gift added a moment ago may not show yet.
func (g *Gifts) ExistsGift(ctx context.Context, id string) (bool, error) {
	_, err := g.GetGift(ctx, id)
	if err == nil {
		return true, nil
	}
	return g.confirm(ctx, err, func(c Catalogue) bool { _, ok := c.Gift(id); return ok })
}

// GetGiftLanguage reads a gift's row in language with get_gift_language.
// Its answer is GiftInfo {Name, Desc} beside ErrorCode on the page and
// Response.Language {Name, Desc} in Tencent's console: either is read.
func (g *Gifts) GetGiftLanguage(ctx context.Context, id, language string) (Language, error) {
	var out struct{ GiftInfo, Language *wireText }
	if err := g.call(ctx, "get_gift_language", giftLanguage{GiftID: id, Language: language}, &out); err != nil {
		return Language{}, err
	}
	t := out.Language
	if t == nil {
		t = out.GiftInfo
	}
	if t == nil {
		return Language{}, noPayload("get_gift_language", "GiftInfo or Language")
	}
	return t.language(false), nil
}

// SetGiftLanguage writes a gift's row in language with set_gift_language,
// sending only the fields u gives.
func (g *Gifts) SetGiftLanguage(ctx context.Context, id, language string, u LanguageUpdate) error {
	if u.Name == nil && u.Description == nil {
		return errors.New("set_gift_language: nothing to set: give a name, a description or both")
	}
	err := g.call(ctx, "set_gift_language", giftLanguage{GiftID: id, Language: language, Name: u.Name, Desc: u.Description}, nil)
	return err
}

// DeleteGiftLanguage deletes a gift's row in language. A row (or gift)
// that is already gone is success, once confirmed as for ExistsGift.
func (g *Gifts) DeleteGiftLanguage(ctx context.Context, id, language string) error {
	err := g.call(ctx, "del_gift_language", giftLanguage{GiftID: id, Language: language}, nil)
	if err == nil || !mayMeanMissing(err) {
		return err
	}
	_, rerr := g.GetGiftLanguage(ctx, id, language)
	if rerr == nil {
		return err
	}
	present, cerr := g.confirm(ctx, rerr, func(c Catalogue) bool {
		gift, ok := c.Gift(id)
		return ok && hasRow(gift.Languages, gift.UnreadLanguages, language)
	})
	if cerr == nil && !present {
		return nil
	}
	return err
}

// GetCategory reads one category with get_gift_category.
func (g *Gifts) GetCategory(ctx context.Context, id string) (Category, error) {
	var out struct{ GiftCategoryInfo *wireCategory }
	if err := g.call(ctx, "get_gift_category", categoryRef{id}, &out); err != nil {
		return Category{}, err
	}
	if out.GiftCategoryInfo == nil {
		return Category{}, noPayload("get_gift_category", "GiftCategoryInfo")
	}
	return out.GiftCategoryInfo.category(), nil
}

// AddCategory creates a category with add_gift_category, sending every
// field; a *CapacityError when the package holds no more categories (best
// effort).
func (g *Gifts) AddCategory(ctx context.Context, cat Category) error {
	err := capacity(CapacityCategory, g.call(ctx, "add_gift_category", cat, nil))
	return err
}

// EditCategory changes an existing category with edit_gift_category
// (undocumented, used by Tencent's console), sending every field.
func (g *Gifts) EditCategory(ctx context.Context, cat Category) error {
	err := g.call(ctx, "edit_gift_category", cat, nil)
	return err
}

// DeleteCategory deletes a category with del_gift_category, with its
// language rows and relations; TRTC answers success when there is none.
func (g *Gifts) DeleteCategory(ctx context.Context, id string) error {
	return g.call(ctx, "del_gift_category", categoryRef{id}, nil)
}

// ExistsCategory is ExistsGift for a category.
func (g *Gifts) ExistsCategory(ctx context.Context, id string) (bool, error) {
	_, err := g.GetCategory(ctx, id)
	if err == nil {
		return true, nil
	}
	return g.confirm(ctx, err, func(c Catalogue) bool { _, ok := c.Category(id); return ok })
}

// GetCategoryLanguage reads a category's row in language. Its answer is
// CategoryInfo {CategoryName, CategoryDesc} on the page and
// Response.Language {CategoryName, CategoryDesc} in Tencent's console:
// either is read.
func (g *Gifts) GetCategoryLanguage(ctx context.Context, id, language string) (Language, error) {
	var out struct{ CategoryInfo, Language *wireText }
	if err := g.call(ctx, "get_gift_category_language", categoryLanguage{CategoryID: id, Language: language}, &out); err != nil {
		return Language{}, err
	}
	t := out.Language
	if t == nil {
		t = out.CategoryInfo
	}
	if t == nil {
		return Language{}, noPayload("get_gift_category_language", "CategoryInfo or Language")
	}
	return t.language(true), nil
}

// SetCategoryLanguage writes a category's row in language, sending only
// the fields u gives (as CategoryName and CategoryDesc).
func (g *Gifts) SetCategoryLanguage(ctx context.Context, id, language string, u LanguageUpdate) error {
	if u.Name == nil && u.Description == nil {
		return errors.New("set_gift_category_language: nothing to set: give a name, a description or both")
	}
	err := g.call(ctx, "set_gift_category_language", categoryLanguage{CategoryID: id, Language: language, Name: u.Name, Desc: u.Description}, nil)
	return err
}

// DeleteCategoryLanguage deletes a category's row in language; one already
// gone is success, once confirmed.
func (g *Gifts) DeleteCategoryLanguage(ctx context.Context, id, language string) error {
	err := g.call(ctx, "del_gift_category_language", categoryLanguage{CategoryID: id, Language: language}, nil)
	if err == nil || !mayMeanMissing(err) {
		return err
	}
	_, rerr := g.GetCategoryLanguage(ctx, id, language)
	if rerr == nil {
		return err
	}
	present, cerr := g.confirm(ctx, rerr, func(c Catalogue) bool {
		cat, ok := c.Category(id)
		return ok && hasRow(cat.Languages, cat.UnreadLanguages, language)
	})
	if cerr == nil && !present {
		return nil
	}
	return err
}

// AddRelations adds giftIDs to the gifts categoryID shows; it never
// removes any. invalid lists the IDs TRTC found to be no gift. No IDs, no
// request.
func (g *Gifts) AddRelations(ctx context.Context, categoryID string, giftIDs []string) (invalid []string, err error) {
	if len(giftIDs) == 0 {
		return nil, nil
	}
	var out struct {
		Invalid []string `json:"InvalidGiftIdList"`
	}
	if err := g.call(ctx, "add_gift_category_relations", relations{categoryID, giftIDs}, &out); err != nil {
		return nil, err
	}
	return out.Invalid, nil
}

// DeleteRelations removes giftIDs from the gifts categoryID shows. No
// IDs, no request. Relations that are already gone are success, once
// confirmed by the catalogue: del_gift removes a gift from every category,
// and what TRTC answers for a relation to a gift it deleted is
// undocumented.
func (g *Gifts) DeleteRelations(ctx context.Context, categoryID string, giftIDs []string) error {
	if len(giftIDs) == 0 {
		return nil
	}
	err := g.call(ctx, "del_gift_category_relations", relations{categoryID, giftIDs}, nil)
	if err == nil || !mayMeanMissing(err) {
		return err
	}
	cat, lerr := g.List(ctx)
	if lerr != nil {
		return err
	}
	c, ok := cat.Category(categoryID)
	if !ok {
		return err
	}
	for _, id := range giftIDs {
		if slices.Contains(c.GiftIDs, id) {
			return err
		}
	}
	return nil
}

// GetRelations reads the gifts categoryID shows.
func (g *Gifts) GetRelations(ctx context.Context, categoryID string) ([]string, error) {
	var out struct {
		Relation *struct {
			GiftIDs []string `json:"GiftIdList"`
		}
	}
	if err := g.call(ctx, "get_gift_category_relations", categoryRef{categoryID}, &out); err != nil {
		return nil, err
	}
	if out.Relation == nil {
		return nil, noPayload("get_gift_category_relations", "Relation")
	}
	if out.Relation.GiftIDs == nil {
		return []string{}, nil
	}
	return out.Relation.GiftIDs, nil
}

// CopyDefault seeds Tencent's default catalogue (3 categories, 15 gifts)
// with copy_default_gift_config; TRTC allows it only while the app has no
// gift configuration, and once per 10 s.
func (g *Gifts) CopyDefault(ctx context.Context) error {
	return g.call(ctx, copyDefaultCommand, nil, nil)
}

// commandGiftList is the undocumented catalogue read.
const commandGiftList = "get_gift_info_list"

// confirm decides, after a read of one object failed with readErr,
// whether the object is there, by the rule ExistsGift documents; listed
// says whether a catalogue shows it.
func (g *Gifts) confirm(ctx context.Context, readErr error, listed func(Catalogue) bool) (bool, error) {
	if !mayMeanMissing(readErr) {
		return false, readErr
	}
	cat, err := g.List(ctx)
	switch {
	case err == nil:
		return listed(cat), nil
	case errors.Is(err, ErrListUnavailable) && saysMissing(readErr):
		return false, nil
	case errors.Is(err, ErrListUnavailable):
		return false, readErr
	}
	return false, fmt.Errorf("%w; confirming with %s failed: %w", readErr, commandGiftList, err)
}

// MissingWithoutList reports whether readErr, the failure of a per-object
// read (get_gift, get_gift_category, a language or relations read), says
// that the object does not exist, by ExistsGift's rule for when the list
// is unavailable: a definitive answer about the object that is 100004 or
// whose ErrorInfo says so. Callers that already know List to be
// unavailable use it instead of ExistsGift, which would ask again.
func MissingWithoutList(readErr error) bool {
	return mayMeanMissing(readErr) && saysMissing(readErr)
}

// mayMeanMissing: err is a definitive answer that could be about the
// object. Failures without an answer, and answers about the request, the
// credentials or the app (the common 60000–79999 codes, 102001, 100006),
// cannot.
func mayMeanMissing(err error) bool {
	var reqErr *RequestError
	var apiErr *APIError
	if errors.As(err, &reqErr) || !errors.As(err, &apiErr) || apiErr.Class() != ClassPermanent {
		return false
	}
	switch code := apiErr.ErrorCode; {
	case code < 100000, code == CodeNotLiveKitEdition, code == CodeNotLiveAdministrator:
		return false
	}
	return true
}

// codeObjectMissing is what Live room pages answer for "does not exist";
// for the gift catalogue it is a guess, used only where nothing else can
// confirm.
const codeObjectMissing = 100004

var missingInfo = regexp.MustCompile(`(?i)not\s+exist|does\s*n[o']t\s+exist|not\s+found|no\s+such|不存在`)

// saysMissing: the answer says the object does not exist.
func saysMissing(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && (apiErr.ErrorCode == codeObjectMissing || missingInfo.MatchString(apiErr.ErrorInfo))
}

var (
	capacityInfo = regexp.MustCompile(`(?i)\b(gifts?|categor(?:y|ies))\b[^.;]*?\b(?:count|number|quantity|total)\b[^.;]*?\b(?:exceed\w*|limit\w*|max\w*|reach\w*|over)\b` +
		`|\b(?:count|number|quantity|total)\s+of\s+(gifts?|categor(?:y|ies))\b[^.;]*?\b(?:exceed\w*|limit\w*|max\w*|reach\w*|over)\b` +
		`|\btoo\s+many\s+(gifts|categories)\b` +
		`|(礼物|分类)[^。；]*?(?:数量|个数|总数)[^。；]*?(?:超|上限|最多)`)
	capacityLimit = regexp.MustCompile(`(?i)(?:limit|max\w*|up\s+to|at\s+most|上限|最多)\D{0,12}?(\d+)`)
)

// capacity reads an add's refusal as a *CapacityError when its ErrorInfo
// says the catalogue is full; kind is what the command adds.
func capacity(kind string, err error) error {
	var apiErr *APIError
	if err == nil || !errors.As(err, &apiErr) || apiErr.Class() != ClassPermanent {
		return err
	}
	m := capacityInfo.FindStringSubmatch(apiErr.ErrorInfo)
	if m == nil {
		return err
	}
	for _, word := range m[1:] {
		switch {
		case strings.HasPrefix(strings.ToLower(word), "categor"), word == "分类":
			kind = CapacityCategory
		case strings.HasPrefix(strings.ToLower(word), "gift"), word == "礼物":
			kind = CapacityGift
		}
	}
	e := &CapacityError{Kind: kind, Err: apiErr}
	if l := capacityLimit.FindStringSubmatch(apiErr.ErrorInfo); l != nil {
		e.Limit, _ = strconv.Atoi(l[1])
	}
	return e
}

// noPayload is a successful answer without the object it should carry.
func noPayload(command, member string) error {
	return fmt.Errorf("TRTC %s/%s: %w", GiftService, command,
		&InvalidAnswerError{ContentType: "application/json", Reason: "the answer has no " + member + ", neither under Response nor beside ErrorCode"})
}

func hasRow(rows map[string]Language, unread []string, language string) bool {
	if _, ok := rows[language]; ok {
		return true
	}
	for _, l := range unread {
		if l == language {
			return true
		}
	}
	return false
}

// Request bodies.
type (
	giftRef struct {
		ID string `json:"GiftId"`
	}
	categoryRef struct {
		ID string `json:"CategoryId"`
	}
	giftLanguage struct {
		GiftID   string  `json:"GiftId"`
		Language string  `json:"Language"`
		Name     *string `json:"Name,omitempty"`
		Desc     *string `json:"Desc,omitempty"`
	}
	categoryLanguage struct {
		CategoryID string  `json:"CategoryId"`
		Language   string  `json:"Language"`
		Name       *string `json:"CategoryName,omitempty"`
		Desc       *string `json:"CategoryDesc,omitempty"`
	}
	relations struct {
		CategoryID string   `json:"CategoryId"`
		GiftIDs    []string `json:"GiftIdList"`
	}
)

// Answers. They are read leniently where TRTC's own readers disagree:
// numbers may come as strings, and the list's names (Name, Desc) and the
// objects' (DefaultName, DefaultDesc) are both accepted.
type (
	wireGift struct {
		ID            string  `json:"GiftId"`
		DefaultName   *string `json:"DefaultName"`
		DefaultDesc   *string `json:"DefaultDesc"`
		Name          *string `json:"Name"`
		Desc          *string `json:"Desc"`
		Coins         wireInt `json:"Coins"`
		Level         wireInt `json:"Level"`
		IconURL       string  `json:"IconUrl"`
		ResourceURL   string  `json:"ResourceUrl"`
		ExtensionInfo *string `json:"ExtensionInfo"`
	}
	wireCategory struct {
		ID            string  `json:"CategoryId"`
		DefaultName   *string `json:"DefaultName"`
		DefaultDesc   *string `json:"DefaultDesc"`
		CategoryName  *string `json:"CategoryName"`
		CategoryDesc  *string `json:"CategoryDesc"`
		ExtensionInfo *string `json:"ExtensionInfo"`
	}
	// wireText is a language answer or a LanguageList entry, with the
	// gifts' names and the categories'.
	wireText struct {
		Language     wireString `json:"Language"`
		Name         *string    `json:"Name"`
		Desc         *string    `json:"Desc"`
		CategoryName *string    `json:"CategoryName"`
		CategoryDesc *string    `json:"CategoryDesc"`
	}
	wireList struct {
		GiftList     []wireListGift     `json:"GiftList"`
		CategoryList []wireListCategory `json:"CategoryList"`
		TotalCount   json.RawMessage    `json:"TotalCount"`
	}
	wireListGift struct {
		wireGift
		CreateTime   json.RawMessage `json:"CreateTime"`
		LanguageList []wireText      `json:"LanguageList"`
	}
	wireListCategory struct {
		wireCategory
		LanguageList []wireText `json:"LanguageList"`
		GiftIDList   []string   `json:"GiftIdList"`
	}
)

// first returns the first of vs that was sent.
func first(vs ...*string) string {
	for _, v := range vs {
		if v != nil {
			return *v
		}
	}
	return ""
}

func deref(v *string) string { return first(v) }

func (w wireGift) gift() Gift {
	return Gift{
		ID: w.ID, Name: first(w.DefaultName, w.Name), Description: first(w.DefaultDesc, w.Desc),
		Coins: int64(w.Coins), Level: int64(w.Level), IconURL: w.IconURL, ResourceURL: w.ResourceURL,
		ExtensionInfo: deref(w.ExtensionInfo),
	}
}

func (w wireCategory) category() Category {
	return Category{
		ID: w.ID, Name: first(w.DefaultName, w.CategoryName), Description: first(w.DefaultDesc, w.CategoryDesc),
		ExtensionInfo: deref(w.ExtensionInfo),
	}
}

// language reads the text under a gift's names (Name, Desc) or a
// category's (CategoryName, CategoryDesc), falling back to the other's.
func (w wireText) language(category bool) Language {
	if category {
		return Language{Name: first(w.CategoryName, w.Name), Description: first(w.CategoryDesc, w.Desc)}
	}
	return Language{Name: first(w.Name, w.CategoryName), Description: first(w.Desc, w.CategoryDesc)}
}

// rows splits a LanguageList into rows with text and rows named only.
func rows(list []wireText, category bool) (map[string]Language, []string) {
	out := map[string]Language{}
	var unread []string
	for _, w := range list {
		l := w.language(category)
		switch {
		case w.Language == "":
		case l.Name == "" && l.Description == "":
			unread = append(unread, string(w.Language))
		default:
			out[string(w.Language)] = l
		}
	}
	return out, unread
}

func (w wireList) catalogue() Catalogue {
	c := Catalogue{ExtensionInfoListed: len(w.GiftList)+len(w.CategoryList) > 0}
	for _, wg := range w.GiftList {
		g := CatalogueGift{Gift: wg.gift(), CreateTime: unixTime(wg.CreateTime)}
		g.Name, g.Description = first(wg.Name, wg.DefaultName), first(wg.Desc, wg.DefaultDesc)
		g.Languages, g.UnreadLanguages = rows(wg.LanguageList, false)
		c.ExtensionInfoListed = c.ExtensionInfoListed && wg.ExtensionInfo != nil
		c.Gifts = append(c.Gifts, g)
	}
	for _, wc := range w.CategoryList {
		cat := CatalogueCategory{Category: wc.category(), GiftIDs: wc.GiftIDList}
		cat.Name, cat.Description = first(wc.CategoryName, wc.DefaultName), first(wc.CategoryDesc, wc.DefaultDesc)
		cat.Languages, cat.UnreadLanguages = rows(wc.LanguageList, true)
		if cat.GiftIDs == nil {
			cat.GiftIDs = []string{}
		}
		c.ExtensionInfoListed = c.ExtensionInfoListed && wc.ExtensionInfo != nil
		c.Categories = append(c.Categories, cat)
	}
	return c
}

// unixTime reads a CreateTime: Unix seconds as a number or a numeric
// string (as Tencent's console reads it); anything else is 0, since a
// time the client does not understand must not fail the whole list.
func unixTime(raw json.RawMessage) int64 {
	var n wireInt
	if len(raw) == 0 || n.UnmarshalJSON(raw) != nil {
		return 0
	}
	return int64(n)
}

// wireInt is an integer sent as a JSON number or a numeric string.
type wireInt int64

func (n *wireInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		b = []byte(strings.TrimSpace(s))
	}
	if v, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		*n = wireInt(v)
		return nil
	}
	// 10.0 is 10; 10.5 is no integer.
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || f != float64(int64(f)) {
		return fmt.Errorf("%s is not an integer", b)
	}
	*n = wireInt(int64(f))
	return nil
}

// wireString is a string sent as a JSON string or a number (a language
// code, which Tencent's console accepts either way).
type wireString string

func (s *wireString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	var v string
	switch {
	case bytes.Equal(b, []byte("null")):
		return nil
	case len(b) > 0 && b[0] == '"':
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
	default:
		v = string(b)
	}
	*s = wireString(v)
	return nil
}
