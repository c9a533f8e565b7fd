package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// A create whose write may have landed but could not be confirmed is
// recorded without tainting it, so the next apply never deletes a
// configuration that already matches; when the write did not land, the
// next apply creates it.
func TestAccLifecycle_uncertainCreateConverges(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		for name, tc := range map[string]struct {
			write  trtcmock.FaultKind
			landed bool
		}{
			"write landed":     {trtcmock.FaultLoseAnswer, true},
			"write never sent": {trtcmock.FaultDrop, false},
		} {
			t.Run(name, func(t *testing.T) {
				mock := startMock(t)
				mock.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: tc.write})
				// The read that would confirm the write fails too (after the
				// create's first read).
				mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultDrop, Skip: 1})
				cfg := providerBlock(mock, "max_retries = 0") + p.resource(hookURL, []string{p.word(0)})
				next := resource.TestStep{
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
				}
				if !tc.landed {
					next.ConfigPlanChecks.PreApply = []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionCreate)}
				}
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(t),
					CheckDestroy:             mockEmpty(mock, p),
					Steps: []resource.TestStep{
						{
							// Recorded, not tainted; when the write did not land,
							// the refresh after it already plans the create.
							Config: cfg,
							ConfigStateChecks: []statecheck.StateCheck{
								statecheck.ExpectKnownValue(p.addr(), tfjsonpath.New("id"), knownvalue.StringExact(testApp)),
							},
							ExpectNonEmptyPlan: !tc.landed,
						},
						next,
						{
							Config: cfg,
							Check: resource.ComposeTestCheckFunc(
								mockHolds(mock, p, hookURL, p.word(0)),
								countRequests(mock, p, "delete_callback", 0),
							),
						},
					},
				})
			})
		}
	})
}

// An update that meets no configuration says so with ErrorCode and
// RequestId, like every other API error.
func TestAccLifecycle_updateMeetsNoConfiguration(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{
				{Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0)})},
				{
					PreConfig: func() {
						mock.InjectFault(trtcmock.Fault{Command: p.updateCommand(), Kind: trtcmock.FaultErrorCode, ErrorCode: 100301, ErrorInfo: "callback config not exist"})
					},
					Config: providerBlock(mock) + p.resource(hookURL2, []string{p.word(0)}),
					ExpectError: words("ErrorCode: 100301 ErrorInfo: callback config not exist RequestId: Id- ... " +
						"The configuration was deleted outside Terraform while this apply ran."),
				},
			},
		})
	})
}
