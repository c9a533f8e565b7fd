package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// What gifts and categories share about ExtensionInfo: the catalogue list
// may leave it out (trtcapi.Catalogue.ExtensionInfoListed), so a read may
// not say what TRTC holds.

// extensionInfoAttribute is the ExtensionInfo of a gift or a category (of).
func extensionInfoAttribute(of string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: fmt.Sprintf("Data of your own for the %[1]s, passed to apps as it is: empty, or JSON "+
			"of at most %[2]d bytes, such as `jsonencode({ effect = \"hearts\" })`. Defaults to empty. TRTC's "+
			"catalogue list, which every refresh reads, may not return it: then a change made to it outside "+
			"Terraform is not detected, and an import reads it with one request of its own.", of, maxExtensionInfoBytes),
		Optional:   true,
		Computed:   true,
		Default:    stringdefault.StaticString(""),
		Validators: []validator.String{jsonText(maxExtensionInfoBytes)},
	}
}

// refreshExtensionInfo records the ExtensionInfo of what was read into
// field: got when the read said it (known); otherwise field keeps what the
// state holds, and only an import, which holds none, asks TRTC with read
// (the object's own get request). what names the object in an error.
func refreshExtensionInfo(ctx context.Context, field *types.String, got string, known bool, r refresh,
	what string, read func(context.Context) (string, error)) diag.Diagnostics {
	var diags diag.Diagnostics
	switch {
	case known:
		*field = types.StringValue(got)
	case !field.IsNull() && !field.IsUnknown():
		// The state's own value stands.
	case r.app == nil:
		*field = types.StringValue("")
	default:
		info, err := read(ctx)
		if err != nil {
			r.app.addAPIError(&diags, "Could not read the extension_info of "+what, err)
			break
		}
		*field = types.StringValue(info)
	}
	return diags
}
