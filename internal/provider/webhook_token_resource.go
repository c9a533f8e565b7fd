package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// The Live webhook signing token (docs/development/trtc-api.md §3), an
// object kind of the lifecycle engine: a singleton per app, whose value is
// the token and whether it is enabled. Receivers may already check
// deliveries against an enabled token, so the create rule's "safe to
// overwrite" is a token that is absent, disabled or the very one
// configured. There is no delete command: remove disables it.
const (
	liveWebhookTokenType   = TypeName + "_" + liveWebhookTokenSuffix
	liveWebhookTokenSuffix = "live_webhook_token"
)

type tokenKind struct{}

func newWebhookTokenResource() resource.Resource {
	return &lifecycle[webhookTokenModel, tokenValue]{kind: tokenKind{}}
}

type webhookTokenModel struct {
	objectFields
	Enabled        types.Bool   `tfsdk:"enabled"`
	Token          types.String `tfsdk:"token"`
	TokenWO        types.String `tfsdk:"token_wo"`
	TokenWOVersion types.Int64  `tfsdk:"token_wo_version"`
}

// tokenValue is the token TRTC holds or is to hold. sendValue: a write
// sends the value (a create, a new token, a new token_wo_version), not only
// whether it is enabled.
type tokenValue struct {
	trtcapi.Token
	sendValue bool
}

func (tokenKind) typeName() string { return liveWebhookTokenType }
func (tokenKind) noun() string     { return "live webhook signing token" }

func (tokenKind) description() string {
	return "Manages the signing token of an app's TUILiveKit (Live) webhook. While it is enabled, every delivery " +
		"carries `Sign` and `RequestTime`, so a receiver can check that it came from TRTC. An app has one token, so " +
		"the resource is a singleton whose ID is the SDKAppID. TRTC has no command to delete it: destroying the " +
		"resource disables it and leaves the value on TRTC."
}

func (tokenKind) attributes() map[string]schema.Attribute {
	length := []validator.String{tokenLength()}
	return map[string]schema.Attribute{
		"enabled": schema.BoolAttribute{
			MarkdownDescription: "Whether deliveries are signed (`IsTokenEnable`).",
			Required:            true,
		},
		"token_wo": schema.StringAttribute{
			MarkdownDescription: "The token, 1–128 characters, write-only: it never reaches the plan or the " +
				"state. Needs Terraform 1.11 or OpenTofu 1.11 or later, and `token_wo_version`; set this or `token`. " +
				"Over 128 bytes (multi-byte characters) draws a warning: TRTC does not say how it counts them.",
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
	}
}

func (tokenKind) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("token"), path.MatchRoot("token_wo")),
		resourcevalidator.RequiredTogether(path.MatchRoot("token_wo"), path.MatchRoot("token_wo_version")),
	}
}

// ValidateConfig says which CLIs take token_wo. The framework refuses a
// write-only value from an older CLI too, but without naming OpenTofu or
// the way out.
func (tokenKind) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var wo types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("token_wo"), &wo)...)
	if wo.IsNull() || req.ClientCapabilities.WriteOnlyAttributesAllowed {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("token_wo"), "token_wo needs Terraform 1.11 or OpenTofu 1.11",
		"token_wo is write-only, which Terraform 1.11 and later and OpenTofu 1.11 and later support; this CLI does not. "+
			"Upgrade the CLI, or set token instead (sensitive, but stored in the state) and remove token_wo_version.")
}

func (tokenKind) objectIDAttribute() string          { return "" }
func (tokenKind) objectID(*webhookTokenModel) string { return "" }

// desired is the configured token: token from the plan, or token_wo, which
// only the configuration holds. A write-only token is sent only when its
// version changes (a version nulled by Read is drift); a stored one
// whenever it differs.
func (tokenKind) desired(ctx context.Context, plan *webhookTokenModel, config tfsdk.Config, prior *webhookTokenModel) (tokenValue, diag.Diagnostics) {
	v := tokenValue{Token: trtcapi.Token{Value: plan.Token.ValueString(), Enabled: plan.Enabled.ValueBool()}, sendValue: true}
	var diags diag.Diagnostics
	if plan.Token.IsNull() {
		var wo types.String
		diags = config.GetAttribute(ctx, path.Root("token_wo"), &wo)
		v.Value = wo.ValueString()
	}
	if prior != nil {
		v.sendValue = (!plan.Token.IsNull() && !plan.Token.Equal(prior.Token)) ||
			(plan.Token.IsNull() && !plan.TokenWOVersion.Equal(prior.TokenWOVersion))
	}
	return v, diags
}

// unchanged: nothing to send when neither the value to send nor enabled
// changed (only timeouts, or token_wo without a new version).
func (k tokenKind) unchanged(ctx context.Context, plan, state *webhookTokenModel, config tfsdk.Config) (bool, diag.Diagnostics) {
	want, diags := k.desired(ctx, plan, config, state)
	return !want.sendValue && plan.Enabled.Equal(state.Enabled), diags
}

