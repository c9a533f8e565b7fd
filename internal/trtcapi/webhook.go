package trtcapi

import (
	"context"
	"errors"
	"slices"
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

// Known webhook services (docs/development/trtc-api.md §2 and §6).
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
// been applied: IsUncertain(err) says so, and the caller settles it by
// reading.
func (w *Webhooks) Create(ctx context.Context, cfg WebhookConfig) error {
	return w.c.Call(ctx, w.service.Name, "set_callback", wireConfig(cfg), nil)
}

// Update replaces the configuration in full; ErrNoConfiguration when there
// is none to update.
func (w *Webhooks) Update(ctx context.Context, cfg WebhookConfig) error {
	command := "update_callback"
	if w.service.Upsert {
		command = "set_callback"
	}
	return w.c.Call(ctx, w.service.Name, command, wireConfig(cfg), nil)
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
