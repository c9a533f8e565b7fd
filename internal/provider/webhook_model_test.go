package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// A word TRTC lists twice collapses on read: refresh, import, plans and
// the data source work, and the next apply that writes sends the clean list.
func TestAccWebhook_duplicateWordsCollapse(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		p.put(mock, hookURL, p.word(0), p.word(0), p.word(1))
		cfg := providerBlock(mock) + p.resource(hookURL, []string{p.word(0), p.word(1)}) + p.dataSource()
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			CheckDestroy:             mockEmpty(mock, p),
			Steps: []resource.TestStep{
				{Config: cfg, ResourceName: p.addr(), ImportState: true, ImportStateId: testApp, ImportStatePersist: true},
				{
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(p.dataAddr(), tfjsonpath.New("callback_commands"),
							knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(p.word(0)), knownvalue.StringExact(p.word(1))})),
					},
				},
				{
					Config: providerBlock(mock) + p.resource(hookURL2, []string{p.word(0), p.word(1)}),
					Check: resource.ComposeTestCheckFunc(
						mockHolds(mock, p, hookURL2, p.word(0), p.word(1)), // each word once
						countRequests(mock, p, p.updateCommand(), 1),
					),
				},
			},
		})
	})
}

// Words TRTC lists twice are one element, with a warning naming them.
func TestCommandSetCollapsesDuplicates(t *testing.T) {
	set, diags := commandSet(t.Context(), liveWebhook, []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom", "Live.CallbackAfterCreateRoom"}, refresh{})
	if diags.HasError() || set.IsNull() || len(set.Elements()) != 2 {
		t.Fatalf("set = %v, diags = %v", set, diags)
	}
	if diags.WarningsCount() != 1 || !strings.Contains(diags[0].Detail(), `"Live.CallbackAfterCreateRoom" more than once`) {
		t.Errorf("diags = %v", diags)
	}
	empty, diags := commandSet(t.Context(), liveWebhook, nil, refresh{})
	if len(diags) != 0 || empty.IsNull() || len(empty.Elements()) != 0 {
		t.Errorf("no words: set = %v, diags = %v", empty, diags)
	}
}
