package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ModifyPlan applies the app binding at plan time, so that mistakes fail
// the plan rather than the apply, and before any request:
//
//   - a create takes the app its sdk_app_id names, or the default app, and
//     plans its id and identity; naming an app the provider does not hold,
//     or none without a default, is an error on sdk_app_id;
//   - an existing object keeps its app when sdk_app_id is omitted; a
//     changed sdk_app_id replaces it (delete in the old app, create in the
//     new), never an in-place move; an object of an app the provider no
//     longer holds fails the plan (Read covers refresh, this -refresh=false);
//   - two resources planned for one object are refused: removing either
//     would delete what the other manages (a replacement, which Terraform
//     plans twice, is one resource: notePlanned).
func (e *lifecycle[M, V]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if e.data == nil {
		return // not configured yet: validation only
	}
	sdkAppIDPath := path.Root(attrSDKAppID)
	if !req.State.Raw.IsNull() {
		var state M
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if resp.Diagnostics.HasError() {
			return
		}
		a, ok := e.data.bindState(&resp.Diagnostics, e.kind.typeName(), e.kind.objectID(&state), fieldsOf(&state))
		if !ok {
			return
		}
		if req.Plan.Raw.IsNull() {
			e.noteDestroyPlanned(ctx, a, &state)
			return
		}
	}
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan M
	var configured types.Number
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, sdkAppIDPath, &configured)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f := fieldsOf(&plan)

	if !req.State.Raw.IsNull() {
		var state M
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		held, _ := stateApp(fieldsOf(&state))
		stateID := fieldsOf(&state).ID
		if idAttr := e.kind.objectIDAttribute(); idAttr != "" && e.kind.objectID(&plan) != e.kind.objectID(&state) {
			// The identity never changes: another object ID is another
			// object (unknown, it may be).
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root(idAttr))
			stateID = types.StringUnknown()
		}
		if configured.IsNull() && fieldsOf(&state).SDKAppID.IsNull() && req.Plan.Raw.Equal(req.State.Raw) {
			// State written before sdk_app_id existed, with nothing to
			// change: the app is the ID's (stateApp), and the plan stays
			// empty, -refresh=false too. The next refresh records it.
			e.notePlanned(ctx, resp, held, &plan)
			return
		}
		if configured.IsNull() {
			// Omitted: the object stays in its app, whatever the default.
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, sdkAppIDPath, types.NumberValue(sdkAppIDNumber(held)))...)
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), stateID)...)
			e.notePlanned(ctx, resp, held, &plan)
			return
		}
		a, known := e.data.bindConfigured(&resp.Diagnostics, sdkAppIDPath, configured)
		if !known || a == nil {
			if !known {
				resp.RequiresReplace = append(resp.RequiresReplace, sdkAppIDPath)
				resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), types.StringUnknown())...)
			}
			return
		}
		if a.id != held {
			resp.RequiresReplace = append(resp.RequiresReplace, sdkAppIDPath)
			stateID = types.StringUnknown()
			e.refuseMoveOntoAnother(ctx, req, resp, a, &plan)
		}
		if stateID.IsUnknown() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), stateID)...)
		}
		e.notePlanned(ctx, resp, a.id, &plan)
		return
	}

	a, known := e.data.bindConfigured(&resp.Diagnostics, sdkAppIDPath, configured)
	if !known || a == nil {
		return
	}
	f.SDKAppID = types.NumberValue(sdkAppIDNumber(a.id))
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, sdkAppIDPath, f.SDKAppID)...)
	if id := e.kind.objectID(&plan); e.kind.objectIDAttribute() == "" || id != "" {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), types.StringValue(e.stateID(a, id)))...)
	}
	e.notePlanned(ctx, resp, a.id, &plan)
}

// refuseMoveOntoAnother fails the plan of a move to another app that
// already holds a different object: the replacement would delete the
// object in its app and then have its create refused (a create never
// overwrites what Terraform does not manage), leaving neither. One read, and
// only for a move; a plan with unknown values leaves it to the create rule.
func (e *lifecycle[M, V]) refuseMoveOntoAnother(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, a *app, plan *M) {
	if !req.Plan.Raw.IsFullyKnown() {
		return
	}
	want, diags := e.kind.desired(ctx, plan, req.Config, nil)
	if diags.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(e.maskValue(e.data.withLogMasks(ctx, a), want), defaultReadTimeout)
	defer cancel()
	id := e.kind.objectID(plan)
	got, err := e.kind.get(ctx, a, id, time.Time{})
	if err != nil || e.kind.same(got, want) || e.kind.safeToOverwrite(got, want) {
		return // none there, or one the create may take; a failed read is the apply's to meet
	}
	resp.Diagnostics.AddAttributeError(pathSDKAppID, "The app already holds a different object", fmt.Sprintf(
		"SDKAppID %[1]s already holds a different %[2]s (%[3]s). Moving this resource there would delete it in its "+
			"app and then refuse to overwrite SDKAppID %[1]s's, leaving neither. Import that one first, or remove it "+
			"from SDKAppID %[1]s, then move this resource.", a.idText, e.objectName(id), e.kind.show(got)))
}

