package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// webhookDataSource reads an app's webhook configuration for one product.
// An absent configuration is an answer, not an error: exists = false.
type webhookDataSource struct {
	product webhookProduct
	data    *providerData
}

var _ datasource.DataSourceWithConfigure = (*webhookDataSource)(nil)

func webhookDataSources() []func() datasource.DataSource {
	out := make([]func() datasource.DataSource, 0, len(webhookProducts))
	for _, p := range webhookProducts {
		out = append(out, func() datasource.DataSource { return &webhookDataSource{product: p} })
	}
	return out
}

func (d *webhookDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.product.typeName()
}

func (d *webhookDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("Reads the %s webhook configuration of an app. When the app has none, it "+
			"succeeds with `exists = false`, a null `url` and no `callback_commands`, so a module can branch on it or "+
			"assert it in a postcondition.", d.product.title),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The SDKAppID, as a decimal string.",
				Computed:            true,
			},
			attrSDKAppID: dataSourceSDKAppID(),
			"exists": schema.BoolAttribute{
				MarkdownDescription: "Whether the app has a configuration.",
				Computed:            true,
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "The webhook address; null when there is no configuration.",
				Computed:            true,
			},
			"callback_commands": schema.SetAttribute{
				MarkdownDescription: "The callback command words delivered; empty when there is no configuration.",
				Computed:            true,
				ElementType:         types.StringType,
			},
		},
	}
}

func (d *webhookDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		d.data = data
	}
}

func (d *webhookDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m webhookDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	a, _ := d.data.bindConfigured(&resp.Diagnostics, pathSDKAppID, m.SDKAppID)
	if a == nil || resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(d.data.withLogMasks(ctx, a), defaultReadTimeout)
	defer cancel()
	got, err := a.client.Webhooks(d.product.service).Get(ctx)
	exists := err == nil
	if err != nil && !errors.Is(err, trtcapi.ErrNoConfiguration) {
		a.addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not read the %s webhook configuration", d.product.title), err)
		return
	}
	commands, diags := commandSet(ctx, d.product, got.Commands, refresh{})
	resp.Diagnostics.Append(diags...)
	m = webhookDataSourceModel{
		ID:               types.StringValue(a.idText),
		SDKAppID:         types.NumberValue(sdkAppIDNumber(a.id)),
		Exists:           types.BoolValue(exists),
		URL:              types.StringNull(),
		CallbackCommands: commands,
	}
	if exists {
		m.URL = types.StringValue(got.URL)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
