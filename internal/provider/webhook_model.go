package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

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

// commandSet is the Terraform form of a command list TRTC answered: a set,
// so the order carries no meaning, and a word listed twice (undocumented,
// but possible) is one element. Such words draw a warning.
func commandSet(kind webhookKind, words []string) (types.Set, diag.Diagnostics) {
	unique := append([]string{}, words...) // never null: no configuration is an empty set
	slices.Sort(unique)
	unique = slices.Compact(unique)
	set, diags := types.SetValueFrom(context.Background(), types.StringType, unique)
	if len(unique) < len(words) {
		diags.AddWarning("Callback command listed more than once", fmt.Sprintf(
			"TRTC lists %s more than once in the %s webhook configuration. Terraform treats the list as a set, "+
				"so this changes nothing for the plan; the next apply that writes the webhook sends each word once.",
			strings.Join(repeated(words), ", "), kind.product))
	}
	return set, diags
}

// repeated lists, quoted and sorted, the words that occur more than once.
func repeated(words []string) []string {
	seen := map[string]int{}
	for _, w := range words {
		seen[w]++
	}
	var out []string
	for w, n := range seen {
		if n > 1 {
			out = append(out, strconv.Quote(w))
		}
	}
	slices.Sort(out)
	return out
}
