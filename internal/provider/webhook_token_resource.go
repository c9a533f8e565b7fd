package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// The live webhook signing token (trtc-api.md §3): a singleton per app,
// like the webhook, whose ID is the SDKAppID. There is no delete command.
const (
	liveWebhookTokenType = TypeName + "_live_webhook_token"
	// tokenSingleton keys the token in the ledger.
	tokenSingleton = "live_config/callback_token"
	maxTokenLength = 128
)

type webhookTokenResource struct{ data *providerData }

var (
	_ resource.ResourceWithConfigure        = (*webhookTokenResource)(nil)
	_ resource.ResourceWithImportState      = (*webhookTokenResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*webhookTokenResource)(nil)
	_ resource.ResourceWithConfigValidators = (*webhookTokenResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*webhookTokenResource)(nil)
	_ resource.ResourceWithIdentity         = (*webhookTokenResource)(nil)
)

func newWebhookTokenResource() resource.Resource { return &webhookTokenResource{} }

type webhookTokenModel struct {
	ID             types.String   `tfsdk:"id"`
	Enabled        types.Bool     `tfsdk:"enabled"`
	Token          types.String   `tfsdk:"token"`
	TokenWO        types.String   `tfsdk:"token_wo"`
	TokenWOVersion types.Int64    `tfsdk:"token_wo_version"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

func (r *webhookTokenResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = liveWebhookTokenType
}

func (r *webhookTokenResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	length := []validator.String{tokenLength()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages the signing token of the provider's app's TUILiveKit (Live) webhook. While it " +
			"is enabled, every delivery carries `Sign` and `RequestTime`, so a receiver can check that it came from " +
			"TRTC. An app has one token, so the resource is a singleton whose ID is the SDKAppID. TRTC has no " +
			"command to delete it: destroying the resource disables it and leaves the value on TRTC.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The SDKAppID, as a decimal string.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether deliveries are signed (`IsTokenEnable`).",
				Required:            true,
			},
			"token_wo": schema.StringAttribute{
				MarkdownDescription: "The token, 1–128 characters, write-only: it never reaches the plan or the " +
					"state. Needs Terraform 1.11 or OpenTofu 1.11 or later, and `token_wo_version`; set this or `token`.",
				Optional:   true,
				Sensitive:  true,
				WriteOnly:  true,
				Validators: length,
			},
			"token_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Required with `token_wo`. The token is sent when this number changes (and when " +
					"the token was changed outside Terraform): change it to rotate the token. A changed `token_wo` " +
					"alone is not sent.",
				Optional: true,
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "The token, 1–128 characters, for CLIs older than Terraform 1.11 or OpenTofu " +
					"1.11. Sensitive, but stored in the state: prefer `token_wo`. Set this or `token_wo`.",
				Optional:   true,
				Sensitive:  true,
				Validators: length,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *webhookTokenResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = appIdentitySchema()
}

func (r *webhookTokenResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("token"), path.MatchRoot("token_wo")),
		resourcevalidator.RequiredTogether(path.MatchRoot("token_wo"), path.MatchRoot("token_wo_version")),
	}
}

// ValidateConfig says which CLIs take token_wo. The framework refuses a
// write-only value from an older CLI too, but without naming OpenTofu or
// the way out.
func (r *webhookTokenResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var wo types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("token_wo"), &wo)...)
	if wo.IsNull() || req.ClientCapabilities.WriteOnlyAttributesAllowed {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("token_wo"), "token_wo needs Terraform 1.11 or OpenTofu 1.11",
		"token_wo is write-only, which Terraform 1.11 and later and OpenTofu 1.11 and later support; this CLI does not. "+
			"Upgrade the CLI, or set token instead (sensitive, but stored in the state) and remove token_wo_version.")
}

func (r *webhookTokenResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		r.data = d
	}
}

func (r *webhookTokenResource) api() *trtcapi.WebhookToken { return r.data.client.WebhookToken() }

// ModifyPlan refuses a plan for another app's token before any request.
func (r *webhookTokenResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.data.refusePlanForOtherApp(ctx, liveWebhookTokenType, req.State, &resp.Diagnostics)
}

// Read refreshes enabled and the token. A stored token (token) takes the
// value TRTC holds; a write-only one is compared with its digest, and a
// mismatch nulls token_wo_version so the plan sends token_wo again.
func (r *webhookTokenResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state webhookTokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	timeout, diags := state.Timeouts.Read(ctx, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || !r.data.ownsID(&resp.Diagnostics, liveWebhookTokenType, state.ID) {
		return
	}
	r.data.setIdentity(ctx, resp.Identity, &resp.Diagnostics) // before any return, as for webhooks
	ctx, cancel := context.WithTimeout(r.data.withLogMasks(ctx), timeout)
	defer cancel()

	got, err := r.api().Get(ctx)
	if errors.Is(err, trtcapi.ErrNoToken) {
		// There is no delete command, but the app may have been reset.
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.data.addAPIError(&resp.Diagnostics, "Could not read the live webhook signing token", err)
		return
	}
	ctx = maskToken(ctx, got.Value)
	state.ID = types.StringValue(r.data.appID())
	state.Enabled = types.BoolValue(got.Enabled)
	switch {
	case !state.Token.IsNull():
		state.Token = types.StringValue(got.Value)
	case !state.TokenWOVersion.IsNull():
		if d, ok := storedDigest(ctx, req.Private); !ok || !d.matches(got.Value) {
			state.TokenWOVersion = types.Int64Null()
			resp.Diagnostics.AddWarning("Live webhook signing token changed outside Terraform", fmt.Sprintf(
				"The token TRTC holds for SDKAppID %s is not the token_wo this configuration last wrote. The plan "+
					"restores it: token_wo_version changes back to its configured value, and the apply sends token_wo again.",
				r.data.appID()))
		}
	}
	// After an import neither is set: the next apply writes the
	// configured token, whichever attribute holds it.
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// ImportState takes the SDKAppID of the provider's own app, as an ID or an identity.
func (r *webhookTokenResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.data.importSingleton(ctx, liveWebhookTokenType, req, resp)
}

// maskToken adds a token to ctx's log masks.
func maskToken(ctx context.Context, token string) context.Context {
	if token == "" {
		return ctx
	}
	ctx = tflog.MaskMessageStrings(ctx, token)
	return tflog.MaskAllFieldValuesStrings(ctx, token)
}
