package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc/terraform-provider-trtc/internal/delivery"
)

// webhookProbeDataSource sends one probe to a product's webhook URL, as
// TRTC delivers, and reports the answer. Made for check blocks and HCP
// Terraform's continuous validation: it runs on every plan, so it does
// nothing but the one POST (and the reads that find the URL and the
// token), and a failing receiver is an attribute, not an error. Errors are
// for invalid arguments and for the TRTC API failing.
type webhookProbeDataSource struct{ data *providerData }

var _ datasource.DataSourceWithConfigure = (*webhookProbeDataSource)(nil)

func newWebhookProbeDataSource() datasource.DataSource { return &webhookProbeDataSource{} }

const webhookProbeType = TypeName + "_webhook_probe"

type webhookProbeModel struct {
	Product      types.String `tfsdk:"product"`
	URL          types.String `tfsdk:"url"`
	SDKAppID     types.Number `tfsdk:"sdk_app_id"`
	Timeout      types.String `tfsdk:"timeout"`
	Configured   types.Bool   `tfsdk:"configured"`
	RequestURL   types.String `tfsdk:"request_url"`
	OK           types.Bool   `tfsdk:"ok"`
	StatusCode   types.Int64  `tfsdk:"status_code"`
	JSONOK       types.Bool   `tfsdk:"json_ok"`
	ActionStatus types.String `tfsdk:"action_status"`
	ErrorCode    types.Int64  `tfsdk:"error_code"`
	LatencyMS    types.Int64  `tfsdk:"latency_ms"`
	Signed       types.Bool   `tfsdk:"signed"`
	Error        types.String `tfsdk:"error"`
	Warnings     types.List   `tfsdk:"warnings"`
}

func (d *webhookProbeDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = webhookProbeType
}

func (d *webhookProbeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Sends one probe to a product's webhook URL, exactly as TRTC delivers an event, and reports " +
			"the answer as TRTC would judge it. Made for `check` blocks and HCP Terraform's continuous validation: it " +
			"is read on every plan, sends nothing but the one `POST` (no retries, redirects not followed), and a " +
			"receiver that fails is reported in `ok` and `error`, never as an error of the plan. Without `url`, it " +
			"probes the URL TRTC holds for the product, drift included; with none configured, nothing is sent " +
			"(`configured = false`). The probe's command word, such as `Live.CallbackTerraformProbe`, is one no " +
			"product emits, and its body carries nothing but that word and the time, so a receiver that acknowledges " +
			"unknown words acts on nothing. Live probes are signed (`Sign` and `RequestTime`) while the app's signing " +
			"token is enabled; the token is read in the provider and never shown.",
		Attributes: map[string]schema.Attribute{
			"product": schema.StringAttribute{
				MarkdownDescription: productDescription(),
				Required:            true,
				Validators:          []validator.String{productValidator()},
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "The URL to probe instead of the one TRTC holds, such as a new receiver before the " +
					"configuration points at it. When omitted, the URL TRTC holds for the product, or null when it holds " +
					"none. TRTC's query parameters (`SdkAppid`, `CallbackCommand`, ...) are added to it, as TRTC adds them.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{webhookURL()},
			},
			attrSDKAppID: dataSourceSDKAppID(),
			"timeout": schema.StringAttribute{
				MarkdownDescription: timeoutDescription("The plan waits no longer than this for the receiver."),
				Optional:            true,
				Validators:          []validator.String{deliveryTimeout()},
			},
			"configured": schema.BoolAttribute{
				MarkdownDescription: "Whether there was a URL to probe: `url` is set, or TRTC holds a configuration for " +
					"the product. When `false`, nothing was sent, `ok` is `false` and `error` says why.",
				Computed: true,
			},
			"request_url": computed("The URL the probe was sent to, with TRTC's query parameters but without `Sign` " +
				"and `RequestTime`; null when nothing was sent."),
			"ok": schema.BoolAttribute{
				MarkdownDescription: "Whether the receiver gave the answer TRTC documents: HTTP 200 with a JSON body " +
					"`{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}`.",
				Computed: true,
			},
			"status_code": schema.Int64Attribute{
				MarkdownDescription: "The HTTP status of the answer; null when none arrived (refused, timed out, TLS failed, ...).",
				Computed:            true,
			},
			"json_ok": schema.BoolAttribute{
				MarkdownDescription: "Whether the answer's body is a JSON object. TRTC counts a delivery as delivered " +
					"when the status is 200 and this is `true`.",
				Computed: true,
			},
			"action_status": computed("The answer's `ActionStatus`; null when the answer has none."),
			"error_code": schema.Int64Attribute{
				MarkdownDescription: "The answer's `ErrorCode`; null when the answer has none, or not an integer.",
				Computed:            true,
			},
			"latency_ms": schema.Int64Attribute{
				MarkdownDescription: "Milliseconds from sending to the end of the answer (or the failure); null when nothing was sent.",
				Computed:            true,
			},
			"signed": schema.BoolAttribute{
				MarkdownDescription: "Whether the probe carried `Sign` and `RequestTime`: Live, with the signing token enabled.",
				Computed:            true,
			},
			"error": computed("What went wrong, in one sentence, such as `HTTP 404 Not Found: TRTC counts anything " +
				"but 200 as a failed delivery`; empty when `ok`."),
			"warnings": schema.ListAttribute{
				MarkdownDescription: "Remarks that do not fail the probe, such as an answer without `ErrorInfo`, or a " +
					"receiver at a private or loopback address, which answers the probe but which TRTC cannot reach.",
				Computed:    true,
				ElementType: types.StringType,
			},
		},
	}
}

