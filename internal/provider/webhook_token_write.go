package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// The create rule for the token: receivers may already check deliveries
// against an enabled token, so a create never replaces one silently. No
// token, a disabled one, or the very token configured is safe to write;
// an enabled different one is refused with import instructions.

// configuredToken is the token the configuration gives: token from the
// plan, or token_wo, which only the configuration holds. writeOnly tells
// which.
func configuredToken(ctx context.Context, plan webhookTokenModel, config tfsdk.Config) (value string, writeOnly bool, diags diag.Diagnostics) {
	if !plan.Token.IsNull() {
		return plan.Token.ValueString(), false, nil
	}
	var wo types.String
	diags = config.GetAttribute(ctx, path.Root("token_wo"), &wo)
	return wo.ValueString(), true, diags
}

func (r *webhookTokenResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan webhookTokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	value, writeOnly, diags := configuredToken(ctx, plan, req.Config)
	resp.Diagnostics.Append(diags...)
	timeout, diags := plan.Timeouts.Create(ctx, defaultWriteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(maskToken(r.data.withLogMasks(ctx), value), timeout)
	defer cancel()
	const summary = "Could not create the live webhook signing token"
	want := trtcapi.Token{Value: value, Enabled: plan.Enabled.ValueBool()}

	got, err := r.api().Get(ctx)
	ctx = maskToken(ctx, got.Value)
	switch {
	case errors.Is(err, trtcapi.ErrNoToken):
	case err != nil:
		r.data.addAPIError(&resp.Diagnostics, summary, err)
		return
	case got.Enabled && got.Value != want.Value:
		r.addTokenExists(&resp.Diagnostics, summary)
		return
	}

	unlock := r.data.writes.lock(tokenSingleton)
	defer unlock()
	err = r.api().Set(ctx, want)
	if err == nil || trtcapi.IsUncertain(err) {
		r.data.writes.wrote(tokenSingleton)
	}
	switch {
	case trtcapi.IsUncertain(err):
		// As for webhooks: recorded with a warning, not tainted. The next
		// refresh settles it (absent: planned for create; another token:
		// an update that writes this one).
		resp.Diagnostics.AddWarning(summary+": not confirmed", fmt.Sprintf(
			"TRTC gave no definitive answer, so the token may or may not have been written:\n\n%s\n\n"+
				"The resource is recorded in the state. The next plan reads the token back and restores it if needed.", err))
	case err != nil:
		r.data.addAPIError(&resp.Diagnostics, summary, err)
		return
	}
	plan.ID = types.StringValue(r.data.appID())
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	r.data.setIdentity(ctx, resp.Identity, &resp.Diagnostics)
	if writeOnly {
		resp.Diagnostics.Append(keepDigest(ctx, resp.Private, value)...)
	}
}

func (r *webhookTokenResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state webhookTokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	value, writeOnly, diags := configuredToken(ctx, plan, req.Config)
	resp.Diagnostics.Append(diags...)
	timeout, diags := plan.Timeouts.Update(ctx, defaultWriteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || !r.data.ownsID(&resp.Diagnostics, liveWebhookTokenType, state.ID) {
		return
	}
	plan.ID = state.ID
	r.data.setIdentity(ctx, resp.Identity, &resp.Diagnostics)
	// A write-only token is sent only when its version changes (a version
	// nulled by Read is drift); a stored one whenever it differs.
	sendValue := (!writeOnly && !plan.Token.Equal(state.Token)) ||
		(writeOnly && !plan.TokenWOVersion.Equal(state.TokenWOVersion))
	enable := plan.Enabled.ValueBool()
	if !sendValue && plan.Enabled.Equal(state.Enabled) {
		// Only timeouts, or token_wo without a new version: nothing to send.
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}
	ctx, cancel := context.WithTimeout(maskToken(r.data.withLogMasks(ctx), value), timeout)
	defer cancel()
	unlock := r.data.writes.lock(tokenSingleton)
	defer unlock()

	var err error
	if sendValue {
		err = r.api().Set(ctx, trtcapi.Token{Value: value, Enabled: enable})
	} else {
		err = r.api().SetEnabled(ctx, enable)
	}
	// On failure the state is left untouched, so the next plan still
	// shows the change.
	if err != nil {
		r.data.addAPIError(&resp.Diagnostics, "Could not update the live webhook signing token", err)
		return
	}
	r.data.writes.wrote(tokenSingleton)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	switch {
	case !writeOnly:
		resp.Diagnostics.Append(keepDigest(ctx, resp.Private, "")...) // the token is in the state now
	case sendValue:
		resp.Diagnostics.Append(keepDigest(ctx, resp.Private, value)...)
	}
}

// Delete disables the token: TRTC has no command to delete it.
func (r *webhookTokenResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state webhookTokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	timeout, diags := state.Timeouts.Delete(ctx, defaultWriteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || !r.data.ownsID(&resp.Diagnostics, liveWebhookTokenType, state.ID) {
		return
	}
	ctx, cancel := context.WithTimeout(maskToken(r.data.withLogMasks(ctx), state.Token.ValueString()), timeout)
	defer cancel()
	unlock := r.data.writes.lock(tokenSingleton)
	defer unlock()

	if r.data.writes.ownedByNewerWrite(tokenSingleton) {
		resp.Diagnostics.AddWarning("Live webhook signing token left enabled", fmt.Sprintf(
			"Another %s instance wrote this app's token earlier in this apply (a create_before_destroy replacement, "+
				"or a renamed resource), so it now manages the token. Disabling it would leave deliveries unsigned: "+
				"only this instance was removed from the state.", liveWebhookTokenType))
		return
	}
	if err := r.api().Disable(ctx); err != nil {
		r.data.addAPIError(&resp.Diagnostics, "Could not disable the live webhook signing token", err)
		return
	}
	// The ledger's record of a delete; what it removed only matters for webhooks.
	r.data.writes.deleted(tokenSingleton, trtcapi.WebhookConfig{})
	resp.Diagnostics.AddWarning("Live webhook signing token disabled, not deleted", fmt.Sprintf(
		"TRTC has no command to delete the webhook signing token, so destroying %s disabled it for SDKAppID %s "+
			"(IsTokenEnable = false): deliveries no longer carry Sign and RequestTime. The token value stays on TRTC; "+
			"a later create writes its own token over it.", liveWebhookTokenType, r.data.appID()))
}

func (r *webhookTokenResource) addTokenExists(diags *diag.Diagnostics, summary string) {
	diags.AddError(summary, fmt.Sprintf(
		"SDKAppID %[1]s already has an enabled live webhook signing token, and it is not the configured one. "+
			"Receivers may be checking deliveries against it, so creating this resource would break them. Nothing "+
			"was changed.\n\nTo manage the existing token with Terraform (the next apply then writes the configured "+
			"token), import it:\n\n  terraform import %[2]s.<name> %[1]s\n\n"+
			"or, with Terraform 1.5 or later, add an import block and apply:\n\n"+
			"  import {\n    to = %[2]s.<name>\n    id = %[1]q\n  }\n\n"+
			"Or disable the existing token in the TRTC console first.",
		r.data.appID(), liveWebhookTokenType))
}
