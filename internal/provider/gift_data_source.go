package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// giftsDataSource reads an app's whole TUILiveKit gift catalogue
// (docs/development/trtc-api.md §9) with one get_gift_info_list, shared
// with the app's gift and category resources in the same plan: for other
// modules, and for spotting what no configuration manages.
type giftsDataSource struct{ data *providerData }

var _ datasource.DataSourceWithConfigure = (*giftsDataSource)(nil)

func newGiftsDataSource() datasource.DataSource { return &giftsDataSource{} }

type giftsDataSourceModel struct {
	ID          types.String `tfsdk:"id"`
	SDKAppID    types.Number `tfsdk:"sdk_app_id"`
	Gifts       types.List   `tfsdk:"gifts"`
	Categories  types.List   `tfsdk:"categories"`
	GiftIDs     types.List   `tfsdk:"gift_ids"`
	CategoryIDs types.List   `tfsdk:"category_ids"`
}

var (
	giftObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"gift_id": types.StringType, "name": types.StringType, "description": types.StringType,
		"coins": types.Int64Type, "level": types.Int64Type, "icon_url": types.StringType,
		"resource_url": types.StringType, "extension_info": types.StringType,
		"languages": types.MapType{ElemType: languageType},
	}}
	categoryObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"category_id": types.StringType, "name": types.StringType, "description": types.StringType,
		"extension_info": types.StringType, "languages": types.MapType{ElemType: languageType},
		"gift_ids": types.ListType{ElemType: types.StringType},
	}}
)

func (d *giftsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = liveGiftsType
}

func (d *giftsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	extension := computed("`ExtensionInfo`; null when TRTC's catalogue list does not return it (the " +
		"`trtc_live_gift` and `trtc_live_gift_category` resources read it per object when they import).")
	languages := schema.MapNestedAttribute{
		MarkdownDescription: "The rows in other languages, keyed by language (" + giftLanguagesInProse + ").",
		Computed:            true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"name":        computed("The name in this language."),
			"description": computed("The description in this language."),
		}},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the whole TUILiveKit gift catalogue of an app: every gift with its language " +
			"rows, every category with its rows and the gifts it shows. It costs one request for the whole " +
			"catalogue, shared with the app's `trtc_live_gift` and `trtc_live_gift_category` resources in the same " +
			"plan. Compare `gift_ids` and `category_ids` with your resources to find what no configuration manages " +
			"(made in a console, by `copy_default_gift_config`, or by another team); `terraform query` with the " +
			"`trtc_live_gift` and `trtc_live_gift_category` list resources adopts it.",
		Attributes: map[string]schema.Attribute{
			"id":         computed("The SDKAppID, as a decimal string."),
			attrSDKAppID: dataSourceSDKAppID(),
			"gifts": schema.ListNestedAttribute{
				MarkdownDescription: "The gifts, in the order TRTC lists them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"gift_id":        computed("The gift's ID."),
					"name":           computed("The default name."),
					"description":    computed("The default description."),
					"coins":          schema.Int64Attribute{MarkdownDescription: "The price in coins.", Computed: true},
					"level":          schema.Int64Attribute{MarkdownDescription: "The gift's level.", Computed: true},
					"icon_url":       computed("The icon's address."),
					"resource_url":   computed("The animation's address."),
					"extension_info": extension,
					"languages":      languages,
				}},
			},
			"categories": schema.ListNestedAttribute{
				MarkdownDescription: "The categories, in the order TRTC lists them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"category_id":    computed("The category's ID."),
					"name":           computed("The default name."),
					"description":    computed("The default description."),
					"extension_info": extension,
					"languages":      languages,
					"gift_ids": schema.ListAttribute{
						MarkdownDescription: "The IDs of the gifts the category shows, in the order TRTC lists them.",
						Computed:            true,
						ElementType:         types.StringType,
					},
				}},
			},
			"gift_ids": schema.ListAttribute{
				MarkdownDescription: "The IDs of every gift, in the order TRTC lists them.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"category_ids": schema.ListAttribute{
				MarkdownDescription: "The IDs of every category, in the order TRTC lists them.",
				Computed:            true,
				ElementType:         types.StringType,
			},
		},
	}
}

func (d *giftsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		d.data = data
	}
}

