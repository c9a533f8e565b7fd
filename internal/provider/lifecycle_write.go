package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/wait"
)

// Create applies the create rule (DESIGN.md): a create never overwrites
// what Terraform does not manage. It reads first and
//   - writes when the app has none, or when what it holds is safe to
//     overwrite (for the token: disabled);
//   - adopts, writing nothing, what is exactly what it would write;
//   - writes over what this run deleted moments ago (a lagging read), and
//     waits for the read to catch up when a recent run deleted it;
//   - refuses anything else at once, with import instructions.
//
// Every write is then confirmed (confirm), and an uncertain one is recorded
// with a warning rather than tainted.
func (e *lifecycle[M, V]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f := fieldsOf(&plan)
	a, known := e.data.bindConfigured(&resp.Diagnostics, pathSDKAppID, f.SDKAppID)
	if !known && !resp.Diagnostics.HasError() {
		resp.Diagnostics.AddError("Unknown sdk_app_id", "sdk_app_id is still unknown at apply time.")
	}
	if a == nil || resp.Diagnostics.HasError() {
		return
	}
	id := e.kind.objectID(&plan)
	want, diags := e.kind.desired(ctx, &plan, req.Config, nil)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := e.withTimeout(ctx, a, f.Timeouts.Create, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = e.maskValue(ctx, want)
	summary := "Could not create the " + e.kind.noun()

	w, err := e.createWrite(context.WithValue(ctx, createStartKey{}, time.Now()), a, id, want)
	f.ID = types.StringValue(e.stateID(a, id))
	f.SDKAppID = types.NumberValue(sdkAppIDNumber(a.id))
	resp.Diagnostics.Append(w.warnings...)
	var incomplete *incompleteWrite
	switch {
	case errors.As(err, &incomplete):
		// TRTC holds part of the object. Recorded with an error, it is
		// tainted: the next apply replaces it, rather than meet an object
		// that the create rule cannot tell from someone else's.
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		e.setIdentity(ctx, resp.Identity, a, id, &resp.Diagnostics)
		a.addAPIError(&resp.Diagnostics, summary, incomplete.err, fmt.Sprintf(
			"The %s was created, but only %d of the %d requests that write it landed, so TRTC holds part of it. "+
				"It is recorded as tainted: the next apply replaces it (deletes it and creates it again).",
			e.objectName(id), incomplete.landed, incomplete.of))
		return
	case err != nil:
		e.addWriteError(&resp.Diagnostics, a, id, summary, err)
		return
	case w.uncertain != nil:
		// The write may have landed. Record the resource, with a warning
		// rather than an error: an error would taint it, and replacing a
		// tainted resource deletes the object before writing it again. The
		// next refresh settles it: present, it is kept; absent, the plan
		// creates it.
		resp.Diagnostics.AddWarning(summary+": not confirmed", fmt.Sprintf(
			"TRTC gave no definitive answer, so the %s may or may not have been written:\n\n%s\n\n"+
				"The resource is recorded in the state. The next plan reads it back: if TRTC holds it, nothing "+
				"changes; if not, the plan creates it.", e.objectName(id), w.uncertain))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	e.setIdentity(ctx, resp.Identity, a, id, &resp.Diagnostics)
	if w.wrote {
		noteWrite(ctx, resp.Private, w, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(e.kind.recorded(ctx, &plan, want, resp.Private)...)
}

// written is what a write left behind.
type written struct {
	wrote bool
	// seen: a read showed the write, so later reads no longer lag it.
	seen bool
	// stale are the answers a lagging read may give afterwards.
	stale staleAnswers
	// value is the fingerprint of what was written.
	value []byte
	// uncertain is the error of a write that may or may not have landed.
	uncertain error
	// warnings are about what TRTC took in part.
	warnings diag.Diagnostics
}

// createWrite decides under the object's lock, writes if it may, and then
// confirms the write. Waiting (for a lagging read, or a destroy this plan
// makes) happens without the lock, so that the destroy can run.
func (e *lifecycle[M, V]) createWrite(ctx context.Context, a *app, id string, want V) (written, error) {
	key := e.key(a, id)
	var waiting *decision // the wait this create is in, if any
	for {
		unlock, err := e.data.ledger.lock(ctx, key)
		if err != nil {
			if waiting != nil && ctx.Err() != nil {
				return written{}, e.ranOut(ctx, key, *waiting)
			}
			return written{}, err
		}
		d := e.clearToCreate(ctx, a, id, key, want)
		if d.err != nil && waiting != nil && ctx.Err() != nil {
			// The operation's timeout cut the read short: the wait it was
			// part of ran out.
			unlock()
			return written{}, e.ranOut(ctx, key, *waiting)
		}
		switch {
		case d.wait > 0:
			unlock()
			waiting = &d
			if wait.Sleep(ctx, d.wait) != nil {
				return written{}, e.ranOut(ctx, key, d)
			}
			continue
		case d.err != nil:
			if errors.Is(d.err, errNotOurs) || errors.As(d.err, new(*destroyPending)) {
				e.refused(key, d.held)
			}
			unlock()
			return written{}, d.err
		case !d.write:
			// Adopted: nothing is written, but this instance now manages it,
			// so the delete of another (create_before_destroy, a rename)
			// leaves it in place.
			e.data.ledger.record(key, ledgerWrote, e.kind.fingerprint(want))
			unlock()
			return written{}, nil
		}
		s := e.send(ctx, a, id, e.kind.writes(a, id, want, nil), d.stale)
		if s.landed > 0 || s.err == nil || trtcapi.IsUncertain(s.err) || errors.Is(s.err, errExists) {
			e.data.ledger.record(key, ledgerWrote, e.kind.fingerprint(s.want))
		}
		unlock()
		return e.settle(ctx, a, id, s)
	}
}

// refused records a create refused over held (hold the object's lock):
// whatever destroy of this run was to remove what stands leaves it in
// place now, as its replacement was not written.
func (e *lifecycle[M, V]) refused(key string, held []byte) {
	e.data.ledger.update(key, func(r *ledgerRecord) { r.CreateRefused = e.data.ledger.entry(ledgerCreateRefused, held) })
}

// ranOut ends a wait that the operation's timeout cut short, with the
// wait's error. A create that waited for a destroy of this plan is refused
// as when settleWindow ends the wait, so the destroy leaves what stands in
// place rather than leaving the app without it.
func (e *lifecycle[M, V]) ranOut(ctx context.Context, key string, d decision) error {
	if errors.As(d.timeout, new(*destroyPending)) {
		// The operation's time is up: the lock is taken for this alone.
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if unlock, err := e.data.ledger.lock(lctx, key); err == nil {
			e.refused(key, d.held)
			unlock()
		}
	}
	return d.timeout
}

// decision is what the create rule decided.
type decision struct {
	write bool
	// stale are the answers a lagging read may give after the write.
	stale staleAnswers
	// wait: read again after this long; timeout is the error if the
	// operation's time runs out first.
	wait    time.Duration
	timeout error
	// held is what TRTC holds, when the create is refused over it or
	// waits for a destroy of it.
	held []byte
	err  error
}

// clearToCreate applies the create rule to one read.
func (e *lifecycle[M, V]) clearToCreate(ctx context.Context, a *app, id, key string, want V) decision {
	// Under the object's lock: a read that began before it may miss what
	// another process of this run wrote while this create waited for it.
	got, err := e.kind.get(ctx, a, id, time.Now())
	switch {
	case errors.Is(err, errAbsent):
		return decision{write: true, stale: staleOf(nil)}
	case err != nil:
		return decision{err: err}
	}
	held := e.kind.fingerprint(got)
	rec := e.data.ledger.read(key)
	removed, thisRun, deletedAt := rec.removed(held, e.data.ledger.run)
	switch {
	case removed && thisRun:
		// This run deleted it moments ago: the read lags the delete, and
		// TRTC most likely holds nothing, even if it shows want.
		return decision{write: true, stale: staleOf(nil, held)}
	case e.kind.same(got, want) && removed:
		return decision{write: true, stale: staleOf(nil, held)} // writing it again is harmless
	case e.kind.same(got, want):
		return decision{} // adopted: what TRTC holds is what would be written
	case e.kind.safeToOverwrite(got, want):
		return decision{write: true, stale: staleOf(held)}
	case removed:
		// A recent run deleted exactly this: wait for the read to catch up.
		return decision{wait: min(time.Until(deletedAt.Add(lagWindow)), 2*time.Second),
			timeout: &stillCatchingUp{deletedAt: deletedAt}, held: held}
	case rec.destroyPlanned(held):
		// A resource this plan destroys holds it (the old address of a
		// rename): wait for that destroy, within settleWindow.
		if waited := e.waited(ctx); waited < settleWindow {
			return decision{wait: 250 * time.Millisecond, timeout: &destroyPending{}, held: held}
		}
		return decision{err: &destroyPending{}, held: held}
	}
	return decision{err: &refusedCreate[V]{held: got, want: want}, held: held}
}

// waited is how long this create has waited so far (for destroyPending).
func (e *lifecycle[M, V]) waited(ctx context.Context) time.Duration {
	if start, ok := ctx.Value(createStartKey{}).(time.Time); ok {
		return time.Since(start)
	}
	return 0
}

type createStartKey struct{}

var errNotOurs = errors.New("the app holds another configuration")

// refusedCreate is a create refused over what the app holds (errNotOurs),
// with both values, for a message that names them.
type refusedCreate[V any] struct{ held, want V }

func (*refusedCreate[V]) Error() string { return errNotOurs.Error() }
func (*refusedCreate[V]) Unwrap() error { return errNotOurs }

// stillCatchingUp is a create that ran out of time while TRTC's reads still
// showed what a recent delete removed.
type stillCatchingUp struct{ deletedAt time.Time }

func (s *stillCatchingUp) Error() string { return "TRTC's reads are still catching up with a delete" }

// destroyPending is a create over an object that a resource of the plan
// destroys, which did not happen while the create waited.
type destroyPending struct{}

func (*destroyPending) Error() string { return "a destroy of this plan has not removed the object yet" }

// settle decides what a write left: a certain write is confirmed; an
// uncertain one is settled by the same reads; a create that met an object
// the read did not show (errExists) succeeds only if that object is the
// one being written; one that failed after some of its requests landed is
// incomplete (lifecycle_steps.go).
func (e *lifecycle[M, V]) settle(ctx context.Context, a *app, id string, s sent[V]) (written, error) {
	want, putErr := s.want, s.err
	w := written{wrote: true, stale: s.stale, value: e.kind.fingerprint(want), warnings: s.warnings}
	var conflict *conflictError[V]
	switch {
	case errors.As(putErr, &conflict):
		return written{}, putErr
	case s.unsettled:
		// Reading could not settle it: no lag tolerance, so the next
		// refresh tells what TRTC holds.
		w.uncertain, w.stale = putErr, nil
		return w, nil
	case putErr != nil && !trtcapi.IsUncertain(putErr) && !errors.Is(putErr, errExists):
		if s.landed > 0 {
			return written{}, &incompleteWrite{landed: s.landed, of: s.of, err: putErr}
		}
		return written{}, putErr
	}
	c := e.confirm(ctx, a, id, want, s.stale, s.rtt)
	switch {
	case c.conflict != nil:
		if putErr != nil {
			// Ours is certainly not in effect, and what stands is not ours.
			return written{}, &refusedCreate[V]{held: *c.conflict, want: want}
		}
		return written{}, &conflictError[V]{ours: want, theirs: *c.conflict, kind: e.kind}
	case c.seen:
		w.seen = true
		return w, nil
	case errors.Is(putErr, errExists):
		return written{}, errNotOurs
	case putErr != nil:
		// It may not have landed: no lag tolerance for it, so the next
		// refresh tells what TRTC holds.
		w.uncertain, w.stale = putErr, nil
	}
	return w, nil
}

// confirmation is what the reads after a write saw.
type confirmation[V any] struct {
	seen     bool // a read showed the write
	conflict *V   // another writer's value
}

// confirm reads the object back after a write. The API has no compare-and-
// swap, so this is what can be had: a read that sees the write, then one
// more after a quiet period sized to the round trip, in which a writer who
// read "none" just before this write landed has had the time to land its
// own. Another value than the written one (or a stale answer) is another
// writer. Reads that only show stale answers (lag) are read again until
// settleWindow ends; then the write is trusted, as the API accepted it.
func (e *lifecycle[M, V]) confirm(ctx context.Context, a *app, id string, want V, stale staleAnswers, rtt time.Duration) confirmation[V] {
	until := time.Now().Add(settleWindow)
	schedule := lagBackoff()
	var c confirmation[V]
	for {
		got, err := e.kind.get(ctx, a, id, time.Now())
		switch {
		case err == nil && e.kind.same(got, want):
			if c.seen {
				return c
			}
			c.seen = true
			if wait.Sleep(ctx, quietPeriod(rtt)) != nil {
				return c
			}
			continue
		case err != nil && !errors.Is(err, errAbsent):
			return c // unreadable: the write stands as the API answered it
		case !stale.has(e.answer(got, err)):
			if err == nil {
				return confirmation[V]{conflict: &got}
			}
			// Gone after it was seen: deleted by someone else since. The
			// apply may claim only what was written; the next refresh
			// will see the truth.
			return c
		}
		d := min(schedule.NextBackOff(), time.Until(until))
		if d <= 0 || wait.Sleep(ctx, d) != nil {
			return c
		}
	}
}

// conflictError is a write confirmed to have been overwritten by another
// writer: two states (or two teams) manage one object.
type conflictError[V any] struct {
	ours, theirs V
	kind         interface{ noun() string }
}

func (c *conflictError[V]) Error() string { return "another writer overwrote the " + c.kind.noun() }

// Update writes the planned value in full, and sends nothing when only
// timeouts (or a write-only value without a new version) changed. On
// failure the state is left as it was, so the next plan still shows the
// change; when another writer overwrote it, the state records what TRTC
// holds instead, never what it does not.
func (e *lifecycle[M, V]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f := fieldsOf(&plan)
	id := e.kind.objectID(&state)
	a, ok := e.data.bindState(&resp.Diagnostics, e.kind.typeName(), id, fieldsOf(&state))
	if !ok {
		return
	}
	// The planned private state carries the plan's claim (ModifyPlan),
	// which the state need not keep.
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateKeyPlanClaim, nil)...)
	f.ID, f.SDKAppID = fieldsOf(&state).ID, types.NumberValue(sdkAppIDNumber(a.id))
	e.setIdentity(ctx, resp.Identity, a, id, &resp.Diagnostics)
	want, diags := e.kind.desired(ctx, &plan, req.Config, &state)
	resp.Diagnostics.Append(diags...)
	have, haveKnown, diags := e.kind.claimed(ctx, &state)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := e.withTimeout(ctx, a, f.Timeouts.Update, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	if e.unchanged(ctx, &plan, &state, req, want, have, haveKnown, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...) // only timeouts changed: nothing to send
		return
	}
	ctx = e.maskValue(e.maskValue(ctx, want), have)
	summary := "Could not update the " + e.kind.noun()

	w, err := e.updateWrite(ctx, a, id, want, have, haveKnown, writeNoteOf(ctx, req.Private))
	resp.Diagnostics.Append(w.warnings...)
	var conflict *conflictError[V]
	var incomplete *incompleteWrite
	switch {
	case errors.As(err, &conflict):
		// Record what TRTC holds, so the state never claims what it does not.
		resp.Diagnostics.Append(e.kind.refreshed(ctx, &state, conflict.theirs, refresh{prior: req.Private, private: resp.Private, app: a})...)
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		e.addWriteError(&resp.Diagnostics, a, id, summary, err)
		return
	case errors.Is(err, errAbsent):
		a.addAPIError(&resp.Diagnostics, summary, err, "The configuration was deleted outside Terraform while this "+
			"apply ran. Run terraform apply again: the plan will create it.")
		return
	case errors.As(err, &incomplete):
		a.addAPIError(&resp.Diagnostics, summary, incomplete.err, fmt.Sprintf(
			"Only %d of the %d requests of this update landed, so TRTC holds part of it. The state keeps what it "+
				"held before; the next plan reads the %s back and shows what is left to change.",
			incomplete.landed, incomplete.of, e.objectName(id)))
		return
	case err == nil && w.uncertain != nil:
		err = w.uncertain
		fallthrough
	case err != nil:
		e.addWriteError(&resp.Diagnostics, a, id, summary, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	noteWrite(ctx, resp.Private, w, &resp.Diagnostics)
	resp.Diagnostics.Append(e.kind.recorded(ctx, &plan, want, resp.Private)...)
}

// unchanged reports an update with nothing to send: the kind says so
// itself (the token compares versions), or the written value is what the
// state already claims.
func (e *lifecycle[M, V]) unchanged(ctx context.Context, plan, state *M, req resource.UpdateRequest, want, have V, haveKnown bool, diags *diag.Diagnostics) bool {
	if k, ok := e.kind.(interface {
		unchanged(context.Context, *M, *M, tfsdk.Config) (bool, diag.Diagnostics)
	}); ok {
		same, ds := k.unchanged(ctx, plan, state, req.Config)
		diags.Append(ds...)
		return same
	}
	return haveKnown && e.kind.same(want, have)
}

// updateWrite writes want over have. prior is the note of this resource's
// last write, when no read has shown that write yet.
func (e *lifecycle[M, V]) updateWrite(ctx context.Context, a *app, id string, want, have V, haveKnown bool, prior *writeNote) (written, error) {
	key := e.key(a, id)
	unlock, err := e.data.ledger.lock(ctx, key)
	if err != nil {
		return written{}, err
	}
	stale := staleOf(e.kind.fingerprint(have))
	if !haveKnown {
		// The state cannot say what TRTC holds (a write-only value): read
		// it, so that a lagging read of it is known for lag.
		got, lag, err := e.readUnclaimed(ctx, a, id, prior)
		switch {
		case lag != nil:
			// TRTC holds this resource's last write, which the state
			// records: reads may still give what it held before that
			// write, or that write.
			stale = append(slices.Clone(lag.Stale), lag.Wrote)
		case err != nil:
			unlock()
			return written{}, err
		default:
			have, stale = got, staleOf(e.kind.fingerprint(got))
		}
	}
	s := e.send(ctx, a, id, e.kind.writes(a, id, want, &have), stale)
	if s.landed > 0 || s.err == nil || trtcapi.IsUncertain(s.err) {
		e.data.ledger.record(key, ledgerWrote, e.kind.fingerprint(s.want))
	}
	unlock()
	return e.settle(ctx, a, id, s)
}

// readUnclaimed reads what TRTC holds for an update or a delete whose state
// cannot say (a write-only value). An answer that lags this resource's last
// write (note: no read has shown it yet) stands for that write, which TRTC
// holds: lag is then the note, and got and err only what the read showed
// (err matching errAbsent: none).
func (e *lifecycle[M, V]) readUnclaimed(ctx context.Context, a *app, id string, note *writeNote) (got V, lag *writeNote, err error) {
	got, err = e.kind.get(ctx, a, id, time.Now())
	if (err == nil || errors.Is(err, errAbsent)) && note != nil && note.Wrote != nil && note.lagging(e.answer(got, err), time.Now()) {
		lag = note
	}
	return got, lag, err
}

// addWriteError reports a refused, conflicting or failed write of object
// id ("" for a singleton).
func (e *lifecycle[M, V]) addWriteError(diags *diag.Diagnostics, a *app, id, summary string, err error) {
	var conflict *conflictError[V]
	var catching *stillCatchingUp
	var pending *destroyPending
	switch {
	case errors.As(err, &pending):
		diags.AddError(summary, fmt.Sprintf(
			"SDKAppID %[1]s holds a different %[2]s, which another resource of this plan destroys (the old address "+
				"of a renamed resource, most likely), and that destroy did not run while this create waited for it "+
				"(with -parallelism=1 it cannot). Nothing was changed, and the destroy leaves it in place.\n\n"+
				"To manage it under the new address, import it (terraform import %[3]s.<name> %[4]s) and apply again; "+
				"a moved block avoids this: moved { from = <old address>, to = <new address> }.",
			a.idText, e.objectName(id), e.kind.typeName(), e.stateID(a, id)))
	case errors.Is(err, errNotOurs):
		detail := e.importInstructions(a, id)
		if k, ok := e.kind.(interface{ refusal(*app) string }); ok {
			detail = k.refusal(a)
		}
		var refused *refusedCreate[V]
		if errors.As(err, &refused) {
			// Another state may have written it moments ago: importing it
			// here would make two states manage it.
			detail += fmt.Sprintf("\n\n  held:       %[1]s\n  configured: %[2]s\n\n"+
				"If another Terraform state manages it, do not import it here: two Terraform states would manage this "+
				"app's %[3]s, and each apply would overwrite the other's. Keep it in one of them, and remove this "+
				"resource from this configuration.", e.kind.show(refused.held), e.kind.show(refused.want), e.kind.noun())
		}
		diags.AddError(summary, detail)
	case errors.As(err, &catching):
		diags.AddError(summary, fmt.Sprintf(
			"TRTC's reads still show the %s that an earlier run deleted at %s, and the operation's timeout ran out "+
				"while waiting for them to catch up. TRTC holds none, most likely: run terraform apply again and it will "+
				"settle.", e.objectName(id), catching.deletedAt.UTC().Format(time.RFC3339)))
	case errors.As(err, &conflict):
		diags.AddError(summary, fmt.Sprintf(
			"This apply wrote the %[1]s of SDKAppID %[2]s, and right after, TRTC held another one:\n\n"+
				"  written:  %[3]s\n  now held: %[4]s\n\n"+
				"Two Terraform states (or a state and someone using the console) manage this app's %[1]s, and the "+
				"last writer wins. Decide which one manages it, and remove it from the other state (removed {} "+
				"or terraform state rm). The state records what TRTC holds now.",
			e.objectName(id), a.idText, e.kind.show(conflict.ours), e.kind.show(conflict.theirs)))
	default:
		a.addAPIError(diags, summary, err)
	}
}

// objectName names object id in messages: the noun for a singleton, the
// noun and the ID for a kind with IDs of its own (TUILiveKit gift "rose").
func (e *lifecycle[M, V]) objectName(id string) string {
	if e.kind.objectIDAttribute() == "" {
		return e.kind.noun()
	}
	return fmt.Sprintf("%s %q", e.kind.noun(), id)
}

// importInstructions says how to adopt what the app already holds as
// object id.
func (e *lifecycle[M, V]) importInstructions(a *app, id string) string {
	holds := fmt.Sprintf("SDKAppID %s already has a different %s, and creating one would replace it.", a.idText, e.kind.noun())
	identity := ""
	if idAttr := e.kind.objectIDAttribute(); idAttr != "" {
		holds = fmt.Sprintf("SDKAppID %s already has a %s with %s %q, and it is not the configured one: creating "+
			"this resource would replace it.", a.idText, e.kind.noun(), idAttr, id)
		identity = fmt.Sprintf("With Terraform 1.12 or later, the import block may name its identity instead of "+
			"the ID:\n\n  import {\n    to       = %s.<name>\n    identity = { sdk_app_id = %s, %s = %q }\n  }\n\n",
			e.kind.typeName(), a.idText, idAttr, id)
	}
	return fmt.Sprintf(
		"%[1]s Nothing was changed.\n\n"+
			"To manage the existing one with Terraform, import it:\n\n"+
			"  terraform import %[2]s.<name> %[3]s\n\nor, with Terraform 1.5 or later, add an import block and apply:\n\n"+
			"  import {\n    to = %[2]s.<name>\n    id = %[3]q\n  }\n\n%[4]s"+
			"If it belongs to a resource that this apply replaces with create_before_destroy, apply the change "+
			"without -replace instead: it is updated in place.",
		holds, e.kind.typeName(), e.stateID(a, id), identity)
}

// maskValue adds the secrets a value holds (a token) to ctx's log masks.
func (e *lifecycle[M, V]) maskValue(ctx context.Context, v V) context.Context {
	if k, ok := e.kind.(interface{ secretsOf(V) []string }); ok {
		for _, s := range k.secretsOf(v) {
			ctx = e.data.maskSecret(ctx, s)
		}
	}
	return ctx
}
