package provider

import (
	"context"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

type webhookResourceModel struct {
	ID               types.String   `tfsdk:"id"`
	URL              types.String   `tfsdk:"url"`
	CallbackCommands types.Set      `tfsdk:"callback_commands"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

type webhookDataSourceModel struct {
	ID               types.String `tfsdk:"id"`
	Exists           types.Bool   `tfsdk:"exists"`
	URL              types.String `tfsdk:"url"`
	CallbackCommands types.Set    `tfsdk:"callback_commands"`
}

// toConfig is the API form of the planned or stored attributes.
func (m webhookResourceModel) toConfig(ctx context.Context) (trtcapi.WebhookConfig, diag.Diagnostics) {
	cfg := trtcapi.WebhookConfig{URL: m.URL.ValueString()}
	diags := m.CallbackCommands.ElementsAs(ctx, &cfg.Commands, false)
	slices.Sort(cfg.Commands) // a stable order makes requests reproducible
	return cfg, diags
}

// commandSet is the Terraform form of a command list: a set, so the order
// the service returns carries no meaning.
func commandSet(words []string) (types.Set, diag.Diagnostics) {
	if words == nil {
		words = []string{}
	}
	return types.SetValueFrom(context.Background(), types.StringType, words)
}

func sdkAppIDString(id uint64) string { return strconv.FormatUint(id, 10) }
