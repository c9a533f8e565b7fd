package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The app-binding rule (DESIGN.md): a provider configuration reaches one
// app, and every singleton's ID is that app's SDKAppID. A resource whose ID
// names another app (the provider was pointed elsewhere with the state
// unchanged) is never read from, written to or deleted in the provider's
// app: the operation fails before any request, and says how to go on.

// ownsID reports whether id is the provider's app, adding an error that
// names both apps when it is not. An unknown or empty ID (not yet created)
// is the provider's by definition.
func (d *providerData) ownsID(diags *diag.Diagnostics, typeName string, id types.String) bool {
	if id.IsNull() || id.IsUnknown() || id.ValueString() == "" || id.ValueString() == d.appID() {
		return true
	}
	theirs, ours := id.ValueString(), d.appID()
	diags.AddError("Resource belongs to another app", fmt.Sprintf(
		"This %[1]s belongs to SDKAppID %[2]s, but the provider is configured for SDKAppID %[3]s. "+
			"To protect both apps, nothing was read, written or deleted in either.\n\n"+
			"To go on managing the webhook of %[2]s, point the provider back at it (sdk_app_id = %[2]s, with its "+
			"secret key and region or endpoint).\n\n"+
			"To manage the webhook of %[3]s instead, first forget this one without deleting it:\n\n"+
			"  terraform state rm %[1]s.<name>\n\n"+
			"or, with Terraform 1.7 or later, a removed block:\n\n"+
			"  removed {\n    from = %[1]s.<name>\n    lifecycle {\n      destroy = false\n    }\n  }\n\n"+
			"then import the webhook of %[3]s:\n\n"+
			"  terraform import %[1]s.<name> %[3]s",
		typeName, theirs, ours))
	return false
}

// refusePlanForOtherApp is ModifyPlan's half of the rule (Read covers
// refresh; this covers -refresh=false): state holding another app's ID
// fails the plan before any request.
func (d *providerData) refusePlanForOtherApp(ctx context.Context, typeName string, state tfsdk.State, diags *diag.Diagnostics) {
	if d == nil || state.Raw.IsNull() {
		return // not configured yet (validation), or a create
	}
	var id types.String
	diags.Append(state.GetAttribute(ctx, path.Root("id"), &id)...)
	d.ownsID(diags, typeName, id)
}

// importedID checks an import ID: the SDKAppID of the provider's own app.
func (d *providerData) importedID(diags *diag.Diagnostics, typeName, raw string) (string, bool) {
	id, err := parseSDKAppID(raw)
	if err != nil {
		diags.AddError("Invalid import ID", fmt.Sprintf(
			"The import ID of %s is the app's SDKAppID, which %s, such as %s; got %q.",
			typeName, err, d.appID(), raw))
		return "", false
	}
	if got := sdkAppIDString(id); got != d.appID() {
		diags.AddError("Import ID is another app", fmt.Sprintf(
			"The import ID %[1]s is not the provider's sdk_app_id (%[2]s), and the provider reaches only its own "+
				"app. Import %[2]s, or configure a provider for SDKAppID %[1]s (its own provider block, "+
				"with alias, for this resource).", got, d.appID()))
		return "", false
	}
	return d.appID(), true
}
