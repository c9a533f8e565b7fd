package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestWebhookURLValidator(t *testing.T) {
	for _, ok := range []string{
		"https://hooks.example.com/trtc", "https://hooks.example.com:8443/a?b=c", "https://10.1.2.3/x",
		"https://[2001:db8::1]:443/x", "https://localhost", "https://a-b.c-d.example",
	} {
		if d := validateString(webhookURL(), ok); d.HasError() || d.WarningsCount() != 0 {
			t.Errorf("%q: %v", ok, d)
		}
	}
	d := validateString(webhookURL(), "http://hooks.example.com")
	if d.HasError() || d.WarningsCount() != 1 || !strings.Contains(d[0].Detail(), "Use an https:// URL") {
		t.Errorf("plain http: want one warning recommending https, got %v", d)
	}
	for _, bad := range []string{"", "hooks.example.com", "https://exa mple.com", "https://a..b", "https://a-.b", "https://ex%41mple.com",
		"https://a.example.com/a b", "https://a.example.com/\t", "https://a.example.com:0/", "https://a.example.com:65536/",
		"https://a.example.com:/x", "https://a.example.com/#", "https://a.example.com/x#y"} {
		if d := validateString(webhookURL(), bad); !d.HasError() {
			t.Errorf("%q accepted", bad)
		}
	}
	// Unknown and null values are left for later.
	resp := &validator.StringResponse{}
	webhookURL().ValidateString(context.Background(), validator.StringRequest{ConfigValue: types.StringUnknown()}, resp)
	webhookURL().ValidateString(context.Background(), validator.StringRequest{ConfigValue: types.StringNull()}, resp)
	if len(resp.Diagnostics) != 0 {
		t.Errorf("unknown/null: %v", resp.Diagnostics)
	}
}
