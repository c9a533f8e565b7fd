package provider

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"
)

// The ledger remembers, per object, the last write or delete this provider
// made on this machine: in which Terraform run, when, and a digest of what
// was written or removed. Terraform tells a provider nothing about the two
// halves of a replacement, and each provider configuration (an alias,
// OpenTofu's provider for_each) is a process of its own, so the halves meet
// here, in files shared by the processes of a run:
//
//   - delete, then create: the create's read may still show what the delete
//     removed. Removed by this run, it is stale and the create writes; by a
//     recent run, the create waits for the read to catch up.
//   - create, then delete of the other instance (create_before_destroy, a
//     rename without a moved block, a resource moved to another provider
//     configuration): the object was written in this run, so the delete
//     leaves it in place.
//
// Writes to one object are serialised across the run's processes by a file
// lock held from the read that decides to the record of the write; reads
// never take it.
type ledger struct {
	// dir holds one entry and one lock file per object; "" keeps entries in
	// memory (the directory could not be made).
	dir string
	// run names this Terraform run (see currentRun).
	run string

	mu     sync.Mutex
	locks  map[string]*sync.Mutex // in-process half of each object's lock
	memory map[string]ledgerRecord
}

// ledgerRecord is what the ledger knows of one object.
type ledgerRecord struct {
	// Last is the last write or delete.
	Last *ledgerEntry `json:"last,omitempty"`
	// DestroyPlanned: a plan destroys the resource that holds Value (the
	// old address of a rename without a moved block), so a create that
	// finds Value waits for that destroy rather than refusing at once.
	DestroyPlanned *ledgerEntry `json:"destroy_planned,omitempty"`
	// CreateRefused: a create of this run found Value and was refused, so
	// the destroy that was to remove it leaves it in place: the one that
	// would replace it was not written.
	CreateRefused *ledgerEntry `json:"create_refused,omitempty"`
}

type ledgerOp string

const (
	ledgerWrote          ledgerOp = "wrote"
	ledgerDeleted        ledgerOp = "deleted"
	ledgerDestroyPlanned ledgerOp = "destroy_planned"
	ledgerCreateRefused  ledgerOp = "create_refused"
)

type ledgerEntry struct {
	Run   string    `json:"run"`
	Op    ledgerOp  `json:"op"`
	At    time.Time `json:"at"`
	Value digest    `json:"value"` // what was written, or what the delete removed
	// Any: a planned destroy of a value the state cannot show (a
	// write-only token) stands for whatever the object holds.
	Any bool `json:"any,omitempty"`
}

// ledgerTTL bounds how long entries are kept: runs are over long before.
const ledgerTTL = 24 * time.Hour

// newLedger opens the ledger in dir ("" for the default directory) for
// run, and forgets entries older than ledgerTTL.
func newLedger(dir, run string) *ledger {
	l := &ledger{run: run, locks: map[string]*sync.Mutex{}, memory: map[string]ledgerRecord{}}
	if dir == "" {
		dir = defaultLedgerDir()
	}
	if err := os.MkdirAll(dir, 0o700); err == nil {
		l.dir = dir
		l.forgetOld()
	}
	return l
}

// defaultLedgerDir is per user, so that no one reads another's digests.
func defaultLedgerDir() string {
	user := "user"
	if uid := os.Getuid(); uid >= 0 {
		user = strconv.Itoa(uid)
	}
	return filepath.Join(os.TempDir(), "terraform-provider-trtc-"+user, "ledger")
}

// currentRun names the Terraform run this provider process serves.
// Terraform starts each provider configuration as a child process, so the
// processes of one run share their parent (and, on Linux, its start time,
// which tells a reused process ID apart). A provider served in-process (a
// debugger) is a run of its own.
func currentRun() string {
	if os.Getenv("TF_PLUGIN_MAGIC_COOKIE") == "" {
		return newRun()
	}
	ppid := os.Getppid()
	return fmt.Sprintf("parent-%d-%s", ppid, processStart(ppid))
}

// newRun is a run name of its own.
func newRun() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "process-" + hex.EncodeToString(b)
}

// processStart is the start time of process pid in clock ticks since boot
// (Linux), or "" where it cannot be read.
func processStart(pid int) string {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	// The command name, in parentheses, may hold spaces: count fields
	// after the last ')'. starttime is field 22, the 20th after it.
	rest := string(raw)
	if i := strings.LastIndexByte(rest, ')'); i >= 0 {
		rest = rest[i+1:]
	}
	if f := strings.Fields(rest); len(f) >= 20 {
		return f[19]
	}
	return ""
}

// objectKey names one object of one app at one endpoint (tests run many
// mock data centres that host the same app IDs).
func objectKey(endpoint string, app uint64, kind, id string) string {
	sum := sha256.Sum256([]byte(endpoint + "\x00" + strconv.FormatUint(app, 10) + "\x00" + kind + "\x00" + id))
	return hex.EncodeToString(sum[:16])
}

