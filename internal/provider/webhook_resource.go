package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// Default operation timeouts, overridable in the timeouts block. Each bounds
// everything its operation does, retries and settling included.
const (
	defaultWriteTimeout = 5 * time.Minute
	defaultReadTimeout  = 2 * time.Minute
)

// webhookResource manages an app's singleton webhook configuration for one
// product. Its ID is the SDKAppID: there is at most one per app.
type webhookResource struct {
	kind webhookKind
	data *providerData
}

var (
	_ resource.ResourceWithConfigure   = (*webhookResource)(nil)
	_ resource.ResourceWithImportState = (*webhookResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*webhookResource)(nil)
	_ resource.ResourceWithIdentity    = (*webhookResource)(nil)
)

func (r *webhookResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.kind.typeName()
}

func (r *webhookResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: r.kind.resourceDescription(),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The SDKAppID, as a decimal string.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "The webhook address: `https://` (recommended) or `http://`, with a host that is " +
					"an IP address or a domain of at most 63 characters, an optional port (1–65535), and no spaces " +
					"or fragment. A changed URL can take about two minutes to take effect for deliveries.",
				Required:   true,
				Validators: []validator.String{webhookURL()},
			},
			"callback_commands": schema.SetAttribute{
				MarkdownDescription: r.kind.commandsDescription(),
				Required:            true,
				ElementType:         types.StringType,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(commandWord(r.kind)),
				},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *webhookResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = appIdentitySchema()
}

func (r *webhookResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		r.data = d
	}
}

func (r *webhookResource) api() *trtcapi.Webhooks { return r.data.client.Webhooks(r.kind.service) }

// singleton keys this resource's configuration in the ledger.
func (r *webhookResource) singleton() string { return r.kind.service.Name }

// ModifyPlan refuses a plan for another app's resource before any request.
func (r *webhookResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.data.refusePlanForOtherApp(ctx, r.kind.typeName(), req.State, &resp.Diagnostics)
}

func (r *webhookResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state webhookResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	timeout, diags := state.Timeouts.Read(ctx, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || !r.data.ownsID(&resp.Diagnostics, r.kind.typeName(), state.ID) {
		return
	}
	// Before any return: the framework refuses a Read that leaves the
	// identity null, and state from older CLIs has none.
	r.data.setIdentity(ctx, resp.Identity, &resp.Diagnostics)
	ctx, cancel := context.WithTimeout(r.data.withLogMasks(ctx), timeout)
	defer cancel()

	got, err := readSettled(ctx, r.api(), req.Private)
	if errors.Is(err, trtcapi.ErrNoConfiguration) {
		// Deleted outside Terraform: forget it, and the next plan creates it.
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.data.addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not read the %s webhook configuration", r.kind.product), err)
		return
	}
	commands, diags := commandSet(r.kind, got.Commands)
	resp.Diagnostics.Append(diags...)
	state.ID = types.StringValue(r.data.appID())
	state.URL = types.StringValue(got.URL)
	state.CallbackCommands = commands
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *webhookResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state webhookResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	timeout, diags := plan.Timeouts.Update(ctx, defaultWriteTimeout)
	resp.Diagnostics.Append(diags...)
	want, diags := plan.toConfig(ctx)
	resp.Diagnostics.Append(diags...)
	have, diags := state.toConfig(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || !r.data.ownsID(&resp.Diagnostics, r.kind.typeName(), state.ID) {
		return
	}
	plan.ID = state.ID
	r.data.setIdentity(ctx, resp.Identity, &resp.Diagnostics)
	if want.Equal(have) {
		// Only timeouts changed: nothing to send.
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}
	ctx, cancel := context.WithTimeout(r.data.withLogMasks(ctx), timeout)
	defer cancel()
	unlock := r.data.writes.lock(r.singleton())
	defer unlock()

	// On failure the state is left untouched: Terraform keeps the prior
	// state and the next plan still shows the change.
	if err := r.api().Update(ctx, want); err != nil {
		summary := fmt.Sprintf("Could not update the %s webhook configuration", r.kind.product)
		if errors.Is(err, trtcapi.ErrNoConfiguration) {
			r.data.addAPIError(&resp.Diagnostics, summary, err,
				"The configuration was deleted outside Terraform while this apply ran. Run terraform apply again: "+
					"the plan will create it.")
			return
		}
		r.data.addAPIError(&resp.Diagnostics, summary, err)
		return
	}
	r.data.writes.wrote(r.singleton())
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	recordWrite(ctx, resp.Private, []*trtcapi.WebhookConfig{&have}, &resp.Diagnostics)
}

func (r *webhookResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state webhookResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	timeout, diags := state.Timeouts.Delete(ctx, defaultWriteTimeout)
	resp.Diagnostics.Append(diags...)
	have, diags := state.toConfig(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || !r.data.ownsID(&resp.Diagnostics, r.kind.typeName(), state.ID) {
		return
	}
	ctx, cancel := context.WithTimeout(r.data.withLogMasks(ctx), timeout)
	defer cancel()
	unlock := r.data.writes.lock(r.singleton())
	defer unlock()

	if r.data.writes.ownedByNewerWrite(r.singleton()) {
		resp.Diagnostics.AddWarning(fmt.Sprintf("%s webhook configuration left in place", r.kind.product), fmt.Sprintf(
			"Another %s instance wrote this app's configuration earlier in this apply (a create_before_destroy "+
				"replacement, or a renamed resource), so it now manages the webhook. Deleting it would leave the app "+
				"without one: only this instance was removed from the state.", r.kind.typeName()))
		return
	}
	if err := r.api().Delete(ctx); err != nil {
		r.data.addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not delete the %s webhook configuration", r.kind.product), err)
		return
	}
	r.data.writes.deleted(r.singleton(), have)
}

// ImportState takes the SDKAppID, as an ID or an identity; it must be the
// provider's, since the provider's credentials only reach that app.
func (r *webhookResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.data.importSingleton(ctx, r.kind.typeName(), req, resp)
}
