package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// A gift of an app's TUILiveKit gift catalogue
// (docs/development/trtc-api.md §9), an object kind of the lifecycle
// engine with an ID of its own: gift_id, which the caller chooses. Its
// value is the gift's fields and its language rows. It is read from the
// app's catalogue (one list call per plan for every gift and category of
// the app, gift_catalogue.go), created with add_gift and one
// set_gift_language per row, and updated with edit_gift (when a field
// changed) and one request per changed row.
const (
	liveGiftType         = TypeName + "_live_gift"
	liveGiftCategoryType = TypeName + "_live_gift_category"
	liveGiftsType        = TypeName + "_live_gifts"
)

type giftKind struct{}

func newGiftResource() resource.Resource {
	return &lifecycle[giftModel, giftValue]{kind: giftKind{}}
}

type giftModel struct {
	objectFields
	GiftID        types.String `tfsdk:"gift_id"`
	Name          types.String `tfsdk:"name"`
	Description   types.String `tfsdk:"description"`
	Coins         types.Int64  `tfsdk:"coins"`
	Level         types.Int64  `tfsdk:"level"`
	IconURL       types.String `tfsdk:"icon_url"`
	ResourceURL   types.String `tfsdk:"resource_url"`
	ExtensionInfo types.String `tfsdk:"extension_info"`
	Languages     types.Map    `tfsdk:"languages"`
}

// giftValue is a gift as TRTC holds it or is to hold it.
type giftValue struct {
	trtcapi.Gift
	languages map[string]trtcapi.Language
	// extensionKnown: ExtensionInfo is what TRTC holds. The catalogue list
	// may leave it out (Catalogue.ExtensionInfoListed); then a value read
	// from it says nothing about ExtensionInfo, and same ignores it.
	extensionKnown bool
}

func (giftKind) typeName() string { return liveGiftType }
func (giftKind) noun() string     { return "TUILiveKit gift" }

func (giftKind) description() string {
	return "Manages one gift of an app's TUILiveKit gift catalogue: its default name and description, its price " +
		"in coins, its level, its icon and animation, and its name and description in other languages. The " +
		"catalogue is configured only through TRTC's REST API, and needs the app's TUILiveKit trial or paid " +
		"edition.\n\n" +
		"**Deleting a gift deletes it from every category too**: TRTC removes its language rows and its place in " +
		"each `trtc_live_gift_category` with it. A category whose configuration still lists it shows the gift " +
		"missing from its `gift_ids` at the next plan, as drift, not as an error. Refer to gifts from categories " +
		"(`gift_ids = [trtc_live_gift.rose.gift_id]`): Terraform then creates a gift before the categories that " +
		"show it, and a gift removed from the configuration together with its place in a category leaves both " +
		"at once.\n\n" +
		"**Rate limit.** TRTC takes one call per second of each gift command per app. The provider spaces the " +
		"calls of each command 1.1 s apart, so a catalogue is written at about one gift (and one language row) per " +
		"second, whatever Terraform's parallelism, and never fails for it; a refresh reads the whole catalogue of " +
		"an app in one request, shared by all of its gifts and categories.\n\n" +
		"Creating a gift whose `gift_id` the app already has adopts it when it is exactly the configured gift, " +
		"and otherwise fails with the `terraform import` command that adopts it."
}

