package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// Delete then create while reads still show the deleted configuration:
// a replacement (taint, as -replace), a destroy followed at once by an
// apply, a create_before_destroy replacement and a rename without a moved
// block all end with the configured webhook present and in state, and an
// empty plan.
func TestAccLedger_replaceInsideReadLag(t *testing.T) {
	lagging := func(o *trtcmock.Options) { o.ReadLag = 3 * time.Second }
	forEachProduct(t, func(t *testing.T, p product) {
		cfg := func(mock *trtcmock.Server, url string, extra ...string) string {
			return providerBlock(mock) + p.resource(url, []string{p.word(0)}, extra...)
		}
		emptyPlan := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
		t.Run("replace", func(t *testing.T) {
			mock := startMock(t, lagging)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{Config: cfg(mock, hookURL)},
					{
						Taint:  []string{p.addr()},
						Config: cfg(mock, hookURL),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionDestroyBeforeCreate)},
						},
						Check: mockHolds(mock, p, hookURL, p.word(0)),
					},
					{
						// Replaced with a change: the create's read still shows
						// what this apply's delete removed, and the ledger
						// knows it for lag: one read, no waiting it out.
						PreConfig: mock.ResetRequests,
						Taint:     []string{p.addr()},
						Config:    cfg(mock, hookURL2),
						Check: resource.ComposeTestCheckFunc(
							mockHolds(mock, p, hookURL2, p.word(0)),
							// Then the reads that confirm the write, which see it once
							// the lag has passed.
							requestSequence(mock, p, "get_callback:0", "delete_callback:0", "get_callback:0", "set_callback:0"),
						),
					},
					{Config: cfg(mock, hookURL2), ConfigPlanChecks: emptyPlan},
				},
			})
		})
		t.Run("destroy then apply", func(t *testing.T) {
			mock := startMock(t, lagging)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{Config: cfg(mock, hookURL)},
					{Config: cfg(mock, hookURL), Destroy: true},
					{Config: cfg(mock, hookURL), Check: mockHolds(mock, p, hookURL, p.word(0))},
					{Config: cfg(mock, hookURL), Destroy: true},
					// Another configuration right after the destroy: the old one
					// still shows for the lag, and is waited out.
					{Config: cfg(mock, hookURL2), Check: mockHolds(mock, p, hookURL2, p.word(0))},
					{Config: cfg(mock, hookURL2), ConfigPlanChecks: emptyPlan},
				},
			})
		})
		t.Run("create_before_destroy", func(t *testing.T) {
			mock := startMock(t, lagging)
			cbd := "lifecycle {\n    create_before_destroy = true\n  }"
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{Config: cfg(mock, hookURL, cbd)},
					{
						Taint:  []string{p.addr()},
						Config: cfg(mock, hookURL, cbd),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionCreateBeforeDestroy)},
						},
						Check: resource.ComposeTestCheckFunc(
							mockHolds(mock, p, hookURL, p.word(0)),
							countRequests(mock, p, "delete_callback", 0),
						),
					},
					{Config: cfg(mock, hookURL, cbd), ConfigPlanChecks: emptyPlan},
				},
			})
		})
		t.Run("rename without moved", func(t *testing.T) {
			mock := startMock(t, lagging)
			renamed := func(url string) string {
				return providerBlock(mock) + fmt.Sprintf("resource %q \"renamed\" {\n  url = %q\n  callback_commands = [%q]\n}\n",
					p.typeName(), url, p.word(0))
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{Config: cfg(mock, hookURL)},
					{Config: renamed(hookURL), Check: mockHolds(mock, p, hookURL, p.word(0))},
					{Config: renamed(hookURL), ConfigPlanChecks: emptyPlan},
					// Renamed back, with a change on the way.
					{Config: cfg(mock, hookURL2), Check: mockHolds(mock, p, hookURL2, p.word(0))},
					{Config: cfg(mock, hookURL2), ConfigPlanChecks: emptyPlan},
				},
			})
		})
	})
}
