package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

type webhookModel struct {
	objectFields
	URL              types.String `tfsdk:"url"`
	CallbackCommands types.Set    `tfsdk:"callback_commands"`
}

type webhookDataSourceModel struct {
	ID               types.String `tfsdk:"id"`
	SDKAppID         types.Number `tfsdk:"sdk_app_id"`
	Exists           types.Bool   `tfsdk:"exists"`
	URL              types.String `tfsdk:"url"`
	CallbackCommands types.Set    `tfsdk:"callback_commands"`
}

// toConfig is the API form of the planned or stored attributes.
func (m webhookModel) toConfig(ctx context.Context) (trtcapi.WebhookConfig, diag.Diagnostics) {
	cfg := trtcapi.WebhookConfig{URL: m.URL.ValueString()}
	diags := m.CallbackCommands.ElementsAs(ctx, &cfg.Commands, false)
	slices.Sort(cfg.Commands) // a stable order makes requests reproducible
	return cfg, diags
}

// normalized is a list as a set (command words, gift IDs): sorted, each
// element once.
func normalized(words []string) []string {
	out := slices.Clone(words)
	slices.Sort(out)
	return slices.Compact(out)
}

// privateKeyRepeatedWords remembers which repeated words a resource has
// already warned about, so the warning comes once, not on every plan.
const privateKeyRepeatedWords = "repeated_words"

// commandSet is the Terraform form of a command list TRTC answered: a set,
// so the order carries no meaning, and a word listed twice (undocumented,
// but possible) is one element. The first read that finds repeated words
// warns; a resource (r non-zero) remembers that and does not warn again
// for the same words.
func commandSet(ctx context.Context, p webhookProduct, words []string, r refresh) (types.Set, diag.Diagnostics) {
	unique := normalized(words)
	if unique == nil {
		unique = []string{} // never null: no configuration is an empty set
	}
	set, diags := types.SetValueFrom(ctx, types.StringType, unique)
	twice := repeated(words)
	raw, _ := json.Marshal(twice)
	if r.prior != nil {
		if seen, _ := r.prior.GetKey(ctx, privateKeyRepeatedWords); string(seen) == string(raw) {
			return set, diags
		}
		diags.Append(r.private.SetKey(ctx, privateKeyRepeatedWords, raw)...)
	}
	if len(twice) > 0 {
		diags.AddWarning("Callback command listed more than once", fmt.Sprintf(
			"TRTC lists %s more than once in the %s webhook configuration. Terraform treats the list as a set, "+
				"so this changes nothing for the plan; the next apply that writes the webhook sends each word once. "+
				"This warning is shown once.",
			strings.Join(twice, ", "), p.title))
	}
	return set, diags
}

// repeated lists, quoted and sorted, the words that occur more than once.
func repeated(words []string) []string {
	seen := map[string]int{}
	for _, w := range words {
		seen[w]++
	}
	out := []string{}
	for w, n := range seen {
		if n > 1 {
			out = append(out, strconv.Quote(w))
		}
	}
	slices.Sort(out)
	return out
}