// lock serialises writes to one object across this run's processes; call
// the result to unlock. It waits at most until ctx ends.
func (l *ledger) lock(ctx context.Context, key string) (func(), error) {
	l.mu.Lock()
	m, ok := l.locks[key]
	if !ok {
		m = &sync.Mutex{}
		l.locks[key] = m
	}
	l.mu.Unlock()
	m.Lock()
	if l.dir == "" {
		return m.Unlock, nil
	}
	fl := flock.New(filepath.Join(l.dir, key+".lock"), flock.SetPermissions(0o600))
	if ok, err := fl.TryLockContext(ctx, 20*time.Millisecond); !ok {
		m.Unlock()
		if err == nil {
			err = ctx.Err()
		}
		return nil, fmt.Errorf("waiting for another provider process of this run to finish writing the same object: %w", err)
	}
	return func() { _ = fl.Unlock(); m.Unlock() }, nil
}

// read returns what the ledger knows of the object.
func (l *ledger) read(key string) ledgerRecord {
	if l.dir == "" {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.memory[key]
	}
	raw, err := os.ReadFile(filepath.Join(l.dir, key+".json"))
	var r ledgerRecord
	if err != nil || json.Unmarshal(raw, &r) != nil {
		return ledgerRecord{}
	}
	for _, e := range []**ledgerEntry{&r.Last, &r.DestroyPlanned, &r.CreateRefused} {
		if *e != nil && time.Since((*e).At) > ledgerTTL {
			*e = nil
		}
	}
	return r
}

// update changes what the ledger knows of the object, atomically (hold the
// object's lock).
func (l *ledger) update(key string, change func(*ledgerRecord)) {
	r := l.read(key)
	change(&r)
	if l.dir == "" {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.memory[key] = r
		return
	}
	raw, _ := json.Marshal(r)
	tmp, err := os.CreateTemp(l.dir, key+".*.tmp")
	if err != nil {
		return // the ledger is best effort: a lost entry costs a wait or a refusal, never a write
	}
	_, werr := tmp.Write(raw)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), filepath.Join(l.dir, key+".json")) != nil {
		_ = os.Remove(tmp.Name())
	}
}

// entry is an entry of this run for value.
func (l *ledger) entry(op ledgerOp, value []byte) *ledgerEntry {
	return &ledgerEntry{Run: l.run, Op: op, At: time.Now(), Value: newDigest(value)}
}

// record makes a write or delete the object's last (hold its lock). A
// write also ends a refusal; a delete, the destroy that was planned.
func (l *ledger) record(key string, op ledgerOp, value []byte) {
	l.recordDigest(key, op, newDigest(value))
}

// recordDigest is record for a value known by its digest alone (a
// write-only value, from a write note).
func (l *ledger) recordDigest(key string, op ledgerOp, value digest) {
	l.update(key, func(r *ledgerRecord) {
		r.Last = &ledgerEntry{Run: l.run, Op: op, At: time.Now(), Value: value}
		switch op {
		case ledgerWrote:
			r.CreateRefused = nil
		case ledgerDeleted:
			r.DestroyPlanned = nil
		}
	})
}

// destroyRan ends the planned destroy of a delete that left the object in
// place, or found none (hold its lock): no create waits for it any more,
// and one of a later run that finds the object refuses at once.
func (l *ledger) destroyRan(key string) {
	l.update(key, func(r *ledgerRecord) { r.DestroyPlanned = nil })
}

// wroteThisRun reports whether this run wrote the object last: a delete
// now would remove what another instance manages.
func (r ledgerRecord) wroteThisRun(run string) bool {
	return r.Last != nil && r.Last.Op == ledgerWrote && r.Last.Run == run
}

// removed reports whether the last entry is a delete of value within
// lagWindow, and whether it was this run's.
func (r ledgerRecord) removed(value []byte, run string) (removed, thisRun bool, at time.Time) {
	e := r.Last
	if e == nil || e.Op != ledgerDeleted || !e.Value.matches(value) || time.Since(e.At) >= lagWindow {
		return false, false, time.Time{}
	}
	return true, e.Run == run, e.At
}

// destroyPlanned reports whether a recent plan destroys the resource that
// holds value.
func (r ledgerRecord) destroyPlanned(value []byte) bool {
	e := r.DestroyPlanned
	return e != nil && (e.Any || e.Value.matches(value)) && time.Since(e.At) < plannedDestroyTTL
}

// refusedThisRun reports whether a create of this run was refused over
// value: the destroy of value must then leave it in place.
func (r ledgerRecord) refusedThisRun(value []byte, run string) bool {
	e := r.CreateRefused
	return e != nil && e.Run == run && e.Value.matches(value)
}

// plannedDestroyTTL bounds how long a planned destroy makes a create wait:
// a saved plan is applied soon after it is made, or made again.
const plannedDestroyTTL = time.Hour

// forgetOld removes records and locks older than ledgerTTL.
func (l *ledger) forgetOld() {
	entries, err := os.ReadDir(l.dir)
	if err != nil {
		return
	}
	for _, de := range entries {
		if info, err := de.Info(); err == nil && time.Since(info.ModTime()) > ledgerTTL {
			_ = os.Remove(filepath.Join(l.dir, de.Name()))
		}
	}
}
