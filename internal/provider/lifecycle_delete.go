package provider

import (
	"context"
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Delete applies the delete rule: an object this run wrote last belongs to
// the instance that wrote it (create_before_destroy, a rename without a
// moved block, a resource moved to another provider configuration), so the
// delete leaves it in place. Otherwise it deletes, treating "already gone"
// as success, and records what it removed so that a create reading it back
// knows the read for lag.
func (e *lifecycle[M, V]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f := fieldsOf(&state)
	id := e.kind.objectID(&state)
	a, ok := e.data.bindState(&resp.Diagnostics, e.kind.typeName(), id, f)
	if !ok {
		return
	}
	have, haveKnown, diags := e.kind.claimed(ctx, &state)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := e.withTimeout(ctx, a, f.Timeouts.Delete, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = e.maskValue(ctx, have)
	summary := "Could not delete the " + e.kind.noun()

	key := e.key(a, id)
	unlock, err := e.data.ledger.lock(ctx, key)
	if err != nil {
		a.addAPIError(&resp.Diagnostics, summary, err)
		return
	}
	defer unlock()
	rec := e.data.ledger.read(key)
	if rec.wroteThisRun(e.data.ledger.run) {
		e.data.ledger.destroyRan(key)
		resp.Diagnostics.AddWarning(fmt.Sprintf("%s left in place", upperFirst(e.kind.noun())), fmt.Sprintf(
			"Another %s instance wrote SDKAppID %s's %s earlier in this apply (a create_before_destroy "+
				"replacement, a renamed resource, or one moved to another provider configuration), so it now manages it. "+
				"%s: only this instance was removed from the state.", e.kind.typeName(), a.idText, e.objectName(id), e.kind.leftInPlace()))
		return
	}
	held := e.kind.fingerprint(have) // what reads show of what is removed
	removed := newDigest(held)
	if !haveKnown {
		// What is removed is recorded for the create rule; the state
		// cannot say (a write-only value), so read it.
		got, lag, err := e.readUnclaimed(ctx, a, id, writeNoteOf(ctx, req.Private))
		switch {
		case lag != nil:
			// The read lags this resource's last write, which TRTC holds:
			// that is what is removed.
			held, removed = e.answer(got, err), *lag.Wrote
		case errors.Is(err, errAbsent):
			e.data.ledger.destroyRan(key)
			return // nothing to delete
		case err != nil:
			a.addAPIError(&resp.Diagnostics, summary, err)
			return
		default:
			have = got
			ctx = e.maskValue(ctx, have)
			held = e.kind.fingerprint(have)
			removed = newDigest(held)
		}
	}
	if rec.refusedThisRun(held, e.data.ledger.run) {
		e.data.ledger.destroyRan(key)
		resp.Diagnostics.AddWarning(fmt.Sprintf("%s left in place", upperFirst(e.kind.noun())), fmt.Sprintf(
			"Another %s instance of this apply was to replace SDKAppID %s's %s, and its create was refused, so "+
				"deleting it would leave the app without one: only this instance was removed from the state. "+
				"The error of that create says how to go on.", e.kind.typeName(), a.idText, e.objectName(id)))
		return
	}
	if err := e.kind.remove(ctx, a, id); err != nil {
		a.addAPIError(&resp.Diagnostics, summary, err)
		return
	}
	e.data.ledger.recordDigest(key, ledgerDeleted, removed)
	if s, d := e.kind.removal(a); s != "" {
		resp.Diagnostics.AddWarning(s, d)
	}
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
