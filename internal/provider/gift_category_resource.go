package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// A category of an app's TUILiveKit gift catalogue
// (docs/development/trtc-api.md §9), an object kind of the lifecycle
// engine with an ID of its own, category_id. Its value is its fields, its
// language rows and the gifts it shows (relations). Relations are additive
// in the API, so an update deletes and adds exactly the difference, after
// the category's own fields and rows; additions come last, since TRTC may
// take them only in part (IDs that are no gift).
type categoryKind struct{}

func newGiftCategoryResource() resource.Resource {
	return &lifecycle[categoryModel, categoryValue]{kind: categoryKind{}}
}

type categoryModel struct {
	objectFields
	CategoryID    types.String `tfsdk:"category_id"`
	Name          types.String `tfsdk:"name"`
	Description   types.String `tfsdk:"description"`
	ExtensionInfo types.String `tfsdk:"extension_info"`
	Languages     types.Map    `tfsdk:"languages"`
	GiftIDs       types.Set    `tfsdk:"gift_ids"`
}

// categoryValue is a category as TRTC holds it or is to hold it.
type categoryValue struct {
	trtcapi.Category
	languages map[string]trtcapi.Language
	giftIDs   []string // sorted, each once
	// extensionKnown: as for giftValue.
	extensionKnown bool
}

func (categoryKind) typeName() string { return liveGiftCategoryType }
func (categoryKind) noun() string     { return "TUILiveKit gift category" }

func (categoryKind) description() string {
	return "Manages one category of an app's TUILiveKit gift catalogue: its default name and description, its " +
		"names in other languages, and the gifts it shows (`gift_ids`). Apps show gifts by category.\n\n" +
		"**Deleting a gift removes it from every category**: a category whose configuration still lists a " +
		"deleted gift shows it missing from `gift_ids` at the next plan, as drift, not as an error. Refer to the " +
		"gifts (`gift_ids = [trtc_live_gift.rose.gift_id]`), so that Terraform creates them before the category " +
		"shows them. When a gift leaves the configuration together with its place in a category, Terraform " +
		"deletes the gift first (which removes it from the category) and the category's update finds nothing " +
		"left to remove.\n\n" +
		"Deleting a category deletes its language rows and relations, never its gifts. Like every gift command, " +
		"each category command is called at most once per 1.1 s per app."
}

func (categoryKind) attributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"category_id": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The category's ID, unique within the app, 1 to %d bytes; you choose "+
				"it. Changing it replaces the category.", maxGiftIDBytes),
			Required:   true,
			Validators: []validator.String{byteLength(1, maxGiftIDBytes)},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The default name (`DefaultName`), shown in languages without a row "+
				"in `languages`: 1 to %d bytes (a Chinese character takes 3).", maxGiftNameBytes),
			Required:   true,
			Validators: []validator.String{byteLength(1, maxGiftNameBytes)},
		},
		"description": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The default description (`DefaultDesc`), at most %d bytes. "+
				"Defaults to empty.", maxCategoryDescBytes),
			Optional:   true,
			Computed:   true,
			Default:    stringdefault.StaticString(""),
			Validators: []validator.String{byteLength(0, maxCategoryDescBytes)},
		},
		"extension_info": extensionInfoAttribute("category"),
		"languages":      languagesAttribute("category", maxCategoryDescBytes),
		"gift_ids": schema.SetAttribute{
			MarkdownDescription: "The IDs of the gifts the category shows. Defaults to none. An update adds and " +
				"removes only the difference. A gift the app does not have cannot be shown: TRTC leaves it out " +
				"(`InvalidGiftIdList`), the apply warns, and the next plan shows it missing. A category cannot know " +
				"at plan time which gifts other resources will create, so refer to them " +
				"(`trtc_live_gift.rose.gift_id`): Terraform then creates them first. When a gift is deleted, TRTC " +
				"removes it from every category, which the next plan shows as drift.",
			Optional:    true,
			Computed:    true,
			ElementType: types.StringType,
			Default:     setdefault.StaticValue(types.SetValueMust(types.StringType, []attr.Value{})),
			Validators:  []validator.Set{setvalidator.ValueStringsAre(byteLength(1, maxGiftIDBytes))},
		},
	}
}

func (categoryKind) objectIDAttribute() string        { return "category_id" }
func (categoryKind) objectID(m *categoryModel) string { return m.CategoryID.ValueString() }

