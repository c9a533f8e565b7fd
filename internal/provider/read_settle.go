package provider

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// Read-after-write policy (see DESIGN.md). TRTC does not promise that a
// read sees the last write. An apply trusts what it wrote: the API
// accepted it, so the state records it and the apply never waits. The
// write also leaves a note in private state: when, and which answers a
// lagging read may still give (what TRTC held before; for a create, also
// nothing at all). A read within settleWindow of that write which gives
// one of them is taken as lag, not drift, and read again until it changes
// or the window (or the read timeout) ends. Any other answer is the truth
// at once, so real drift is never hidden and a read outside the window is
// one request.
const settleWindow = 10 * time.Second

// privateKeyLastWrite holds a lastWriteRecord in private state.
const privateKeyLastWrite = "last_write"

type lastWriteRecord struct {
	UnixMilli int64 `json:"unix_ms"`
	// Stale lists the answers a lagging read may give; nil stands for
	// "no configuration".
	Stale []*trtcapi.WebhookConfig `json:"stale"`
}

// isStale reports whether a read's outcome is one of the stale answers.
func (r lastWriteRecord) isStale(got trtcapi.WebhookConfig, err error) bool {
	for _, s := range r.Stale {
		switch {
		case s == nil && errors.Is(err, trtcapi.ErrNoConfiguration):
			return true
		case s != nil && err == nil && got.Equal(*s):
			return true
		}
	}
	return false
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

func recordWrite(ctx context.Context, private privateSetter, stale []*trtcapi.WebhookConfig, diags *diag.Diagnostics) {
	raw, _ := json.Marshal(lastWriteRecord{UnixMilli: time.Now().UnixMilli(), Stale: stale})
	// Failing to record only costs the lag tolerance: warn, never fail
	// an apply whose write succeeded.
	for _, d := range private.SetKey(ctx, privateKeyLastWrite, raw) {
		diags.AddWarning(d.Summary(), d.Detail())
	}
}

func lastWrite(ctx context.Context, private privateGetter) (lastWriteRecord, bool) {
	raw, _ := private.GetKey(ctx, privateKeyLastWrite)
	var rec lastWriteRecord
	if len(raw) == 0 || json.Unmarshal(raw, &rec) != nil {
		return rec, false
	}
	return rec, true
}

// readSettled reads the configuration, tolerating a read that still shows
// what TRTC held before this resource's own recent write.
func readSettled(ctx context.Context, api *trtcapi.Webhooks, private privateGetter) (trtcapi.WebhookConfig, error) {
	rec, ok := lastWrite(ctx, private)
	if !ok {
		return api.Get(ctx)
	}
	return api.GetWhile(ctx, time.UnixMilli(rec.UnixMilli).Add(settleWindow), rec.isStale)
}
