package provider

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// bareState is the state of a bare object of app a holding value.
func bareState(t *testing.T, e *lifecycle[bareModel, string], a *app, value string) tfsdk.State {
	t.Helper()
	ctx := t.Context()
	var sch fwresource.SchemaResponse
	e.Schema(ctx, fwresource.SchemaRequest{}, &sch)
	state := tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), nil)}
	for attr, v := range map[string]any{"id": types.StringValue(a.idText), "sdk_app_id": types.NumberValue(sdkAppIDNumber(a.id)),
		"value": types.StringValue(value)} {
		if diags := state.SetAttribute(ctx, path.Root(attr), v); diags.HasError() {
			t.Fatal(diags)
		}
	}
	return state
}

// The delete rule, through the engine over a kind with no code for it: an
// object this run wrote last, or one whose replacement this run refused to
// write, is left in place with a warning; otherwise it is deleted, and
// the ledger knows what was removed.
func TestDeleteRule(t *testing.T) {
	for name, tc := range map[string]struct {
		ledger    func(e *lifecycle[bareModel, string], a *app)
		deleted   bool
		warningIn string
	}{
		"nothing recorded: deleted": {ledger: func(*lifecycle[bareModel, string], *app) {}, deleted: true},
		"written by this run (create_before_destroy, a rename): left in place": {
			ledger: func(e *lifecycle[bareModel, string], a *app) {
				e.data.ledger.record(e.key(a, ""), ledgerWrote, []byte("new"))
			},
			warningIn: "wrote SDKAppID 1400000000's bare object earlier in this apply",
		},
		"written by an earlier run: deleted": {
			ledger: func(e *lifecycle[bareModel, string], a *app) {
				(&ledger{dir: e.data.ledger.dir, run: "earlier"}).record(e.key(a, ""), ledgerWrote, []byte("v1"))
			},
			deleted: true,
		},
		"its replacement refused in this run: left in place": {
			ledger: func(e *lifecycle[bareModel, string], a *app) {
				e.data.ledger.update(e.key(a, ""), func(r *ledgerRecord) {
					r.CreateRefused = e.data.ledger.entry(ledgerCreateRefused, []byte("v1"))
				})
			},
			warningIn: "its create was refused",
		},
	} {
		t.Run(name, func(t *testing.T) {
			d, a, _ := testApps(t)
			s := newBareStore()
			e := bareEngine(d, s)
			s.set(a.id, "v1", true)
			tc.ledger(e, a)
			state := bareState(t, e, a, "v1")
			resp := fwresource.DeleteResponse{State: state}
			e.Delete(context.Background(), fwresource.DeleteRequest{State: state}, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			_, held := s.value(a.id)
			if held == tc.deleted {
				t.Errorf("TRTC still holds it: %v, want deleted %v (calls %v)", held, tc.deleted, s.callsOf(a.id))
			}
			warnings := resp.Diagnostics.Warnings()
			switch {
			case tc.warningIn == "" && len(warnings) != 0:
				t.Errorf("warnings %v", warnings)
			case tc.warningIn != "" && (len(warnings) != 1 || !strings.Contains(warnings[0].Detail(), tc.warningIn)):
				t.Errorf("warnings %v, want one saying %q", warnings, tc.warningIn)
			}
			rec := d.ledger.read(e.key(a, ""))
			if removed, thisRun, _ := rec.removed([]byte("v1"), d.ledger.run); removed != tc.deleted || removed && !thisRun {
				t.Errorf("ledger: removed %v this run %v", removed, thisRun)
			}
			if !tc.deleted && slices.Contains(s.callsOf(a.id), "remove") {
				t.Error("remove was called")
			}
		})
	}
}
