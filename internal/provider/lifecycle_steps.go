package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// Writes of several requests. A webhook is written in one request; a gift
// is add_gift (or edit_gift) and then one request per language row, and a
// category adds its relations last (docs/development/trtc-api.md §9). The
// API has no transaction, so the engine owns what a write of several
// requests needs, once for every kind:
//
//   - each value the write passes through is its own, not another writer's:
//     a read that shows one is a write still in progress (or a lagging
//     read), never a conflict;
//   - a request without a definitive answer is settled by reading before
//     the next request builds on it; one that cannot be settled stops the
//     write, which is then uncertain as a whole;
//   - a write that fails after its first request landed is incomplete:
//     TRTC holds part of it. A create records it tainted, so the next apply
//     replaces it instead of finding an object it cannot tell from someone
//     else's; an update keeps the state it had, and the next refresh shows
//     what is left to change;
//   - a request TRTC accepts only in part (relations to IDs that are no
//     gift) leaves less than asked for: the write confirms what it left and
//     warns, and the next plan shows the difference.

// writeStep is one request of a write.
type writeStep[V any] struct {
	// send makes the request. A *acceptedInPart[V] error says TRTC took it
	// but holds less than leaves.
	send func(ctx context.Context) error
	// leaves is what TRTC holds once this request, and those before it,
	// have landed.
	leaves V
}

// acceptedInPart is a request TRTC took in part: it holds held instead of
// what the request was to leave. Only a write's last request may be taken
// in part.
type acceptedInPart[V any] struct {
	held            V
	summary, detail string
}

func (p *acceptedInPart[V]) Error() string { return p.summary }

// incompleteWrite is a write that failed after some of its requests landed.
type incompleteWrite struct {
	landed, of int
	err        error
}

func (e *incompleteWrite) Error() string {
	return fmt.Sprintf("%v (after %d of the write's %d requests landed)", e.err, e.landed, e.of)
}

func (e *incompleteWrite) Unwrap() error { return e.err }

// sent is what the requests of a write did.
type sent[V any] struct {
	// want is what TRTC is to hold once the write landed: the last
	// request's leaves, or what a request taken in part left.
	want V
	// stale are the answers a read may still give: what TRTC held before
	// the write, and each value the write passed through.
	stale staleAnswers
	// landed requests (settled ones included), of how many.
	landed, of int
	rtt        time.Duration // of the last request sent
	err        error
	// unsettled: err is an uncertain request that reading could not
	// settle; nothing is left to confirm.
	unsettled bool
	warnings  diag.Diagnostics
}

// send makes a write's requests in order. stale are the answers TRTC may
// give before the write.
func (e *lifecycle[M, V]) send(ctx context.Context, a *app, id string, steps []writeStep[V], stale staleAnswers) sent[V] {
	s := sent[V]{stale: stale, of: len(steps)}
	if len(steps) > 0 {
		s.want = steps[len(steps)-1].leaves
	}
	for i, step := range steps {
		last := i == len(steps)-1
		began := time.Now()
		err := step.send(ctx)
		s.rtt = time.Since(began)
		var part *acceptedInPart[V]
		if errors.As(err, &part) {
			step.leaves, err = part.held, nil
			s.want = part.held
			s.warnings.AddWarning(part.summary, part.detail)
		}
		if err != nil && !last && trtcapi.IsUncertain(err) {
			// The next request builds on this one: settle it first.
			c := e.confirm(ctx, a, id, step.leaves, s.stale, s.rtt)
			switch {
			case c.conflict != nil:
				s.err = &conflictError[V]{ours: step.leaves, theirs: *c.conflict, kind: e.kind}
				return s
			case !c.seen:
				s.err, s.unsettled = err, true
				return s
			}
			err = nil
		}
		if err != nil {
			s.err = err
			return s
		}
		s.landed++
		if !last {
			s.stale = append(s.stale, staleOf(e.kind.fingerprint(step.leaves))...)
		}
	}
	return s
}
