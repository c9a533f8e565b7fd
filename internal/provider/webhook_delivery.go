package provider

// What the probe data source (webhook_probe_data_source.go) and the test
// action (webhook_test_action.go) share: the product argument, the timeout,
// and the target of a delivery as TRTC holds it, read through the API. The
// requests themselves are internal/delivery's.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/delivery"
	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// maxDeliveryTimeout bounds timeout: a probe runs on every plan, and TRTC
// itself waits 2 s, so a receiver slower than this is failing in any case.
const maxDeliveryTimeout = 30 * time.Second

// productName is how the product argument names k: "live", "room", "call".
func (k webhookProduct) productName() string { return strings.ToLower(k.delivery.String()) }

// productNames are the values product accepts.
func productNames() []string {
	out := make([]string, len(webhookProducts))
	for i, k := range webhookProducts {
		out[i] = k.productName()
	}
	return out
}

// productByName is the product the product argument names.
func productByName(name string) (webhookProduct, bool) {
	for _, k := range webhookProducts {
		if k.productName() == name {
			return k, true
		}
	}
	return webhookProduct{}, false
}

// productDescription describes the product argument.
func productDescription() string {
	var kinds []string
	for _, k := range webhookProducts {
		kinds = append(kinds, fmt.Sprintf("`%s` (%s, `%s`)", k.productName(), k.title, k.typeName()))
	}
	return "The product whose webhook to test: " + strings.Join(kinds, ", ") + "."
}

// productValidator checks the product argument.
func productValidator() validator.String {
	names := productNames()
	return stringCheck{
		description: "must be one of " + strings.Join(names, ", "),
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			if _, ok := productByName(value); !ok {
				resp.Diagnostics.AddAttributeError(req.Path, "Invalid product",
					fmt.Sprintf("%s must be one of %s (in lower case), got %q.", req.Path, quotedAnd(names), value))
			}
		},
	}
}

// timeoutDescription describes the timeout argument.
func timeoutDescription(what string) string {
	return fmt.Sprintf("How long to wait for the receiver's whole answer, from connecting to its last byte, as a Go "+
		"duration such as `2s`: at most `%s`. Defaults to `%s`, what TRTC waits. %s", maxDeliveryTimeout, delivery.DefaultTimeout, what)
}

// deliveryTimeout checks the timeout argument: a positive duration of at
// most maxDeliveryTimeout.
func deliveryTimeout() validator.String {
	return stringCheck{
		description: fmt.Sprintf(`must be a positive duration of at most %s, such as "2s"`, maxDeliveryTimeout),
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			d, err := time.ParseDuration(value)
			switch {
			case err != nil || d <= 0:
				resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
					fmt.Sprintf("%s must be a positive duration such as \"2s\", got %q.", req.Path, value))
			case d > maxDeliveryTimeout:
				resp.Diagnostics.AddAttributeError(req.Path, "Timeout too long",
					fmt.Sprintf("%s is %s, more than %s. TRTC waits %s for an answer: a receiver slower than that "+
						"fails real deliveries whatever the test waits.", req.Path, d, maxDeliveryTimeout, delivery.DefaultTimeout))
			}
		},
	}
}

// timeoutOf is the timeout argument's value; the validator has checked it.
func timeoutOf(v types.String) time.Duration {
	if d, err := time.ParseDuration(v.ValueString()); err == nil && d > 0 && d <= maxDeliveryTimeout {
		return d
	}
	return delivery.DefaultTimeout
}

// deliveryTarget is where one delivery goes, as TRTC holds it.
type deliveryTarget struct {
	target delivery.Target
	// configured: the app has a configuration for the product (only known
	// when it was read).
	configured bool
	// commands are the configuration's words, as TRTC lists them.
	commands []string
}

// readTarget reads what a delivery of k to app a needs: the configured URL
// unless url overrides it (always when readConfig), and for Live the
// signing token, which goes into the returned context's log masks and
// nowhere else. With no URL to send to, target.URL is "" and the token is
// not read. ok is false when the TRTC API failed, which diags says.
func (d *providerData) readTarget(ctx context.Context, diags *diag.Diagnostics, a *app, k webhookProduct, url string, readConfig bool) (context.Context, deliveryTarget, bool) {
	t := deliveryTarget{target: delivery.Target{URL: url, SDKAppID: a.id}}
	if url == "" || readConfig {
		cfg, err := a.client.Webhooks(k.service).Get(ctx)
		switch {
		case errors.Is(err, trtcapi.ErrNoConfiguration):
		case err != nil:
			a.addAPIError(diags, fmt.Sprintf("Could not read the %s webhook configuration", k.title), err)
			return ctx, t, false
		default:
			t.configured, t.commands = true, cfg.Commands
			if url == "" {
				t.target.URL = cfg.URL
			}
		}
	}
	if t.target.URL == "" || !k.delivery.Signed() {
		return ctx, t, true
	}
	token, err := a.client.WebhookToken().Get(ctx)
	switch {
	case errors.Is(err, trtcapi.ErrNoToken):
	case err != nil:
		a.addAPIError(diags, "Could not read the live webhook signing token", err)
		return ctx, t, false
	default:
		ctx = d.maskSecret(ctx, token.Value) // read, never shown: it only becomes a Sign on the wire
		if token.Enabled {
			t.target.Token = token.Value
		}
	}
	return ctx, t, true
}

// answerSummary is a Result in a few words, for progress messages and logs:
// "HTTP 200, ActionStatus OK, ErrorCode 0, in 12ms".
func answerSummary(r delivery.Result) string {
	if r.StatusCode == 0 {
		return "no answer after " + r.Latency.Round(time.Millisecond).String()
	}
	s := fmt.Sprintf("HTTP %d", r.StatusCode)
	if r.JSONOK {
		status, code := "(none)", "(none)"
		if r.ActionStatus != "" {
			status = r.ActionStatus
		}
		if r.ErrorCode != nil {
			code = fmt.Sprint(*r.ErrorCode)
		}
		s += ", ActionStatus " + status + ", ErrorCode " + code
	}
	return s + ", in " + r.Latency.Round(time.Millisecond).String()
}
