package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// Default operation timeouts, overridable in the timeouts block.
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
)

func (r *webhookResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.kind.typeName(req.ProviderTypeName)
}

func (r *webhookResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("Manages the %s webhook configuration of the provider's app: the URL TRTC "+
			"delivers events to and the events it delivers. An app has at most one, so the resource is a singleton "+
			"whose ID is the SDKAppID. Creating it when one exists is an error (import it instead); destroying it "+
			"deletes the configuration.", r.kind.product),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The SDKAppID, as a decimal string.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "The webhook address: `https://` (recommended) or `http://`, with a host that is " +
					"an IP address or a domain of at most 63 characters. A changed URL can take about two minutes " +
					"to take effect for deliveries.",
				Required:   true,
				Validators: []validator.String{webhookURL()},
			},
			"callback_commands": schema.SetAttribute{
				MarkdownDescription: "The events to deliver, as callback command words of the form " +
					"`<Prefix>.Callback<Name>`, such as `" + r.kind.commands[0] + "`. A set: order does not matter. " +
					"Words this provider does not know draw a warning, not an error, because TRTC adds events over time.",
				Required:    true,
				ElementType: types.StringType,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(commandWord(r.kind.product, r.kind.commands)),
				},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *webhookResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		r.data = d
	}
}

func (r *webhookResource) api() *trtcapi.Webhooks { return r.data.client.Webhooks(r.kind.service) }

func (r *webhookResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan webhookResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	timeout, diags := plan.Timeouts.Create(ctx, defaultWriteTimeout)
	resp.Diagnostics.Append(diags...)
	cfg, diags := plan.toConfig(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(r.data.withLogMasks(ctx), timeout)
	defer cancel()
	summary := fmt.Sprintf("Could not create the %s webhook configuration", r.kind.product)

	// set_callback may overwrite (undocumented), so look first: creating
	// must never replace a configuration Terraform does not manage.
	_, err := r.api().Get(ctx)
	switch {
	case err == nil:
		r.addAlreadyExists(&resp.Diagnostics, summary)
		return
	case !errors.Is(err, trtcapi.ErrNoConfiguration):
		r.data.addAPIError(&resp.Diagnostics, summary, err)
		return
	}

	plan.ID = types.StringValue(sdkAppIDString(r.data.sdkAppID))
	err = r.api().Create(ctx, cfg)
	switch {
	case errors.Is(err, trtcapi.ErrAlreadyExists) && !trtcapi.IsUncertain(err):
		r.addAlreadyExists(&resp.Diagnostics, summary)
		return
	case err != nil && trtcapi.IsUncertain(err):
		// The write may have happened. Recording the resource (Terraform
		// marks it tainted) keeps remote state from existing without
		// Terraform state; the next apply settles it either way.
		r.data.addAPIError(&resp.Diagnostics, summary, err)
		resp.Diagnostics.AddWarning("The configuration may have been created",
			"TRTC gave no definitive answer, so the resource is recorded as tainted. The next plan reads it back: "+
				"if it exists it is replaced, if not it is created.")
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	case err != nil:
		r.data.addAPIError(&resp.Diagnostics, summary, err)
		return
	}
	// The API call succeeded: record it before anything else can fail.
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	recordWrite(ctx, resp.Private, nil, &resp.Diagnostics)
}

func (r *webhookResource) addAlreadyExists(diags interface{ AddError(string, string) }, summary string) {
	id := sdkAppIDString(r.data.sdkAppID)
	diags.AddError(summary, fmt.Sprintf(
		"SDKAppID %s already has a %s webhook configuration, and creating one would replace it. "+
			"Nothing was changed.\n\nTo manage the existing configuration with Terraform, import it:\n\n"+
			"  terraform import %s.<name> %s\n\nor, with Terraform 1.5 or later, add an import block and apply:\n\n"+
			"  import {\n    to = %s.<name>\n    id = %q\n  }",
		id, r.kind.product, r.typeName(), id, r.typeName(), id))
}

func (r *webhookResource) typeName() string { return r.kind.typeName("trtc") }

func (r *webhookResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state webhookResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	timeout, diags := state.Timeouts.Read(ctx, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
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
	commands, diags := commandSet(got.Commands)
	resp.Diagnostics.Append(diags...)
	state.ID = types.StringValue(sdkAppIDString(r.data.sdkAppID))
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
	if resp.Diagnostics.HasError() {
		return
	}
	plan.ID = state.ID
	if want.Equal(have) {
		// Only timeouts changed: nothing to send.
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}
	ctx, cancel := context.WithTimeout(r.data.withLogMasks(ctx), timeout)
	defer cancel()

	// On failure the state is left untouched: Terraform keeps the prior
	// state and the next plan still shows the change.
	if err := r.api().Update(ctx, want); err != nil {
		summary := fmt.Sprintf("Could not update the %s webhook configuration", r.kind.product)
		if errors.Is(err, trtcapi.ErrNoConfiguration) {
			resp.Diagnostics.AddError(summary, "The configuration was deleted outside Terraform while this apply ran. "+
				"Run terraform apply again: the plan will create it.")
			return
		}
		r.data.addAPIError(&resp.Diagnostics, summary, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	recordWrite(ctx, resp.Private, &have, &resp.Diagnostics)
}

func (r *webhookResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state webhookResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	timeout, diags := state.Timeouts.Delete(ctx, defaultWriteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(r.data.withLogMasks(ctx), timeout)
	defer cancel()
	if err := r.api().Delete(ctx); err != nil {
		r.data.addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not delete the %s webhook configuration", r.kind.product), err)
	}
}

// ImportState takes the SDKAppID; it must be the provider's, since the
// provider's credentials only reach that app.
func (r *webhookResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	raw := strings.TrimSpace(req.ID)
	id, err := strconv.ParseUint(raw, 10, 64)
	if err != nil || id == 0 {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("The import ID of %s is the app's SDKAppID, a positive integer such as %s; got %q.",
				r.typeName(), sdkAppIDString(r.data.sdkAppID), req.ID))
		return
	}
	if id != r.data.sdkAppID {
		resp.Diagnostics.AddError("Import ID is another app",
			fmt.Sprintf("The import ID %s is not the provider's sdk_app_id (%s). The provider's credentials reach only "+
				"its own app: import %s, or configure a provider for SDKAppID %s.",
				raw, sdkAppIDString(r.data.sdkAppID), sdkAppIDString(r.data.sdkAppID), raw))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), types.StringValue(raw))...)
}
