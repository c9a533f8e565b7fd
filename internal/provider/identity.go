package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// An object's resource identity (Terraform 1.12 and later; older CLIs
// ignore it) is its app and, for kinds with more than one object per app,
// its own ID: { sdk_app_id } or { sdk_app_id, gift_id }. The engine sets it
// in every operation that returns state, never null and never changing,
// and an import block may name it instead of an ID.

const identitySDKAppID = "sdk_app_id"

func (e *lifecycle[M, V]) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	attrs := map[string]identityschema.Attribute{
		identitySDKAppID: identityschema.Int64Attribute{
			Description:       "The SDKAppID of the app the object belongs to.",
			RequiredForImport: true,
		},
	}
	if idAttr := e.kind.objectIDAttribute(); idAttr != "" {
		attrs[idAttr] = identityschema.StringAttribute{
			Description:       "The object's ID within its app.",
			RequiredForImport: true,
		}
	}
	resp.IdentitySchema = identityschema.Schema{Attributes: attrs}
}

// setIdentity records the object's identity.
func (e *lifecycle[M, V]) setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, a *app, objectID string, diags *diag.Diagnostics) {
	if identity == nil {
		return // a CLI without resource identity
	}
	diags.Append(identity.SetAttribute(ctx, path.Root(identitySDKAppID), types.Int64Value(int64(a.id)))...)
	if idAttr := e.kind.objectIDAttribute(); idAttr != "" {
		diags.Append(identity.SetAttribute(ctx, path.Root(idAttr), types.StringValue(objectID))...)
	}
}

// stateID is the resource ID: the SDKAppID for a singleton, SDKAPPID/ID
// for an object with an ID of its own.
func (e *lifecycle[M, V]) stateID(a *app, objectID string) string {
	if e.kind.objectIDAttribute() == "" {
		return a.idText
	}
	return a.idText + "/" + objectID
}

// ImportState takes an ID (terraform import, or an import block's id) or
// an identity (an import block's identity). The ID is the SDKAppID for a
// singleton, SDKAPPID/ID for other objects (or ID alone, in the default
// app); the app must be one the provider holds.
func (e *lifecycle[M, V]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	idAttr := e.kind.objectIDAttribute()
	appRaw, objectID := req.ID, ""
	if req.ID == "" && req.Identity != nil {
		var app types.Int64
		var obj types.String
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(identitySDKAppID), &app)...)
		if idAttr != "" {
			resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(idAttr), &obj)...)
		}
		if resp.Diagnostics.HasError() {
			return
		}
		if app.IsNull() || app.IsUnknown() || (idAttr != "" && obj.ValueString() == "") {
			resp.Diagnostics.AddError("Missing identity", fmt.Sprintf(
				"An import block for %s needs identity = { %s }, or an id.", e.kind.typeName(), e.identityExample()))
			return
		}
		appRaw, objectID = fmt.Sprint(app.ValueInt64()), obj.ValueString()
	} else if idAttr != "" {
		// SDKAPPID/ID, or ID alone in the default app. The ID may hold a
		// slash of its own: the SDKAppID is what comes before the first.
		head, tail, found := strings.Cut(req.ID, "/")
		forms := fmt.Sprintf("SDKAPPID/%s, or %s alone for the provider's default app", strings.ToUpper(idAttr), strings.ToUpper(idAttr))
		switch {
		case found:
			if _, err := parseSDKAppID(head); err != nil {
				resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf(
					"The import ID of %s is %s; got %q, whose SDKAppID %q %s.", e.kind.typeName(), forms, req.ID, head, err))
				return
			}
			appRaw, objectID = head, tail
		case e.data.defaultApp != nil:
			appRaw, objectID = e.data.defaultApp.idText, req.ID
		default:
			resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf(
				"The import ID of %s is SDKAPPID/%s: the provider has no default app (no sdk_app_id in its block) "+
					"for %q alone. Its apps are %s.", e.kind.typeName(), strings.ToUpper(idAttr), req.ID, strings.Join(e.data.ids(), ", ")))
			return
		}
		if objectID == "" {
			resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf(
				"The import ID of %s is %s; got %q, with no %s.", e.kind.typeName(), forms, req.ID, idAttr))
			return
		}
	}
	a, ok := e.data.importedApp(&resp.Diagnostics, e.kind.typeName(), objectID, appRaw)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), types.StringValue(e.stateID(a, objectID)))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attrSDKAppID), types.NumberValue(sdkAppIDNumber(a.id)))...)
	if idAttr != "" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(idAttr), types.StringValue(objectID))...)
	}
	e.setIdentity(ctx, resp.Identity, a, objectID, &resp.Diagnostics)
}

func (e *lifecycle[M, V]) identityExample() string {
	ex := "sdk_app_id = 1400000000"
	if e.data != nil && e.data.defaultApp != nil {
		ex = "sdk_app_id = " + e.data.defaultApp.idText
	}
	if idAttr := e.kind.objectIDAttribute(); idAttr != "" {
		ex += ", " + idAttr + " = \"...\""
	}
	return ex
}