func (d *webhookProbeDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		d.data = data
	}
}

func (d *webhookProbeDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m webhookProbeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	k, ok := productByName(m.Product.ValueString())
	if !ok {
		return // the validator has said so
	}
	a, _ := d.data.bindConfigured(&resp.Diagnostics, pathSDKAppID, m.SDKAppID)
	if a == nil || resp.Diagnostics.HasError() {
		return
	}
	override := !m.URL.IsNull() // the url argument, rather than the URL TRTC holds
	ctx = d.data.withLogMasks(ctx, a)
	api, cancel := context.WithTimeout(ctx, defaultReadTimeout)
	defer cancel()
	api, t, ok := d.data.readTarget(api, &resp.Diagnostics, a, k, m.URL.ValueString(), false)
	if !ok {
		return
	}
	ctx = d.data.maskSecret(ctx, t.target.Token)

	m.SDKAppID = types.NumberValue(sdkAppIDNumber(a.id))
	m.Configured = types.BoolValue(t.target.URL != "")
	m.URL = types.StringNull()
	m.RequestURL, m.StatusCode, m.ActionStatus, m.ErrorCode, m.LatencyMS = types.StringNull(), types.Int64Null(),
		types.StringNull(), types.Int64Null(), types.Int64Null()
	m.OK, m.JSONOK, m.Signed = types.BoolValue(false), types.BoolValue(false), types.BoolValue(false)
	m.Warnings = types.ListValueMust(types.StringType, nil)
	if t.target.URL == "" {
		m.Error = types.StringValue(fmt.Sprintf("SDKAppID %s has no %s webhook configuration, so nothing was probed.", a.idText, k.title))
		tflog.Debug(api, "Webhook probe skipped: no configuration", map[string]any{"trtc_product": k.productName()})
		resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
		return
	}
	m.URL = types.StringValue(t.target.URL)

	res, err := delivery.Send(ctx, t.target, delivery.Probe(k.delivery, time.Now()), delivery.Options{Timeout: timeoutOf(m.Timeout)})
	if err != nil {
		// About the input, never the receiver: the url argument (which
		// its validator has checked) or the URL TRTC holds.
		if override {
			resp.Diagnostics.AddAttributeError(path.Root("url"), "Cannot probe this URL", err.Error()+".")
			return
		}
		m.Error = types.StringValue("TRTC holds a URL that cannot be requested: " + err.Error() + ".")
		resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
		return
	}
	tflog.Debug(ctx, "Webhook probe answered", map[string]any{
		"trtc_product": k.productName(), "trtc_probe_url": res.URL, "trtc_probe_outcome": string(res.Outcome),
		"trtc_probe_answer": answerSummary(res), "trtc_probe_signed": res.Signed,
	})
	m.RequestURL = types.StringValue(res.URL)
	m.OK, m.JSONOK, m.Signed = types.BoolValue(res.OK), types.BoolValue(res.JSONOK), types.BoolValue(res.Signed)
	m.LatencyMS = types.Int64Value(res.Latency.Milliseconds())
	m.Error = types.StringValue(res.Error)
	if res.StatusCode != 0 {
		m.StatusCode = types.Int64Value(int64(res.StatusCode))
	}
	if res.ActionStatus != "" {
		m.ActionStatus = types.StringValue(res.ActionStatus)
	}
	if res.ErrorCode != nil {
		m.ErrorCode = types.Int64Value(int64(*res.ErrorCode))
	}
	warnings := make([]attr.Value, len(res.Warnings))
	for i, w := range res.Warnings {
		warnings[i] = types.StringValue(w)
	}
	m.Warnings = types.ListValueMust(types.StringType, warnings)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
