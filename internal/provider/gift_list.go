package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// The gift catalogue's list resources, for `terraform query` (Terraform
// 1.14 and later): every gift, or every category, of the app sdk_app_id
// names or of every app the provider holds, each with its identity, so
// that `terraform query -generate-config-out=FILE` writes the resources
// and their import blocks. It adopts a catalogue made by hand or by
// copy_default_gift_config. Each app costs one list call; with
// include_resource, an ExtensionInfo the list leaves out is read per
// object, since generated configuration must not clear it.

// giftList lists gifts (categories false) or categories.
type giftList struct {
	categories bool
	data       *providerData
}

var _ list.ListResourceWithConfigure = (*giftList)(nil)

func giftLists() []func() list.ListResource {
	return []func() list.ListResource{
		func() list.ListResource { return &giftList{} },
		func() list.ListResource { return &giftList{categories: true} },
	}
}

func (l *giftList) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = liveGiftType
	if l.categories {
		resp.TypeName = liveGiftCategoryType
	}
}

func (l *giftList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	what := "gifts"
	if l.categories {
		what = "gift categories"
	}
	resp.Schema = listschema.Schema{
		MarkdownDescription: fmt.Sprintf("Finds the TUILiveKit %s of the provider's apps, each with its identity, so "+
			"that `terraform query -generate-config-out` writes their resources and import blocks. One request per "+
			"app lists the whole catalogue.", what),
		Attributes: map[string]listschema.Attribute{attrSDKAppID: listSDKAppID()},
	}
}

func (l *giftList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		l.data = d
	}
}

func (l *giftList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	apps, diags := l.data.listedApps(ctx, req.Config)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	cats, errs := readEachApp(ctx, l.data, apps, readCatalogue)
	stream.Results = func(push func(list.ListResult) bool) {
		for i, a := range apps {
			if err := errs[i]; err != nil {
				result := req.NewListResult(ctx)
				addCatalogueError(&result.Diagnostics, a, "Could not list the TUILiveKit gift catalogue of SDKAppID "+a.idText, err)
				if !push(result) {
					return
				}
				continue
			}
			actx, cancel := context.WithTimeout(l.data.withLogMasks(ctx, a), defaultReadTimeout)
			ok := l.push(actx, req, a, cats[i], push)
			cancel()
			if !ok {
				return
			}
		}
	}
}

// push streams the app's gifts or categories; false when the stream
// wants no more.
func (l *giftList) push(ctx context.Context, req list.ListRequest, a *app, cat trtcapi.Catalogue, push func(list.ListResult) bool) bool {
	r := refresh{app: a}
	if l.categories {
		for _, c := range cat.Categories {
			result := req.NewListResult(ctx)
			result.DisplayName = fmt.Sprintf("SDKAppID %s: category %q (%s, %d gifts)", a.idText, c.ID, c.Name, len(c.GiftIDs))
			l.identity(ctx, &result, a, "category_id", c.ID)
			if req.IncludeResource {
				m := categoryModel{objectFields: listedFields(a, c.ID), ExtensionInfo: types.StringNull()}
				v := categoryValue{Category: c.Category, languages: c.Languages, giftIDs: normalized(c.GiftIDs), extensionKnown: cat.ExtensionInfoListed}
				result.Diagnostics.Append(categoryKind{}.refreshed(ctx, &m, v, r)...)
				result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
			}
			if !push(result) {
				return false
			}
		}
		return true
	}
	for _, g := range cat.Gifts {
		result := req.NewListResult(ctx)
		result.DisplayName = fmt.Sprintf("SDKAppID %s: gift %q (%s, %d coins)", a.idText, g.ID, g.Name, g.Coins)
		l.identity(ctx, &result, a, "gift_id", g.ID)
		if req.IncludeResource {
			m := giftModel{objectFields: listedFields(a, g.ID), ExtensionInfo: types.StringNull()}
			v := giftValue{Gift: g.Gift, languages: g.Languages, extensionKnown: cat.ExtensionInfoListed}
			result.Diagnostics.Append(giftKind{}.refreshed(ctx, &m, v, r)...)
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
		if !push(result) {
			return false
		}
	}
	return true
}

func (l *giftList) identity(ctx context.Context, result *list.ListResult, a *app, idAttr, id string) {
	result.Diagnostics.Append(result.Identity.SetAttribute(ctx, path.Root(identitySDKAppID), types.Int64Value(int64(a.id)))...)
	result.Diagnostics.Append(result.Identity.SetAttribute(ctx, path.Root(idAttr), types.StringValue(id))...)
}

// listedFields are the engine's attributes of an object found by a list;
// timeouts stays null, the user's to set.
func listedFields(a *app, id string) objectFields {
	return objectFields{
		ID:       types.StringValue(a.idText + "/" + id),
		SDKAppID: types.NumberValue(sdkAppIDNumber(a.id)),
		Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
			"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType,
		})},
	}
}
