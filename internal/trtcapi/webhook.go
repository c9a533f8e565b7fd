package trtcapi

import (
	"context"
	"errors"
	"slices"
	"time"
)

// WebhookService names one product's webhook configuration. live_config,
// room_config and call_config share the shape {Url, CallbackCommandList}.
type WebhookService struct {
	// Name is the service path segment, e.g. "live_config".
	Name string
	// Upsert: set_callback overwrites and there is no update_callback
	// (call_config). Update then calls set_callback.
	Upsert bool
}

// Known webhook services (trtc-api.md sections 2 and 6).
var (
	LiveWebhooks = WebhookService{Name: "live_config"}               // TUILiveKit
	RoomWebhooks = WebhookService{Name: "room_config"}               // Conference (TUIRoomKit)
	CallWebhooks = WebhookService{Name: "call_config", Upsert: true} // Call (TUICallKit)
)

// WebhookConfig is an app's webhook configuration for one product.
type WebhookConfig struct {
	URL      string   `json:"Url"`
	Commands []string `json:"CallbackCommandList"`
}

// Equal compares as the service does: the URL exactly, the command words
// as a set (order and repetition carry no meaning).
func (c WebhookConfig) Equal(o WebhookConfig) bool {
	return c.URL == o.URL && slices.Equal(normalize(c.Commands), normalize(o.Commands))
}

func normalize(words []string) []string {
	out := slices.Clone(words)
	slices.Sort(out)
	return slices.Compact(out)
}

// Webhooks calls one WebhookService.
type Webhooks struct {
	c       *Client
	service WebhookService
}

// Webhooks returns the API of one webhook service.
func (c *Client) Webhooks(s WebhookService) *Webhooks { return &Webhooks{c: c, service: s} }

// Get reads the configuration; errors.Is(err, ErrNoConfiguration) when
// there is none.
func (w *Webhooks) Get(ctx context.Context) (WebhookConfig, error) {
	var out WebhookConfig
	err := w.c.Call(ctx, w.service.Name, "get_callback", nil, &out)
	return out, err
}

// Create writes a new configuration with set_callback; 100300 is
// ErrAlreadyExists. When an attempt's answer was lost, the write may have
// been applied, so Create settles the outcome by reading (see settle).
func (w *Webhooks) Create(ctx context.Context, cfg WebhookConfig) error {
	return w.settle(ctx, cfg, w.c.Call(ctx, w.service.Name, "set_callback", wireConfig(cfg), nil))
}

// Update replaces the configuration in full; ErrNoConfiguration when there
// is none to update.
func (w *Webhooks) Update(ctx context.Context, cfg WebhookConfig) error {
	command := "update_callback"
	if w.service.Upsert {
		command = "set_callback"
	}
	return w.settle(ctx, cfg, w.c.Call(ctx, w.service.Name, command, wireConfig(cfg), nil))
}

// wireConfig is cfg as sent. Both fields are mandatory and the list must
// be an array: a nil list would encode as null, which the service refuses
// (100002), so it goes out as [].
func wireConfig(cfg WebhookConfig) WebhookConfig {
	if cfg.Commands == nil {
		cfg.Commands = []string{}
	}
	return cfg
}

// Delete removes the configuration. One that is already gone is success:
// the service answers either 0 or 100301 for it (undocumented).
func (w *Webhooks) Delete(ctx context.Context) error {
	err := w.c.Call(ctx, w.service.Name, "delete_callback", nil, nil)
	if errors.Is(err, ErrNoConfiguration) {
		return nil
	}
	return err
}

// settleTimeout bounds the reads that settle an uncertain write; the
// caller's deadline bounds them too, so an operation's timeout covers its
// settling.
const settleTimeout = 15 * time.Second

// settle decides an uncertain write by reading the configuration back:
//   - it holds cfg: the write was applied, success;
//   - it holds another configuration: ours is not in effect, certainly;
//   - a 100300 after a lost answer: the service has a configuration, so
//     reads are retried until it shows (reads may lag writes);
//   - otherwise the error stands, still uncertain: an absent configuration
//     may be a read lagging the write, and no time may be left to read.
func (w *Webhooks) settle(ctx context.Context, cfg WebhookConfig, err error) error {
	if err == nil || !IsUncertain(err) || ctx.Err() != nil {
		return err
	}
	conflict := errors.Is(err, ErrAlreadyExists)
	got, rerr := w.GetWhile(ctx, time.Now().Add(settleTimeout), func(_ WebhookConfig, rerr error) bool {
		return conflict && errors.Is(rerr, ErrNoConfiguration)
	})
	switch {
	case rerr == nil && got.Equal(cfg):
		return nil
	case rerr == nil:
		// Another configuration stands: ours is not in effect, and
		// whatever is there is not ours to record.
		markCertain(err)
	}
	return err
}

// GetWhile reads the configuration, and reads it again with backoff for as
// long as pending says the answer may still be a lagging read, until until
// or ctx ends. It returns the last answer. Reads that do not lag cost one
// request.
func (w *Webhooks) GetWhile(ctx context.Context, until time.Time, pending func(WebhookConfig, error) bool) (WebhookConfig, error) {
	wait := newExponential(200*time.Millisecond, 2*time.Second)
	for {
		got, err := w.Get(ctx)
		if !pending(got, err) {
			return got, err
		}
		d := min(wait.NextBackOff(), time.Until(until))
		if d <= 0 || sleep(ctx, d) != nil {
			return got, err
		}
	}
}

func markCertain(err error) {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		apiErr.Uncertain = false
	}
	var reqErr *RequestError
	if errors.As(err, &reqErr) {
		reqErr.Uncertain = false
	}
}