// noteDestroyPlanned tells the ledger that this plan destroys the object
// the state holds, so that a create of another instance (the new address of
// a rename) that finds it waits for the destroy instead of refusing.
func (e *lifecycle[M, V]) noteDestroyPlanned(ctx context.Context, a *app, state *M) {
	have, known, _ := e.kind.claimed(ctx, state)
	key := e.key(a, e.kind.objectID(state))
	unlock, err := e.data.ledger.lock(ctx, key)
	if err != nil {
		return
	}
	defer unlock()
	e.data.ledger.update(key, func(r *ledgerRecord) {
		r.DestroyPlanned = e.data.ledger.entry(ledgerDestroyPlanned, e.kind.fingerprint(have))
		r.DestroyPlanned.Any = !known
	})
}

// notePlanned records that a resource plans to hold the object, and refuses
// the second one for the same object.
//
// A replacement (a changed sdk_app_id, -replace) is planned twice for one
// resource: once against its state, then as a create, which Terraform
// hands the first plan's private state. The first leaves a claim there,
// naming this process and the object, so that the second is known for the
// same resource's, not another's.
func (e *lifecycle[M, V]) notePlanned(ctx context.Context, resp *resource.ModifyPlanResponse, appID uint64, plan *M) {
	id := e.kind.objectID(plan)
	if e.kind.objectIDAttribute() != "" && id == "" {
		return // not known yet
	}
	a, err := e.data.app(appID)
	if err != nil {
		return
	}
	key := e.key(a, id)
	claim, _ := json.Marshal(planClaim{Process: e.data.planned.process, Key: key})
	if raw, _ := resp.Private.GetKey(ctx, privateKeyPlanClaim); string(raw) == string(claim) {
		return // the create half of this resource's replacement
	}
	other, dup := e.data.planned.claim(key, e.kind.describe(plan))
	if !dup {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateKeyPlanClaim, claim)...)
		return
	}
	what := "its " + e.kind.noun()
	if idAttr := e.kind.objectIDAttribute(); idAttr != "" {
		what = fmt.Sprintf("the %s with %s %q", e.kind.noun(), idAttr, id)
	}
	resp.Diagnostics.AddError("Two resources manage one object", fmt.Sprintf(
		"Two %[1]s resources in this configuration manage %[2]s of SDKAppID %[3]s: one with %[4]s, one with %[5]s. "+
			"It is one object, so each apply would overwrite the other's, and removing either would delete what "+
			"the other manages. Keep one resource per object (for_each over apps, not over settings).",
		e.kind.typeName(), what, a.idText, other, e.kind.describe(plan)))
}

// privateKeyPlanClaim holds a planClaim in the planned private state. An
// update clears it: it means nothing beyond the plan that made it.
const privateKeyPlanClaim = "plan_claim"

// planClaim is a resource's claim of an object in one plan: the process
// that planned it (plannedObjects.process) and the object's key.
type planClaim struct {
	Process string `json:"process"`
	Key     string `json:"key"`
}

// plannedObjects remembers which objects this plan's resources hold. One
// provider process plans every resource of its configuration, so it is
// where two resources for one object meet; resources of other provider
// configurations (aliases) are other processes, which only the docs can
// warn about.
type plannedObjects struct {
	// process names this provider process in plan claims.
	process string
	mu      sync.Mutex
	got     map[string]string // object key -> the first resource's description
}

func newPlannedObjects() *plannedObjects {
	return &plannedObjects{process: newRun(), got: map[string]string{}}
}

// claim records key for a resource described as desc; dup reports a
// second claim, with the first one's description.
func (p *plannedObjects) claim(key, desc string) (first string, dup bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if first, ok := p.got[key]; ok {
		return first, true
	}
	p.got[key] = desc
	return "", false
}
