package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// webhookTokenDataSource tells whether the app's live webhook deliveries
// are signed. It never exposes the token.
type webhookTokenDataSource struct{ data *providerData }

var _ datasource.DataSourceWithConfigure = (*webhookTokenDataSource)(nil)

func newWebhookTokenDataSource() datasource.DataSource { return &webhookTokenDataSource{} }

type webhookTokenDataSourceModel struct {
	ID       types.String `tfsdk:"id"`
	SDKAppID types.Number `tfsdk:"sdk_app_id"`
	Exists   types.Bool   `tfsdk:"exists"`
	Enabled  types.Bool   `tfsdk:"enabled"`
}

func (d *webhookTokenDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = liveWebhookTokenType
}

func (d *webhookTokenDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads whether an app has a TUILiveKit (Live) webhook signing token and " +
			"whether it is enabled. It never reads out the token itself.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The SDKAppID, as a decimal string.",
				Computed:            true,
			},
			attrSDKAppID: dataSourceSDKAppID(),
			"exists": schema.BoolAttribute{
				MarkdownDescription: "Whether the app has a signing token, enabled or not.",
				Computed:            true,
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether deliveries carry `Sign` and `RequestTime`; `false` when there is no token.",
				Computed:            true,
			},
		},
	}
}

func (d *webhookTokenDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		d.data = data
	}
}

func (d *webhookTokenDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m webhookTokenDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	a, _ := d.data.bindConfigured(&resp.Diagnostics, pathSDKAppID, m.SDKAppID)
	if a == nil || resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(d.data.withLogMasks(ctx, a), defaultReadTimeout)
	defer cancel()
	got, err := a.client.WebhookToken().Get(ctx)
	if err != nil && !errors.Is(err, trtcapi.ErrNoToken) {
		a.addAPIError(&resp.Diagnostics, "Could not read the live webhook signing token", err)
		return
	}
	ctx = d.data.maskSecret(ctx, got.Value) // read, never shown
	resp.Diagnostics.Append(resp.State.Set(ctx, webhookTokenDataSourceModel{
		ID:       types.StringValue(a.idText),
		SDKAppID: types.NumberValue(sdkAppIDNumber(a.id)),
		Exists:   types.BoolValue(err == nil),
		Enabled:  types.BoolValue(err == nil && got.Enabled),
	})...)
}
