package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Read refreshes the object with one request. It removes the resource when
// TRTC holds none, so the next plan creates it. Within lagWindow of this
// resource's own write, an answer that TRTC held before the write (or
// none, after a create) is lag, not drift: the state keeps what was
// written. Any other answer is the truth at once, so drift is never hidden.
func (e *lifecycle[M, V]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m M
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f := fieldsOf(&m)
	id := e.kind.objectID(&m)
	if e.keptForAnotherApp(ctx, resp, id, f) {
		return
	}
	a, ok := e.data.bindState(&resp.Diagnostics, e.kind.typeName(), id, f)
	if !ok {
		return
	}
	// Before any return: the framework refuses a Read that leaves the
	// identity null, and state from older CLIs has none.
	e.setIdentity(ctx, resp.Identity, a, id, &resp.Diagnostics)
	ctx, cancel := e.withTimeout(ctx, a, f.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	// Any read of this phase since this process last wrote to the app: the
	// resources of one plan may share it.
	got, err := e.kind.get(ctx, a, id, time.Time{})
	if err != nil && !errors.Is(err, errAbsent) {
		a.addAPIError(&resp.Diagnostics, "Could not read the "+e.kind.noun(), err)
		return
	}
	if note, ok := readWriteNote(ctx, req.Private); ok && note.lagging(e.answer(got, err), time.Now()) {
		resp.Diagnostics.AddWarning("TRTC's reads lag this resource's last write", fmt.Sprintf(
			"TRTC still answers what SDKAppID %s held before this resource wrote its %s at %s, so the state keeps "+
				"what was written. If TRTC still shows otherwise %s after that write, the next plan will say so.",
			a.idText, e.objectName(id), time.UnixMilli(note.UnixMilli).UTC().Format(time.RFC3339), lagWindow))
		return
	}
	if err != nil {
		// Deleted outside Terraform: forget it, and the next plan creates it.
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(e.kind.refreshed(ctx, &m, got, refresh{prior: req.Private, private: resp.Private, app: a})...)
	f.ID = types.StringValue(e.stateID(a, id))
	f.SDKAppID = types.NumberValue(sdkAppIDNumber(a.id))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// keptForAnotherApp: a refresh of an object whose app the provider does
// not hold sends nothing and keeps the state, with a warning that says why
// and how to go on. It does not fail: that would block the ways on that
// need no request (a removed block, which OpenTofu refreshes before it
// forgets the resource). Whatever would change, move or delete the object
// is refused at plan time, in ModifyPlan, with the same explanation.
func (e *lifecycle[M, V]) keptForAnotherApp(ctx context.Context, resp *resource.ReadResponse, id string, f *objectFields) bool {
	appID, ok := stateApp(f)
	if !ok {
		return false // bindState says what is wrong
	}
	if _, err := e.data.app(appID); err == nil {
		return false
	}
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.SetAttribute(ctx, path.Root(identitySDKAppID), types.Int64Value(int64(appID)))...)
		if idAttr := e.kind.objectIDAttribute(); idAttr != "" {
			resp.Diagnostics.Append(resp.Identity.SetAttribute(ctx, path.Root(idAttr), types.StringValue(id))...)
		}
	}
	resp.Diagnostics.AddWarning("Resource belongs to another app: not refreshed",
		e.data.notHeldDetail(e.kind.typeName(), id, sdkAppIDString(appID)))
	return true
}
