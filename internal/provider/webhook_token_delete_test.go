package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Destroy says, in a warning the CLI prints, that it disabled the token
// and left the value on TRTC: there is no delete command. (resource.Test
// does not expose an apply's warnings, so Delete is called directly.)
func TestWebhookTokenDelete_warnsTheValueStays(t *testing.T) {
	mock := startMock(t)
	mock.SetToken(testAppID, hookToken, true)
	d := configureForTest(t, map[string]string{envSDKAppID: testApp, envSecretKey: testKey, envEndpoint: mock.URL(),
		envMaxRetries: "1", envRequestTimeout: "5s"})
	r := &lifecycle[webhookTokenModel, tokenValue]{kind: tokenKind{}, data: d}
	ctx := t.Context()
	var sch resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sch)
	state := tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), nil)}
	for attr, v := range map[string]any{"id": types.StringValue(testApp), "sdk_app_id": types.NumberValue(sdkAppIDNumber(testAppID)),
		"enabled": types.BoolValue(true), "token": types.StringValue(hookToken)} {
		if diags := state.SetAttribute(ctx, path.Root(attr), v); diags.HasError() {
			t.Fatal(diags)
		}
	}

	resp := resource.DeleteResponse{State: state}
	r.Delete(ctx, resource.DeleteRequest{State: state}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Delete: %v", resp.Diagnostics)
	}
	warnings := resp.Diagnostics.Warnings()
	if len(warnings) != 1 || warnings[0].Summary() != "Live webhook signing token disabled, not deleted" ||
		!strings.Contains(warnings[0].Detail(), "The token value stays on TRTC") ||
		!strings.Contains(warnings[0].Detail(), "SDKAppID 1400000000") {
		t.Errorf("warnings = %v", warnings)
	}
	if err := mockHoldsToken(mock, hookToken, false)(nil); err != nil {
		t.Error(err)
	}
	for _, w := range warnings {
		if strings.Contains(w.Detail(), hookToken) {
			t.Error("the warning shows the token")
		}
	}
}
