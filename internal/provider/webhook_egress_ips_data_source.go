package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// webhookEgressIPsDataSource lists the addresses TRTC's webhook deliveries
// leave from (ConfigSvc/GetIPList, docs/development/trtc-api.md §8), as
// CIDR blocks for the firewall and WAF rules of other providers.
type webhookEgressIPsDataSource struct{ data *providerData }

var _ datasource.DataSourceWithConfigure = (*webhookEgressIPsDataSource)(nil)

func newWebhookEgressIPsDataSource() datasource.DataSource { return &webhookEgressIPsDataSource{} }

const webhookEgressIPsType = TypeName + "_webhook_egress_ips"

// egressScopes are the scope argument's values and their nettypes.
var egressScopes = map[string]int{
	"inside_china":  trtcapi.NetTypeWebhookInsideMainland,
	"outside_china": trtcapi.NetTypeWebhookOutsideMainland,
}

type webhookEgressIPsModel struct {
	Scope    types.String `tfsdk:"scope"`
	SDKAppID types.Number `tfsdk:"sdk_app_id"`
	CIDRs    types.List   `tfsdk:"cidrs"`
}

func (d *webhookEgressIPsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = webhookEgressIPsType
}

func (d *webhookEgressIPsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the addresses TRTC's webhook deliveries leave from, as CIDR blocks, for the " +
			"firewall, security group and WAF rules of other providers: a receiver that admits only these accepts " +
			"TRTC's deliveries and turns everyone else away. It reads TRTC's `ConfigSvc/GetIPList`. Outside the " +
			"Chinese mainland Tencent may have to enable the list for the app first: until it has, the read fails " +
			"and says so.",
		Attributes: map[string]schema.Attribute{
			"scope": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Which deliveries: `inside_china` for those from inside the Chinese "+
					"mainland, Hong Kong included (GetIPList nettype %d), or `outside_china` for those from outside it "+
					"(nettype %d).", trtcapi.NetTypeWebhookInsideMainland, trtcapi.NetTypeWebhookOutsideMainland),
				Required:   true,
				Validators: []validator.String{stringvalidator.OneOf("inside_china", "outside_china")},
			},
			attrSDKAppID: dataSourceSDKAppID(),
			"cidrs": schema.ListAttribute{
				MarkdownDescription: "The addresses, each as a CIDR block (a single IPv4 address as a `/32`, an IPv6 " +
					"address as a `/128`, every block at its network address), sorted (IPv4 first) and without " +
					"duplicates. A block inside another is kept as TRTC lists it.",
				Computed:    true,
				ElementType: types.StringType,
			},
		},
	}
}

func (d *webhookEgressIPsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		d.data = data
	}
}

func (d *webhookEgressIPsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m webhookEgressIPsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	nettype, ok := egressScopes[m.Scope.ValueString()]
	if !ok {
		return // the validator has said so
	}
	a, _ := d.data.bindConfigured(&resp.Diagnostics, pathSDKAppID, m.SDKAppID)
	if a == nil || resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(d.data.withLogMasks(ctx, a), defaultReadTimeout)
	defer cancel()
	list, err := a.client.EgressIPs(ctx, nettype)
	if errors.Is(err, trtcapi.ErrEgressNotEnabled) {
		resp.Diagnostics.AddAttributeError(path.Root("scope"), "Webhook egress list not enabled", fmt.Sprintf(
			"%s.\n\nSDKAppID %s has no webhook egress list for scope %q until Tencent enables it. Until then, a "+
				"receiver cannot allowlist TRTC's addresses from this list; it can check the Sign of Live deliveries "+
				"(trtc_live_webhook_token) instead.", capitalize(err.Error()), a.idText, m.Scope.ValueString()))
		return
	}
	if err != nil {
		a.addAPIError(&resp.Diagnostics, "Could not read the webhook egress addresses", err)
		return
	}
	cidrs, err := trtcapi.CIDRs(list)
	if err != nil {
		resp.Diagnostics.AddError("Unexpected webhook egress list", fmt.Sprintf(
			"ConfigSvc/GetIPList answered an entry that is not an address: %s. Please report this issue.", err))
		return
	}
	values := make([]attr.Value, len(cidrs))
	for i, c := range cidrs {
		values[i] = types.StringValue(c)
	}
	m.SDKAppID = types.NumberValue(sdkAppIDNumber(a.id))
	m.CIDRs = types.ListValueMust(types.StringType, values)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// capitalize starts s with a capital letter, for a sentence.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