func (m *categoryModel) value(ctx context.Context) (categoryValue, diag.Diagnostics) {
	langs, diags := languagesOf(ctx, m.Languages)
	var ids []string
	if !m.GiftIDs.IsNull() && !m.GiftIDs.IsUnknown() {
		diags.Append(m.GiftIDs.ElementsAs(ctx, &ids, false)...)
	}
	return categoryValue{
		Category: trtcapi.Category{
			ID: m.CategoryID.ValueString(), Name: m.Name.ValueString(), Description: m.Description.ValueString(),
			ExtensionInfo: m.ExtensionInfo.ValueString(),
		},
		languages:      langs,
		giftIDs:        normalized(ids),
		extensionKnown: true,
	}, diags
}

func stringSet(ids []string) types.Set {
	elems := make([]attr.Value, len(ids))
	for i, id := range ids {
		elems[i] = types.StringValue(id)
	}
	return types.SetValueMust(types.StringType, elems)
}

func (categoryKind) desired(ctx context.Context, plan *categoryModel, _ tfsdk.Config, _ *categoryModel) (categoryValue, diag.Diagnostics) {
	return plan.value(ctx)
}

func (categoryKind) claimed(ctx context.Context, state *categoryModel) (categoryValue, bool, diag.Diagnostics) {
	v, diags := state.value(ctx)
	return v, true, diags
}

// refreshed records what TRTC holds; ExtensionInfo as for gifts.
func (categoryKind) refreshed(ctx context.Context, m *categoryModel, got categoryValue, r refresh) diag.Diagnostics {
	m.CategoryID = types.StringValue(got.ID)
	m.Name = types.StringValue(got.Name)
	m.Description = types.StringValue(got.Description)
	m.Languages = languagesValue(got.languages)
	m.GiftIDs = stringSet(got.giftIDs)
	return refreshExtensionInfo(ctx, &m.ExtensionInfo, got.ExtensionInfo, got.extensionKnown, r,
		fmt.Sprintf("TUILiveKit gift category %q", got.ID), func(ctx context.Context) (string, error) {
			c, err := r.app.client.Gifts().GetCategory(ctx, got.ID)
			return c.ExtensionInfo, err
		})
}

func (categoryKind) recorded(context.Context, *categoryModel, categoryValue, privateSetter) diag.Diagnostics {
	return nil
}

func (categoryKind) describe(m *categoryModel) string {
	return fmt.Sprintf("name = %q, %d gifts", m.Name.ValueString(), len(m.GiftIDs.Elements()))
}

func (categoryKind) show(v categoryValue) string {
	return fmt.Sprintf("%q (%s), gifts [%s], languages: %s", v.Name, v.ID, strings.Join(v.giftIDs, ", "), languageList(v.languages))
}

// get reads the category from the app's catalogue, or, where the list is
// unavailable, with get_gift_category, a row per language and its
// relations.
func (categoryKind) get(ctx context.Context, a *app, id string, after time.Time) (categoryValue, error) {
	api := a.client.Gifts()
	readRow := func(ctx context.Context, lang string) (trtcapi.Language, error) {
		return api.GetCategoryLanguage(ctx, id, lang)
	}
	cat, err := a.gifts.get(ctx, after)
	if errors.Is(err, trtcapi.ErrListUnavailable) {
		c, err := api.GetCategory(ctx, id)
		if err != nil {
			return categoryValue{}, absentIf(err, trtcapi.MissingWithoutList(err))
		}
		rows, err := readRows(ctx, nil, trtcapi.GiftLanguages(), readRow)
		if err != nil {
			return categoryValue{}, err
		}
		gifts, err := api.GetRelations(ctx, id)
		return categoryValue{Category: c, languages: rows, giftIDs: normalized(gifts), extensionKnown: true}, err
	}
	if err != nil {
		return categoryValue{}, err
	}
	c, ok := cat.Category(id)
	if !ok {
		return categoryValue{}, fmt.Errorf("%w: the catalogue lists no category %q", errAbsent, id)
	}
	rows, err := readRows(ctx, c.Languages, c.UnreadLanguages, readRow)
	return categoryValue{Category: c.Category, languages: rows, giftIDs: normalized(c.GiftIDs), extensionKnown: cat.ExtensionInfoListed}, err
}

