package provider

import (
	"sync"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// ledger remembers what this provider process wrote to each singleton.
// Terraform applies a plan in one provider process, so the ledger sees both
// halves of a replacement and of a rename without a moved block:
//
//   - delete, then create: the create's first read may still show what the
//     delete removed (reads lag writes). The ledger knows that answer is
//     stale, so the create writes instead of refusing.
//   - create, then delete of the other instance (create_before_destroy, or
//     the old address of a rename): the singleton now belongs to the new
//     instance, so the delete leaves it in place.
//
// Writes to one singleton are serialised by its lock; reads never take it.
type ledger struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
	last  map[string]ledgerEntry
}

type ledgerEntry struct {
	at time.Time
	// removed is what a delete removed; nil after a create or update.
	removed *trtcapi.WebhookConfig
}

func newLedger() *ledger {
	return &ledger{locks: map[string]*sync.Mutex{}, last: map[string]ledgerEntry{}}
}

// lock serialises this process's writes to one singleton; call the result
// to unlock.
func (l *ledger) lock(singleton string) func() {
	l.mu.Lock()
	m, ok := l.locks[singleton]
	if !ok {
		m = &sync.Mutex{}
		l.locks[singleton] = m
	}
	l.mu.Unlock()
	m.Lock()
	return m.Unlock
}

func (l *ledger) wrote(singleton string) { l.record(singleton, ledgerEntry{at: time.Now()}) }

func (l *ledger) deleted(singleton string, cfg trtcapi.WebhookConfig) {
	l.record(singleton, ledgerEntry{at: time.Now(), removed: &cfg})
}

func (l *ledger) record(singleton string, e ledgerEntry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.last[singleton] = e
}

// ownedByNewerWrite reports whether this process created or updated the
// singleton: a delete after that would remove the webhook a newer
// instance manages.
func (l *ledger) ownedByNewerWrite(singleton string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.last[singleton]
	return ok && e.removed == nil
}

// removedHere reports whether got is what this process deleted from the
// singleton within window: a read showing it is lagging, not an
// existing configuration.
func (l *ledger) removedHere(singleton string, got trtcapi.WebhookConfig, window time.Duration) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.last[singleton]
	return ok && e.removed != nil && time.Since(e.at) < window && got.Equal(*e.removed)
}