// claimed is the stored token; a write-only one is not in the state.
func (tokenKind) claimed(_ context.Context, state *webhookTokenModel) (tokenValue, bool, diag.Diagnostics) {
	v := tokenValue{Token: trtcapi.Token{Value: state.Token.ValueString(), Enabled: state.Enabled.ValueBool()}}
	return v, !state.Token.IsNull(), nil
}

// refreshed takes enabled and a stored token from TRTC; a write-only token
// is compared with its digest, and a mismatch nulls token_wo_version so
// the plan sends token_wo again. After an import neither is set: the next
// apply writes the configured token, whichever attribute holds it.
func (tokenKind) refreshed(ctx context.Context, m *webhookTokenModel, got tokenValue, r refresh) diag.Diagnostics {
	var diags diag.Diagnostics
	m.Enabled = types.BoolValue(got.Enabled)
	switch {
	case !m.Token.IsNull():
		m.Token = types.StringValue(got.Value)
	case !m.TokenWOVersion.IsNull():
		if d, ok := storedTokenDigest(ctx, r.prior); !ok || !d.matches([]byte(got.Value)) {
			m.TokenWOVersion = types.Int64Null()
			diags.AddWarning("Live webhook signing token changed outside Terraform", fmt.Sprintf(
				"The token TRTC holds for SDKAppID %s is not the token_wo this configuration last wrote. The plan "+
					"restores it: token_wo_version changes back to its configured value, and the apply sends token_wo again.",
				fieldsOf(m).ID.ValueString()))
		}
	}
	return diags
}

// recorded keeps the digest of a write-only token that was written (or
// adopted), and drops it once the token is stored in the state.
func (tokenKind) recorded(ctx context.Context, m *webhookTokenModel, v tokenValue, private privateSetter) diag.Diagnostics {
	switch {
	case !m.Token.IsNull():
		return keepTokenDigest(ctx, private, "")
	case v.sendValue:
		return keepTokenDigest(ctx, private, v.Value)
	}
	return nil
}

func (tokenKind) describe(m *webhookTokenModel) string {
	return fmt.Sprintf("enabled = %t", m.Enabled.ValueBool())
}

func (tokenKind) show(v tokenValue) string {
	if v.Enabled {
		return "an enabled token (not shown)"
	}
	return "a disabled token (not shown)"
}

func (tokenKind) secretsOf(v tokenValue) []string { return []string{v.Value} }

func (tokenKind) get(ctx context.Context, a *app, _ string, _ time.Time) (tokenValue, error) {
	got, err := a.client.WebhookToken().Get(ctx)
	if errors.Is(err, trtcapi.ErrNoToken) {
		err = fmt.Errorf("%w: %w", errAbsent, err)
	}
	return tokenValue{Token: got}, err
}

// writes is one request: the token, or only whether it is enabled.
func (tokenKind) writes(a *app, _ string, v tokenValue, prior *tokenValue) []writeStep[tokenValue] {
	send := func(ctx context.Context) error { return a.client.WebhookToken().Set(ctx, v.Token) }
	if prior != nil && !v.sendValue {
		send = func(ctx context.Context) error { return a.client.WebhookToken().SetEnabled(ctx, v.Enabled) }
	}
	return []writeStep[tokenValue]{{send: send, leaves: v}}
}

func (tokenKind) remove(ctx context.Context, a *app, _ string) error {
	return a.client.WebhookToken().Disable(ctx)
}

func (tokenKind) same(a, b tokenValue) bool { return a.Token == b.Token }

func (tokenKind) safeToOverwrite(held, want tokenValue) bool {
	return !held.Enabled || held.Value == want.Value
}

func (tokenKind) fingerprint(v tokenValue) []byte {
	return fmt.Appendf(nil, "%t\n%s", v.Enabled, v.Value)
}

func (tokenKind) removal(a *app) (string, string) {
	return "Live webhook signing token disabled, not deleted", fmt.Sprintf(
		"TRTC has no command to delete the webhook signing token, so destroying %s disabled it for SDKAppID %s "+
			"(IsTokenEnable = false): deliveries no longer carry Sign and RequestTime. The token value stays on TRTC; "+
			"a later create writes its own token over it.", liveWebhookTokenType, a.idText)
}

func (tokenKind) leftInPlace() string { return "Disabling it would leave deliveries unsigned" }

func (tokenKind) refusal(a *app) string {
	return fmt.Sprintf(
		"SDKAppID %[1]s already has an enabled live webhook signing token, and it is not the configured one. "+
			"Receivers may be checking deliveries against it, so creating this resource would break them. Nothing "+
			"was changed.\n\nTo manage the existing token with Terraform (the next apply then writes the configured "+
			"token), import it:\n\n  terraform import %[2]s.<name> %[1]s\n\n"+
			"or, with Terraform 1.5 or later, add an import block and apply:\n\n"+
			"  import {\n    to = %[2]s.<name>\n    id = %[1]q\n  }\n\n"+
			"Or disable the existing token in the TRTC console first.",
		a.idText, liveWebhookTokenType)
}
