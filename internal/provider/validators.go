package provider

// This file holds what the validators share: stringCheck, which adapts a
// plain function to validator.String, and the small provider-wide checks.
// Each webhook subject has its own file, paired with its test:
// webhook_url_validator.go, command_word_validator.go and
// token_length_validator.go.

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// stringCheck adapts a plain function to validator.String; the function
// adds diagnostics for a known, non-null value.
type stringCheck struct {
	description string
	check       func(value string, req validator.StringRequest, resp *validator.StringResponse)
}

func (v stringCheck) Description(context.Context) string         { return v.description }
func (v stringCheck) MarkdownDescription(context.Context) string { return v.description }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v.check(req.ConfigValue.ValueString(), req, resp)
}

// baseURL checks the provider's endpoint.
func baseURL() validator.String {
	return stringCheck{
		description: "must be an http or https base URL",
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			if err := trtcapi.CheckBaseURL(value); err != nil {
				resp.Diagnostics.AddAttributeError(req.Path, "Invalid endpoint", req.Path.String()+" "+err.Error()+".")
			}
		},
	}
}

// positiveDuration checks a Go duration string such as "30s".
func positiveDuration() validator.String {
	return stringCheck{
		description: `must be a positive duration such as "30s"`,
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			if d, err := time.ParseDuration(value); err != nil || d <= 0 {
				resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
					fmt.Sprintf("%s must be a positive duration such as \"30s\", got %q.", req.Path, value))
			}
		},
	}
}
