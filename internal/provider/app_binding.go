package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The app binding (DESIGN.md): every object belongs to one app, named by
// its sdk_app_id, and an operation reaches only that app, with that app's
// credentials. An object of an app the provider holds no credentials for
// (the provider was pointed elsewhere, or the app's apps entry was
// removed) is never read, written or deleted: the operation fails before
// any request and says how to go on. The engine applies it to every
// operation; data sources, list resources and ephemeral resources name
// their app the same way.

// stateApp is the SDKAppID an existing object belongs to: its sdk_app_id,
// or, in state written before sdk_app_id existed, the first part of its ID.
func stateApp(f *objectFields) (uint64, bool) {
	if !f.SDKAppID.IsNull() && !f.SDKAppID.IsUnknown() {
		id, err := sdkAppIDFromNumber(f.SDKAppID.ValueBigFloat())
		return id, err == nil
	}
	head, _, _ := strings.Cut(f.ID.ValueString(), "/")
	id, err := parseSDKAppID(head)
	return id, err == nil
}

// bindState returns the app of an existing object of typeName (with ID
// objectID within its app, "" for a singleton), or adds an error that names
// the app and the way on.
func (d *providerData) bindState(diags *diag.Diagnostics, typeName, objectID string, f *objectFields) (*app, bool) {
	id, ok := stateApp(f)
	if !ok {
		diags.AddError("Resource has no app", fmt.Sprintf(
			"The state of this %s names no SDKAppID (id %q). Remove it from the state (terraform state rm) and import it again.",
			typeName, f.ID.ValueString()))
		return nil, false
	}
	if a, err := d.app(id); err == nil {
		return a, true
	}
	diags.AddError("Resource belongs to another app", d.notHeldDetail(typeName, objectID, sdkAppIDString(id)))
	return nil, false
}

// notHeldDetail explains why an object of app theirs is not touched.
func (d *providerData) notHeldDetail(typeName, objectID, theirs string) string {
	forget := fmt.Sprintf("first forget this one without deleting it:\n\n"+
		"  terraform state rm %[1]s.<name>\n\n"+
		"or, with Terraform 1.7 or later, a removed block:\n\n"+
		"  removed {\n    from = %[1]s.<name>\n    lifecycle {\n      destroy = false\n    }\n  }\n\n", typeName)
	if len(d.order) == 1 && d.defaultApp != nil {
		ours := d.defaultApp.idText
		importID := ours
		if objectID != "" {
			importID += "/" + objectID
		}
		return fmt.Sprintf("This %[1]s belongs to SDKAppID %[2]s, but the provider is configured for SDKAppID %[3]s. "+
			"To protect both apps, nothing was read, written or deleted in either.\n\n"+
			"To go on managing it in %[2]s, point the provider back at it (sdk_app_id = %[2]s, with its secret key "+
			"and region or endpoint), or add %[2]s to the provider's apps (with its secret key), if only for the apply "+
			"that destroys it or moves it to another app.\n\n"+
			"To manage the one of %[3]s instead, %[4]s"+
			"then import the one of %[3]s:\n\n"+
			"  terraform import %[1]s.<name> %[5]s",
			typeName, theirs, ours, forget, importID)
	}
	return fmt.Sprintf("This %[1]s belongs to SDKAppID %[2]s, and the provider holds no credentials for it (it holds "+
		"%[3]s). To protect every app, nothing was read, written or deleted.\n\n"+
		"If the apps entry of %[2]s was removed, add it back (with its secret key) for this apply: the resource can "+
		"then be destroyed, or moved to another app by changing its sdk_app_id.\n\n"+
		"To stop managing it without deleting it, %[4]s",
		typeName, theirs, strings.Join(d.ids(), ", "), strings.TrimSuffix(forget, "\n\n"))
}

// bindConfigured returns the app a configuration names with sdk_app_id at
// p; null names the default app. known is false while the value is unknown
// (the plan leaves it to the apply).
func (d *providerData) bindConfigured(diags *diag.Diagnostics, p path.Path, v types.Number) (a *app, known bool) {
	if v.IsUnknown() {
		return nil, false
	}
	if v.IsNull() {
		if d.defaultApp == nil {
			diags.AddAttributeError(p, "Missing sdk_app_id", fmt.Sprintf(
				"The provider has no default app (no sdk_app_id in the provider block), so %s must name one of its "+
					"apps: %s.", p, strings.Join(d.ids(), ", ")))
			return nil, true
		}
		return d.defaultApp, true
	}
	id, err := sdkAppIDFromNumber(v.ValueBigFloat())
	if err != nil {
		return nil, true // the schema's validator has said so
	}
	a, err = d.app(id)
	if err != nil {
		diags.AddAttributeError(p, "App not configured in the provider", fmt.Sprintf(
			"%s is %d, but the provider holds no credentials for that app (it holds %s). Add it to the provider's "+
				"apps:\n\n  apps = [\n    { sdk_app_id = %d, secret_key = var.trtc_secret_keys[\"%d\"] },\n  ]",
			p, id, strings.Join(d.ids(), ", "), id, id))
		return nil, true
	}
	return a, true
}

// importedApp checks the SDKAppID an import ID or identity names, for an
// object with ID objectID within its app ("" for a singleton).
func (d *providerData) importedApp(diags *diag.Diagnostics, typeName, objectID, raw string) (*app, bool) {
	id, err := parseSDKAppID(raw)
	if err != nil {
		example := "1400000000"
		if len(d.order) > 0 {
			example = d.order[0].idText
		}
		diags.AddError("Invalid import ID", fmt.Sprintf("The import ID of %s is the app's SDKAppID, which %s, such as %s; got %q.",
			typeName, err, example, raw))
		return nil, false
	}
	a, err := d.app(id)
	if err == nil {
		return a, true
	}
	got := sdkAppIDString(id)
	if objectID != "" && len(d.order) == 1 && d.defaultApp != nil {
		diags.AddError("Import ID is another app", fmt.Sprintf(
			"The import names SDKAppID %[1]s, which is not the provider's sdk_app_id (%[2]s), and the provider "+
				"reaches only its own app. Import %[2]s/%[3]s, or add SDKAppID %[1]s to the provider's apps (with its "+
				"secret key).", got, d.defaultApp.idText, objectID))
		return nil, false
	}
	if len(d.order) == 1 && d.defaultApp != nil {
		diags.AddError("Import ID is another app", fmt.Sprintf(
			"The import ID %[1]s is not the provider's sdk_app_id (%[2]s), and the provider reaches only its own "+
				"app. Import %[2]s, or add SDKAppID %[1]s to the provider's apps (with its secret key).", got, d.defaultApp.idText))
		return nil, false
	}
	diags.AddError("Import ID is another app", fmt.Sprintf(
		"The import ID names SDKAppID %s, which is not one of the provider's apps (%s). Add it to apps (with its "+
			"secret key) to import it.", got, strings.Join(d.ids(), ", ")))
	return nil, false
}