func (d *giftsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m giftsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	a, _ := d.data.bindConfigured(&resp.Diagnostics, pathSDKAppID, m.SDKAppID)
	if a == nil || resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(d.data.withLogMasks(ctx, a), defaultReadTimeout)
	defer cancel()
	cat, err := readCatalogue(ctx, a)
	if err != nil {
		addCatalogueError(&resp.Diagnostics, a, "Could not read the TUILiveKit gift catalogue", err)
		return
	}
	var gifts, categories []attr.Value
	var giftIDs, categoryIDs []string
	for _, g := range cat.Gifts {
		gifts = append(gifts, types.ObjectValueMust(giftObjectType.AttrTypes, map[string]attr.Value{
			"gift_id": types.StringValue(g.ID), "name": types.StringValue(g.Name),
			"description": types.StringValue(g.Description), "coins": types.Int64Value(g.Coins),
			"level": types.Int64Value(g.Level), "icon_url": types.StringValue(g.IconURL),
			"resource_url": types.StringValue(g.ResourceURL), "extension_info": listedExtension(cat, g.ExtensionInfo),
			"languages": languagesValue(g.Languages),
		}))
		giftIDs = append(giftIDs, g.ID)
	}
	for _, c := range cat.Categories {
		categories = append(categories, types.ObjectValueMust(categoryObjectType.AttrTypes, map[string]attr.Value{
			"category_id": types.StringValue(c.ID), "name": types.StringValue(c.Name),
			"description": types.StringValue(c.Description), "extension_info": listedExtension(cat, c.ExtensionInfo),
			"languages": languagesValue(c.Languages), "gift_ids": stringList(c.GiftIDs),
		}))
		categoryIDs = append(categoryIDs, c.ID)
	}
	m = giftsDataSourceModel{
		ID:          types.StringValue(a.idText),
		SDKAppID:    types.NumberValue(sdkAppIDNumber(a.id)),
		Gifts:       types.ListValueMust(giftObjectType, orEmpty(gifts)),
		Categories:  types.ListValueMust(categoryObjectType, orEmpty(categories)),
		GiftIDs:     stringList(giftIDs),
		CategoryIDs: stringList(categoryIDs),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// readCatalogue is the app's catalogue for a data source or a list
// resource: the phase's shared read, with the rows the list named without
// text read one by one.
func readCatalogue(ctx context.Context, a *app) (trtcapi.Catalogue, error) {
	cat, err := a.gifts.get(ctx, time.Time{})
	if err != nil {
		return cat, err
	}
	api := a.client.Gifts()
	out := cat
	out.Gifts = make([]trtcapi.CatalogueGift, len(cat.Gifts))
	for i, g := range cat.Gifts {
		rows, err := readRows(ctx, g.Languages, g.UnreadLanguages, func(ctx context.Context, lang string) (trtcapi.Language, error) {
			return api.GetGiftLanguage(ctx, g.ID, lang)
		})
		if err != nil {
			return cat, err
		}
		g.Languages, g.UnreadLanguages = rows, nil
		out.Gifts[i] = g
	}
	out.Categories = make([]trtcapi.CatalogueCategory, len(cat.Categories))
	for i, c := range cat.Categories {
		rows, err := readRows(ctx, c.Languages, c.UnreadLanguages, func(ctx context.Context, lang string) (trtcapi.Language, error) {
			return api.GetCategoryLanguage(ctx, c.ID, lang)
		})
		if err != nil {
			return cat, err
		}
		c.Languages, c.UnreadLanguages = rows, nil
		out.Categories[i] = c
	}
	return out, nil
}

// addCatalogueError reports a catalogue that could not be read; a list
// refused as unknown says what still works.
func addCatalogueError(diags *diag.Diagnostics, a *app, summary string, err error) {
	if errors.Is(err, trtcapi.ErrListUnavailable) {
		a.addAPIError(diags, summary, err, fmt.Sprintf("TRTC refused get_gift_info_list, the only way to list the "+
			"catalogue, as an unknown command for SDKAppID %s, so the catalogue cannot be listed. %s and %s "+
			"resources still work: they read each object by itself.", a.idText, liveGiftType, liveGiftCategoryType))
		return
	}
	a.addAPIError(diags, summary, err)
}

// listedExtension is an ExtensionInfo the list gave, or null.
func listedExtension(cat trtcapi.Catalogue, v string) types.String {
	if !cat.ExtensionInfoListed {
		return types.StringNull()
	}
	return types.StringValue(v)
}

func stringList(ids []string) types.List {
	elems := make([]attr.Value, len(ids))
	for i, id := range ids {
		elems[i] = types.StringValue(id)
	}
	return types.ListValueMust(types.StringType, elems)
}

func orEmpty(v []attr.Value) []attr.Value {
	if v == nil {
		return []attr.Value{}
	}
	return v
}
