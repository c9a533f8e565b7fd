package provider

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// catalogueCache is an app's TUILiveKit gift catalogue as this operation
// phase read it. get_gift_info_list answers the whole catalogue in one
// request (docs/development/trtc-api.md §9), and each gift command may be
// called once per second per app, so reading gifts one by one would cost
// a request per gift, language row and category, each spaced 1.1 s. The
// cache makes a plan cost one request per app instead:
//
//   - get coalesces concurrent readers into one list call (a single
//     flight): the 16 gifts and 3 categories refreshing in one plan share
//     it;
//   - a read may ask for a catalogue fetched after a time (the engine
//     passes it for every read that decides or confirms a write), and then
//     waits for a list call that began after it, which later askers share;
//   - a write drops what was read before it: a read that asks for nothing
//     more (a refresh) is served only by a list call that began after the
//     app's last write ended, with no write in flight;
//   - when the list is refused as an unknown command (ErrListUnavailable),
//     every read of the phase falls back to per-object reads, and the log
//     says so once.
//
// Every app is made afresh by each Configure, that is for each operation
// phase (plan, apply), so nothing read in one phase serves another.
type catalogueCache struct {
	a *app

	mu sync.Mutex
	// gen counts the starts and ends of writes to the app.
	gen uint64
	// writing counts the writes in flight.
	writing int
	// have is the last list call's answer (a catalogue, or a refusal that
	// reading again would not change); flight the list call under way.
	have, flight *catalogueRead
	// unavailable is the list's refusal, once seen: reads go per object.
	unavailable error
}

// catalogueRead is one list call.
type catalogueRead struct {
	began time.Time
	gen   uint64
	// clean: no write was in flight when it began.
	clean bool
	done  chan struct{}
	cat   trtcapi.Catalogue
	err   error
	// abandoned: it failed because its caller's context ended.
	abandoned bool
}

func newCatalogueCache(a *app) *catalogueCache { return &catalogueCache{a: a} }

// get returns the app's catalogue from a list call that began at or after
// after; the zero time asks for one that began after the app's last write.
// errors.Is(err, trtcapi.ErrListUnavailable) when the list is refused: read
// per object instead.
func (c *catalogueCache) get(ctx context.Context, after time.Time) (trtcapi.Catalogue, error) {
	for {
		c.mu.Lock()
		if c.unavailable != nil {
			err := c.unavailable
			c.mu.Unlock()
			return trtcapi.Catalogue{}, err
		}
		if c.have != nil && c.serves(c.have, after) {
			r := c.have
			c.mu.Unlock()
			return r.cat, r.err
		}
		if r := c.flight; r != nil {
			joins := c.serves(r, after)
			c.mu.Unlock()
			select {
			case <-r.done:
			case <-ctx.Done():
				return trtcapi.Catalogue{}, ctx.Err()
			}
			// A call that began too early for this reader is waited for,
			// not raced: the next one begins when it ends, and readers who
			// came meanwhile share that.
			if !joins || (r.abandoned && ctx.Err() == nil) {
				continue // too early, or its caller's time ran out and this one's has not
			}
			return r.cat, r.err
		}
		r := &catalogueRead{began: time.Now(), gen: c.gen, clean: c.writing == 0, done: make(chan struct{})}
		c.flight = r
		c.mu.Unlock()

		r.cat, r.err = c.a.client.Gifts().List(ctx)
		r.abandoned = r.err != nil && ctx.Err() != nil

		c.mu.Lock()
		c.flight = nil
		switch {
		case errors.Is(r.err, trtcapi.ErrListUnavailable):
			if c.unavailable == nil {
				tflog.Warn(ctx, "TRTC refused get_gift_info_list as an unknown command: the gift catalogue is read "+
					"object by object in this operation, one request per gift, category, language row and "+
					"relation list, each command spaced 1.1 s apart", map[string]any{"error": r.err.Error()})
			}
			c.unavailable = r.err
		case r.err == nil || settledRefusal(r.err):
			c.have = r
		}
		close(r.done)
		c.mu.Unlock()
		return r.cat, r.err
	}
}

// serves reports whether list call r answers a reader asking for a
// catalogue fetched after after (hold c.mu).
func (c *catalogueCache) serves(r *catalogueRead, after time.Time) bool {
	if after.IsZero() {
		return r.gen == c.gen && r.clean
	}
	return !r.began.Before(after)
}

// write makes one write request to the app's catalogue: what was read
// before it ends no longer serves a reader who asks for nothing more.
func (c *catalogueCache) write(ctx context.Context, send func(context.Context) error) error {
	c.mu.Lock()
	c.gen++
	c.writing++
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.gen++
		c.writing--
		c.mu.Unlock()
	}()
	return send(ctx)
}

// catalogueStep is a write step of a gift or a category: its request goes
// through the app's catalogue cache, as write says.
func catalogueStep[V any](a *app, leaves V, send func(context.Context) error) writeStep[V] {
	return writeStep[V]{leaves: leaves, send: func(ctx context.Context) error { return a.gifts.write(ctx, send) }}
}

// settledRefusal: a definitive refusal that reading again in this phase
// would only repeat (102001: no TUILiveKit edition; 100006: not an
// administrator; a wrong key), as opposed to a fault worth another try.
func settledRefusal(err error) bool {
	var apiErr *trtcapi.APIError
	return errors.As(err, &apiErr) && !apiErr.Uncertain && apiErr.Class() == trtcapi.ClassPermanent
}
