package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// webhookKind is a product's webhook configuration as an object kind of the
// lifecycle engine: a singleton per app whose value is {Url,
// CallbackCommandList}. Two configurations are the same when they hold the
// same URL and the same set of words; nothing else is safe to overwrite.
type webhookKind struct{ webhookProduct }

func webhookResources() []func() resource.Resource {
	out := make([]func() resource.Resource, 0, len(webhookProducts))
	for _, p := range webhookProducts {
		out = append(out, func() resource.Resource {
			return &lifecycle[webhookModel, trtcapi.WebhookConfig]{kind: webhookKind{p}}
		})
	}
	return out
}

func (k webhookKind) noun() string        { return k.title + " webhook configuration" }
func (k webhookKind) description() string { return k.resourceDescription() }

func (k webhookKind) attributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"url": schema.StringAttribute{
			MarkdownDescription: "The webhook address: `https://` (recommended) or `http://`, with a host that is " +
				"a public IP address or a domain of two or more labels and at most 63 characters (punycode and " +
				"internationalised domains are accepted), an optional port (1–65535), and no spaces or fragment. A " +
				"private, loopback or link-local address, or a query parameter that looks like a secret, draws a " +
				"warning. A changed URL can take about two minutes to take effect for deliveries.",
			Required:   true,
			Validators: []validator.String{webhookURL()},
		},
		"callback_commands": schema.SetAttribute{
			MarkdownDescription: k.commandsDescription(),
			Required:            true,
			ElementType:         types.StringType,
			Validators: []validator.Set{
				setvalidator.SizeAtLeast(1),
				setvalidator.ValueStringsAre(commandWord(k.webhookProduct)),
			},
		},
	}
}

func (webhookKind) objectIDAttribute() string     { return "" }
func (webhookKind) objectID(*webhookModel) string { return "" }

func (webhookKind) desired(ctx context.Context, plan *webhookModel, _ tfsdk.Config, _ *webhookModel) (trtcapi.WebhookConfig, diag.Diagnostics) {
	return plan.toConfig(ctx)
}

func (webhookKind) claimed(ctx context.Context, state *webhookModel) (trtcapi.WebhookConfig, bool, diag.Diagnostics) {
	cfg, diags := state.toConfig(ctx)
	return cfg, true, diags
}

func (k webhookKind) refreshed(ctx context.Context, m *webhookModel, got trtcapi.WebhookConfig, r refresh) diag.Diagnostics {
	commands, diags := commandSet(ctx, k.webhookProduct, got.Commands, r)
	m.URL = types.StringValue(got.URL)
	m.CallbackCommands = commands
	return diags
}

func (webhookKind) recorded(context.Context, *webhookModel, trtcapi.WebhookConfig, privateSetter) diag.Diagnostics {
	return nil
}

func (webhookKind) describe(m *webhookModel) string {
	return fmt.Sprintf("url = %q", m.URL.ValueString())
}

func (webhookKind) show(c trtcapi.WebhookConfig) string {
	return fmt.Sprintf("%s [%s]", c.URL, strings.Join(normalized(c.Commands), ", "))
}

func (k webhookKind) get(ctx context.Context, a *app, _ string, _ time.Time) (trtcapi.WebhookConfig, error) {
	got, err := a.client.Webhooks(k.service).Get(ctx)
	if errors.Is(err, trtcapi.ErrNoConfiguration) {
		err = fmt.Errorf("%w: %w", errAbsent, err)
	}
	return got, err
}

// writes is one request: a create, or an update that replaces the whole
// configuration.
func (k webhookKind) writes(a *app, _ string, v trtcapi.WebhookConfig, prior *trtcapi.WebhookConfig) []writeStep[trtcapi.WebhookConfig] {
	api := a.client.Webhooks(k.service)
	send := func(ctx context.Context) error {
		err := api.Create(ctx, v)
		if errors.Is(err, trtcapi.ErrAlreadyExists) {
			err = fmt.Errorf("%w: %w", errExists, err)
		}
		return err
	}
	if prior != nil {
		send = func(ctx context.Context) error {
			err := api.Update(ctx, v)
			if errors.Is(err, trtcapi.ErrNoConfiguration) {
				err = fmt.Errorf("%w: %w", errAbsent, err)
			}
			return err
		}
	}
	return []writeStep[trtcapi.WebhookConfig]{{send: send, leaves: v}}
}

func (k webhookKind) remove(ctx context.Context, a *app, _ string) error {
	return a.client.Webhooks(k.service).Delete(ctx)
}

func (webhookKind) same(a, b trtcapi.WebhookConfig) bool            { return a.Equal(b) }
func (webhookKind) safeToOverwrite(_, _ trtcapi.WebhookConfig) bool { return false }

func (webhookKind) fingerprint(c trtcapi.WebhookConfig) []byte {
	return []byte(c.URL + "\n" + strings.Join(normalized(c.Commands), "\n"))
}

func (webhookKind) removal(*app) (string, string) { return "", "" }

func (webhookKind) leftInPlace() string { return "Deleting it would leave the app without one" }