func (giftKind) attributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"gift_id": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The gift's ID, unique within the app, 1 to %d bytes; you choose it, "+
				"and apps send it with each gift. Changing it replaces the gift (deletes the old one, with its "+
				"place in every category, and creates the new one).", maxGiftIDBytes),
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
				"Defaults to empty.", maxGiftDescBytes),
			Optional:   true,
			Computed:   true,
			Default:    stringdefault.StaticString(""),
			Validators: []validator.String{byteLength(0, maxGiftDescBytes)},
		},
		"coins": schema.Int64Attribute{
			MarkdownDescription: "The price in coins, 0 or more.",
			Required:            true,
			Validators:          []validator.Int64{int64validator.AtLeast(0)},
		},
		"level": schema.Int64Attribute{
			MarkdownDescription: "The gift's level, for apps that rank gifts. Defaults to 0.",
			Optional:            true,
			Computed:            true,
			Default:             int64default.StaticInt64(0),
		},
		"icon_url": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The address of the gift's icon, at most %d bytes. Defaults to empty.", maxGiftURLBytes),
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString(""),
			Validators:          []validator.String{byteLength(0, maxGiftURLBytes)},
		},
		"resource_url": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The address of the gift's animation (SVGA, PAG, MP4, ...), at most %d "+
				"bytes. Defaults to empty.", maxGiftURLBytes),
			Optional:   true,
			Computed:   true,
			Default:    stringdefault.StaticString(""),
			Validators: []validator.String{byteLength(0, maxGiftURLBytes)},
		},
		"extension_info": extensionInfoAttribute("gift"),
		"languages":      languagesAttribute("gift", maxGiftDescBytes),
	}
}

func (giftKind) objectIDAttribute() string    { return "gift_id" }
func (giftKind) objectID(m *giftModel) string { return m.GiftID.ValueString() }

// value is what m holds.
func (m *giftModel) value(ctx context.Context) (giftValue, diag.Diagnostics) {
	langs, diags := languagesOf(ctx, m.Languages)
	return giftValue{
		Gift: trtcapi.Gift{
			ID: m.GiftID.ValueString(), Name: m.Name.ValueString(), Description: m.Description.ValueString(),
			Coins: m.Coins.ValueInt64(), Level: m.Level.ValueInt64(), IconURL: m.IconURL.ValueString(),
			ResourceURL: m.ResourceURL.ValueString(), ExtensionInfo: m.ExtensionInfo.ValueString(),
		},
		languages:      langs,
		extensionKnown: true,
	}, diags
}

func (giftKind) desired(ctx context.Context, plan *giftModel, _ tfsdk.Config, _ *giftModel) (giftValue, diag.Diagnostics) {
	return plan.value(ctx)
}

func (giftKind) claimed(ctx context.Context, state *giftModel) (giftValue, bool, diag.Diagnostics) {
	v, diags := state.value(ctx)
	return v, true, diags
}

// refreshed records what TRTC holds; ExtensionInfo as refreshExtensionInfo
// says, since the list may leave it out.
func (giftKind) refreshed(ctx context.Context, m *giftModel, got giftValue, r refresh) diag.Diagnostics {
	m.GiftID = types.StringValue(got.ID)
	m.Name = types.StringValue(got.Name)
	m.Description = types.StringValue(got.Description)
	m.Coins = types.Int64Value(got.Coins)
	m.Level = types.Int64Value(got.Level)
	m.IconURL = types.StringValue(got.IconURL)
	m.ResourceURL = types.StringValue(got.ResourceURL)
	m.Languages = languagesValue(got.languages)
	return refreshExtensionInfo(ctx, &m.ExtensionInfo, got.ExtensionInfo, got.extensionKnown, r,
		fmt.Sprintf("TUILiveKit gift %q", got.ID), func(ctx context.Context) (string, error) {
			g, err := r.app.client.Gifts().GetGift(ctx, got.ID)
			return g.ExtensionInfo, err
		})
}

func (giftKind) recorded(context.Context, *giftModel, giftValue, privateSetter) diag.Diagnostics {
	return nil
}

func (giftKind) describe(m *giftModel) string {
	return fmt.Sprintf("name = %q, coins = %d", m.Name.ValueString(), m.Coins.ValueInt64())
}

func (giftKind) show(v giftValue) string {
	return fmt.Sprintf("%q (%s), %d coins, level %d, languages: %s", v.Name, v.ID, v.Coins, v.Level, languageList(v.languages))
}

