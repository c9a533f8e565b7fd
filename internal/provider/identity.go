package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every singleton's resource identity is the app it belongs to (Terraform
// 1.12 and later; older CLIs ignore it). It is set in every operation that
// returns state, never null and never changing, and an import block may
// name it instead of an ID.

const identitySDKAppID = "sdk_app_id"

func appIdentitySchema() identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			identitySDKAppID: identityschema.Int64Attribute{
				Description:       "The SDKAppID of the app the configuration belongs to: the provider's sdk_app_id.",
				RequiredForImport: true,
			},
		},
	}
}

// setIdentity records the provider's app as the identity.
func (d *providerData) setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity == nil {
		return // a CLI without resource identity
	}
	diags.Append(identity.SetAttribute(ctx, path.Root(identitySDKAppID), types.Int64Value(int64(d.client.App().SDKAppID)))...)
}

// importSingleton imports a singleton by its ID (terraform import, or an
// import block's id) or by its identity (an import block's identity). Both
// must name the provider's app.
func (d *providerData) importSingleton(ctx context.Context, typeName string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	raw := req.ID
	if raw == "" && req.Identity != nil {
		var id types.Int64
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(identitySDKAppID), &id)...)
		if resp.Diagnostics.HasError() {
			return
		}
		if id.IsNull() || id.IsUnknown() {
			resp.Diagnostics.AddError("Missing identity", fmt.Sprintf(
				"An import block for %s needs identity = { sdk_app_id = %s }, or id = %q.", typeName, d.appID(), d.appID()))
			return
		}
		raw = strconv.FormatInt(id.ValueInt64(), 10)
	}
	id, ok := d.importedID(&resp.Diagnostics, typeName, raw)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), types.StringValue(id))...)
	d.setIdentity(ctx, resp.Identity, &resp.Diagnostics)
}