// writes: add_gift_category, its rows and its relations for a create; for
// an update, edit_gift_category when a field changed, the rows that
// changed, then the relations to delete and, last, those to add.
func (categoryKind) writes(a *app, id string, v categoryValue, prior *categoryValue) []writeStep[categoryValue] {
	api := a.client.Gifts()
	var steps []writeStep[categoryValue]
	step := func(leaves categoryValue, send func(context.Context) error) {
		steps = append(steps, catalogueStep(a, leaves, send))
	}
	var now categoryValue
	if prior == nil {
		now = categoryValue{Category: v.Category, languages: map[string]trtcapi.Language{}, extensionKnown: true}
		step(now, func(ctx context.Context) error { return api.AddCategory(ctx, v.Category) })
	} else {
		now = categoryValue{Category: prior.Category, languages: maps.Clone(prior.languages), giftIDs: prior.giftIDs, extensionKnown: true}
		if prior.Category != v.Category {
			now.Category = v.Category
			step(now, func(ctx context.Context) error { return api.EditCategory(ctx, v.Category) })
		}
	}
	for _, c := range languageChanges(now.languages, v.languages) {
		now = categoryValue{Category: now.Category, languages: c.apply(now.languages), giftIDs: now.giftIDs, extensionKnown: true}
		if c.update == nil {
			step(now, func(ctx context.Context) error { return api.DeleteCategoryLanguage(ctx, id, c.language) })
		} else {
			step(now, func(ctx context.Context) error { return api.SetCategoryLanguage(ctx, id, c.language, *c.update) })
		}
	}
	removed := setDifference(now.giftIDs, v.giftIDs)
	added := setDifference(v.giftIDs, now.giftIDs)
	if len(removed) > 0 {
		now = categoryValue{Category: now.Category, languages: now.languages, giftIDs: setDifference(now.giftIDs, removed), extensionKnown: true}
		step(now, func(ctx context.Context) error { return api.DeleteRelations(ctx, id, removed) })
	}
	if len(added) > 0 {
		before := now
		now = categoryValue{Category: now.Category, languages: now.languages, giftIDs: normalized(append(slices.Clone(now.giftIDs), added...)), extensionKnown: true}
		leaves := now
		steps = append(steps, writeStep[categoryValue]{leaves: leaves, send: func(ctx context.Context) error {
			var invalid []string
			err := a.gifts.write(ctx, func(ctx context.Context) error {
				var err error
				invalid, err = api.AddRelations(ctx, id, added)
				return err
			})
			if err != nil || len(invalid) == 0 {
				return err
			}
			held := before
			held.giftIDs = normalized(append(slices.Clone(before.giftIDs), setDifference(added, invalid)...))
			return &acceptedInPart[categoryValue]{held: held, summary: "Gifts not added to the category",
				detail: fmt.Sprintf("TRTC did not add %s to TUILiveKit gift category %q of SDKAppID %s: the app has no "+
					"such gift (InvalidGiftIdList). The rest of the category was written, and the next plan shows "+
					"them missing from gift_ids.\n\nIf this configuration creates those gifts, refer to them, as in "+
					"gift_ids = [trtc_live_gift.<name>.gift_id], so that Terraform creates them before the category "+
					"shows them; otherwise check the IDs against data.%s.",
					quotedList(invalid), id, a.idText, liveGiftsType)}
		}})
	}
	return steps
}

// setDifference is the IDs of a (sorted) that b lacks.
func setDifference(a, b []string) []string {
	var out []string
	for _, id := range a {
		if !slices.Contains(b, id) {
			out = append(out, id)
		}
	}
	return out
}

func quotedList(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return strings.Join(q, ", ")
}

// remove deletes the category with its rows and relations, never its
// gifts; TRTC answers success when there is none.
func (categoryKind) remove(ctx context.Context, a *app, id string) error {
	return a.gifts.write(ctx, func(ctx context.Context) error { return a.client.Gifts().DeleteCategory(ctx, id) })
}

func (categoryKind) same(a, b categoryValue) bool {
	ca, cb := a.Category, b.Category
	if !a.extensionKnown || !b.extensionKnown {
		ca.ExtensionInfo, cb.ExtensionInfo = "", ""
	}
	return ca == cb && maps.Equal(a.languages, b.languages) && slices.Equal(a.giftIDs, b.giftIDs)
}

func (categoryKind) safeToOverwrite(_, _ categoryValue) bool { return false }

// fingerprint leaves ExtensionInfo out, as for gifts.
func (categoryKind) fingerprint(v categoryValue) []byte {
	return fmt.Appendf(nil, "%q\n%q\n%q\n%s\n%q", v.ID, v.Name, v.Description, languagesText(v.languages), v.giftIDs)
}

func (categoryKind) removal(*app) (string, string) { return "", "" }

func (categoryKind) leftInPlace() string {
	return "Deleting it would delete what that instance manages"
}