// get reads the gift from the app's catalogue, or, where the list is
// unavailable, with get_gift and one get_gift_language per language.
func (giftKind) get(ctx context.Context, a *app, id string, after time.Time) (giftValue, error) {
	api := a.client.Gifts()
	readRow := func(ctx context.Context, lang string) (trtcapi.Language, error) {
		return api.GetGiftLanguage(ctx, id, lang)
	}
	cat, err := a.gifts.get(ctx, after)
	if errors.Is(err, trtcapi.ErrListUnavailable) {
		g, err := api.GetGift(ctx, id)
		if err != nil {
			return giftValue{}, absentIf(err, trtcapi.MissingWithoutList(err))
		}
		rows, err := readRows(ctx, nil, trtcapi.GiftLanguages(), readRow)
		return giftValue{Gift: g, languages: rows, extensionKnown: true}, err
	}
	if err != nil {
		return giftValue{}, err
	}
	g, ok := cat.Gift(id)
	if !ok {
		return giftValue{}, fmt.Errorf("%w: the catalogue lists no gift %q", errAbsent, id)
	}
	rows, err := readRows(ctx, g.Languages, g.UnreadLanguages, readRow)
	return giftValue{Gift: g.Gift, languages: rows, extensionKnown: cat.ExtensionInfoListed}, err
}

// absentIf marks err as "no such object" when missing.
func absentIf(err error, missing bool) error {
	if missing {
		return fmt.Errorf("%w: %w", errAbsent, err)
	}
	return err
}

// writes: add_gift and a row per language for a create; for an update,
// edit_gift when a field of the gift changed (it sends every field), and
// one request per row that changed.
func (giftKind) writes(a *app, id string, v giftValue, prior *giftValue) []writeStep[giftValue] {
	api := a.client.Gifts()
	var steps []writeStep[giftValue]
	var now giftValue // what TRTC holds once the requests so far landed
	if prior == nil {
		now = giftValue{Gift: v.Gift, languages: map[string]trtcapi.Language{}, extensionKnown: true}
		steps = append(steps, catalogueStep(a, now, func(ctx context.Context) error { return api.AddGift(ctx, v.Gift) }))
	} else {
		now = giftValue{Gift: prior.Gift, languages: maps.Clone(prior.languages), extensionKnown: true}
		if prior.Gift != v.Gift {
			now.Gift = v.Gift
			steps = append(steps, catalogueStep(a, now, func(ctx context.Context) error { return api.EditGift(ctx, v.Gift) }))
		}
	}
	for _, c := range languageChanges(now.languages, v.languages) {
		now = giftValue{Gift: now.Gift, languages: c.apply(now.languages), extensionKnown: true}
		send := func(ctx context.Context) error { return api.DeleteGiftLanguage(ctx, id, c.language) }
		if c.update != nil {
			send = func(ctx context.Context) error { return api.SetGiftLanguage(ctx, id, c.language, *c.update) }
		}
		steps = append(steps, catalogueStep(a, now, send))
	}
	return steps
}

// remove deletes the gift; TRTC deletes its rows and relations with it.
func (giftKind) remove(ctx context.Context, a *app, id string) error {
	return a.gifts.write(ctx, func(ctx context.Context) error { return a.client.Gifts().DeleteGift(ctx, id) })
}

// same compares every field; ExtensionInfo only where both say what it is.
func (giftKind) same(a, b giftValue) bool {
	ga, gb := a.Gift, b.Gift
	if !a.extensionKnown || !b.extensionKnown {
		ga.ExtensionInfo, gb.ExtensionInfo = "", ""
	}
	return ga == gb && maps.Equal(a.languages, b.languages)
}

func (giftKind) safeToOverwrite(_, _ giftValue) bool { return false }

// fingerprint leaves ExtensionInfo out: a read from the list may not say
// it, and a fingerprint must have one form for what was read and what was
// written. A change of ExtensionInfo alone is then told from lag by same,
// never by a fingerprint.
func (giftKind) fingerprint(v giftValue) []byte {
	return fmt.Appendf(nil, "%q\n%q\n%q\n%d\n%d\n%q\n%q\n%s", v.ID, v.Name, v.Description, v.Coins, v.Level,
		v.IconURL, v.ResourceURL, languagesText(v.languages))
}

func (giftKind) removal(*app) (string, string) { return "", "" }

func (giftKind) leftInPlace() string { return "Deleting it would delete what that instance manages" }
