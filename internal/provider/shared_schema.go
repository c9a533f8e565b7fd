package provider

import (
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	ephschema "github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Attributes shared by every data source, list resource and ephemeral
// resource: the app they read, as resources name theirs (lifecycle.go).

const appChoice = "The SDKAppID of the app to read: the provider's `sdk_app_id` (its default app) when omitted, " +
	"or one of its `apps`."

func dataSourceSDKAppID() dsschema.NumberAttribute {
	return dsschema.NumberAttribute{
		MarkdownDescription: appChoice,
		Optional:            true,
		Computed:            true,
		Validators:          []validator.Number{sdkAppIDValidator{}},
	}
}

func listSDKAppID() listschema.NumberAttribute {
	return listschema.NumberAttribute{
		MarkdownDescription: "The SDKAppID of the app to list. When omitted, every app the provider holds is listed " +
			"(its default app and its `apps`).",
		Optional:   true,
		Validators: []validator.Number{sdkAppIDValidator{}},
	}
}

func ephemeralSDKAppID() ephschema.NumberAttribute {
	return ephschema.NumberAttribute{
		MarkdownDescription: "The SDKAppID of the app whose key signs: the provider's `sdk_app_id` (its default " +
			"app) when omitted, or one of its `apps`.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.Number{sdkAppIDValidator{}},
	}
}
