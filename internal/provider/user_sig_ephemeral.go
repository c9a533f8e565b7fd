package provider

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// trtc_user_sig signs a UserSig for any account of the provider's app and
// hands it to the configuration without storing it anywhere.
const (
	userSigType          = TypeName + "_user_sig"
	defaultUserSigExpire = 86400 // seconds
	// maxUserSigExpire is the most seconds the signer takes: it counts
	// validity in time.Duration, which holds about 292 years.
	maxUserSigExpire = math.MaxInt64 / int64(time.Second)
	// maxUserIDBytes: TLSSigAPIv2 documents user IDs of at most 32 bytes.
	maxUserIDBytes = 32
)

type userSigEphemeral struct{ data *providerData }

var _ ephemeral.EphemeralResourceWithConfigure = (*userSigEphemeral)(nil)

func newUserSigEphemeral() ephemeral.EphemeralResource { return &userSigEphemeral{} }

type userSigModel struct {
	SDKAppID  types.Number `tfsdk:"sdk_app_id"`
	UserID    types.String `tfsdk:"user_id"`
	Expire    types.Int64  `tfsdk:"expire"`
	UserSig   types.String `tfsdk:"user_sig"`
	ExpiresAt types.String `tfsdk:"expires_at"`
}

func (e *userSigEphemeral) Metadata(_ context.Context, _ ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = userSigType
}

func (e *userSigEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Signs a UserSig (TLSSigAPIv2) for any user of one of the provider's apps, without storing it in " +
			"the plan or the state. Needs that app's `secret_key`, Terraform 1.10 or later or OpenTofu 1.11 or " +
			"later. Use it for a short-lived administrator UserSig passed to another provider configuration's " +
			"`user_sig`, or to send a bot's UserSig to a secret store through a write-only attribute.",
		Attributes: map[string]schema.Attribute{
			attrSDKAppID: ephemeralSDKAppID(),
			"user_id": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The user (UserID) the UserSig is for: 1 to %d bytes; TRTC user IDs "+
					"use letters, digits, `_` and `-`.", maxUserIDBytes),
				Required:   true,
				Validators: []validator.String{userIDBytes()},
			},
			"expire": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How long the UserSig is valid, in seconds: from 1 to %d. Defaults "+
					"to %d (a day).", maxUserSigExpire, defaultUserSigExpire),
				Optional:   true,
				Computed:   true,
				Validators: []validator.Int64{int64validator.Between(1, maxUserSigExpire)},
			},
			"user_sig": schema.StringAttribute{
				MarkdownDescription: "The UserSig.",
				Computed:            true,
				Sensitive:           true,
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "The last instant the UserSig is valid (issue time plus `expire`), in RFC 3339, UTC.",
				Computed:            true,
			},
		},
	}
}

func (e *userSigEphemeral) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	if d, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		e.data = d
	}
}

func (e *userSigEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m userSigModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if e.data == nil {
		return
	}
	a, _ := e.data.bindConfigured(&resp.Diagnostics, pathSDKAppID, m.SDKAppID)
	if a == nil || resp.Diagnostics.HasError() {
		return
	}
	if a.signer == nil {
		resp.Diagnostics.AddError(userSigType+" needs the provider's secret_key", "This provider configuration "+
			"authenticates with a pre-made user_sig, which cannot sign UserSigs for other users. Give SDKAppID "+a.idText+
			" a secret_key (or "+envSecretKey+"), in the provider block or its apps entry, or give "+userSigType+
			" a provider configuration that has one, for example with provider = trtc.<alias>.")
		return
	}
	if m.Expire.IsNull() || m.Expire.IsUnknown() {
		m.Expire = types.Int64Value(defaultUserSigExpire)
	}
	now := time.Now()
	sig, err := a.signer.SignFor(m.UserID.ValueString(), time.Duration(m.Expire.ValueInt64())*time.Second, now)
	if err != nil {
		resp.Diagnostics.AddError("Could not sign a UserSig", err.Error()) // usersig errors name no secret
		return
	}
	ctx = e.data.maskSecret(e.data.withLogMasks(ctx, a), sig)
	m.SDKAppID = types.NumberValue(sdkAppIDNumber(a.id))
	m.UserSig = types.StringValue(sig)
	m.ExpiresAt = types.StringValue(time.Unix(now.Unix()+m.Expire.ValueInt64(), 0).UTC().Format(time.RFC3339))
	resp.Diagnostics.Append(resp.Result.Set(ctx, m)...)
}

// userIDBytes bounds a user ID in bytes, as TLSSigAPIv2 documents it.
func userIDBytes() validator.String {
	return stringCheck{
		description: fmt.Sprintf("must be 1 to %d bytes", maxUserIDBytes),
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			if n := len(value); n < 1 || n > maxUserIDBytes {
				resp.Diagnostics.AddAttributeError(req.Path, "Invalid user_id",
					fmt.Sprintf("%s must be 1 to %d bytes, got %d.", req.Path, maxUserIDBytes, n))
			}
		},
	}
}
