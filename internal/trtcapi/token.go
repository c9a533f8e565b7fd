package trtcapi

import (
	"context"
	"errors"
)

// tokenService is the only service with a webhook signing token
// (docs/development/trtc-api.md §3).
var tokenService = LiveWebhooks.Name

// Token is the live webhook signing token. When enabled, every delivery
// carries Sign = hex(SHA-256(Value + RequestTime)).
type Token struct {
	Value   string `json:"Token"`
	Enabled bool   `json:"IsTokenEnable"`
}

// String and GoString keep the value out of anything that prints a Token.
func (t Token) String() string {
	if t.Enabled {
		return "Token{enabled}"
	}
	return "Token{disabled}"
}

func (t Token) GoString() string { return t.String() }

// WebhookToken calls live_config's get_callback_token and
// set_callback_token. There is no delete command.
type WebhookToken struct{ c *Client }

// WebhookToken returns the API of the live webhook signing token.
func (c *Client) WebhookToken() *WebhookToken { return &WebhookToken{c: c} }

// Get reads the token; errors.Is(err, ErrNoToken) when there is none.
func (w *WebhookToken) Get(ctx context.Context) (Token, error) {
	var out Token
	err := w.c.Call(ctx, tokenService, "get_callback_token", nil, &out)
	return out, err
}

// Set writes both fields (set_callback_token creates or updates);
// IsUncertain(err) says whether a failed write may have landed.
func (w *WebhookToken) Set(ctx context.Context, t Token) error {
	return w.c.Call(ctx, tokenService, "set_callback_token", t, nil)
}

// enabledOnly is a set_callback_token body that leaves the value alone.
type enabledOnly struct {
	Enabled bool `json:"IsTokenEnable"`
}

// SetEnabled turns signing on or off and leaves the value as it is. The
// service refuses it when there is no token yet (the first call needs both
// fields).
func (w *WebhookToken) SetEnabled(ctx context.Context, enabled bool) error {
	return w.c.Call(ctx, tokenService, "set_callback_token", enabledOnly{enabled}, nil)
}

// Disable turns signing off and keeps the value: there is no delete
// command. A token that is absent is nothing to disable, so success; how
// the service answers a disable without a token is undocumented, so a
// refused disable is checked by reading.
func (w *WebhookToken) Disable(ctx context.Context) error {
	err := w.SetEnabled(ctx, false)
	var apiErr *APIError
	if err == nil || IsUncertain(err) || !errors.As(err, &apiErr) || apiErr.Class() != ClassPermanent {
		return err
	}
	if _, rerr := w.Get(ctx); errors.Is(rerr, ErrNoToken) {
		return nil
	}
	return err
}
