package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// webhookList finds the configurations of one product for `terraform
// query` (Terraform 1.14 and later): of the app its sdk_app_id names, or of
// every app the provider holds, each with its identity, so that `terraform
// query -generate-config-out=FILE` writes the resources and their import
// blocks. It is how configurations made in the console are adopted with
// one command.
type webhookList struct {
	product webhookProduct
	data    *providerData
}

var _ list.ListResourceWithConfigure = (*webhookList)(nil)

func webhookLists() []func() list.ListResource {
	out := make([]func() list.ListResource, 0, len(webhookProducts))
	for _, p := range webhookProducts {
		out = append(out, func() list.ListResource { return &webhookList{product: p} })
	}
	return out
}

func (l *webhookList) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = l.product.typeName()
}

func (l *webhookList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: fmt.Sprintf("Finds the %s webhook configurations of the provider's apps: none or one "+
			"per app.", l.product.title),
		Attributes: map[string]listschema.Attribute{attrSDKAppID: listSDKAppID()},
	}
}

func (l *webhookList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		l.data = d
	}
}

func (l *webhookList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	apps, diags := l.data.listedApps(ctx, req.Config)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	cfgs, errs := readEachApp(ctx, l.data, apps, func(ctx context.Context, a *app) (trtcapi.WebhookConfig, error) {
		return a.client.Webhooks(l.product.service).Get(ctx)
	})
	stream.Results = func(push func(list.ListResult) bool) {
		for i, a := range apps {
			if errors.Is(errs[i], trtcapi.ErrNoConfiguration) {
				continue
			}
			if !push(l.result(ctx, req, a, cfgs[i], errs[i])) {
				return
			}
		}
	}
}

func (l *webhookList) result(ctx context.Context, req list.ListRequest, a *app, got trtcapi.WebhookConfig, err error) list.ListResult {
	result := req.NewListResult(ctx)
	if err != nil {
		a.addAPIError(&result.Diagnostics, fmt.Sprintf("Could not read the %s webhook configuration of SDKAppID %s",
			l.product.title, a.idText), err)
		return result
	}
	result.DisplayName = fmt.Sprintf("SDKAppID %s: %s (%d events)", a.idText, got.URL, len(got.Commands))
	result.Diagnostics.Append(result.Identity.SetAttribute(ctx, path.Root(identitySDKAppID), types.Int64Value(int64(a.id)))...)
	if req.IncludeResource {
		commands, diags := commandSet(ctx, l.product, got.Commands, refresh{})
		result.Diagnostics.Append(diags...)
		// timeouts stays null: it is the user's to set.
		for attr, v := range map[string]any{
			"id": types.StringValue(a.idText), attrSDKAppID: types.NumberValue(sdkAppIDNumber(a.id)),
			"url": types.StringValue(got.URL), "callback_commands": commands,
		} {
			result.Diagnostics.Append(result.Resource.SetAttribute(ctx, path.Root(attr), v)...)
		}
	}
	return result
}
