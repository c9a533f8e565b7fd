package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// Terraform plans a replacement twice, the second time from a null prior
// state. The check that refuses two resources for one object must know
// the second planning for the same resource: a webhook moved to another
// app (a changed sdk_app_id) is replaced, not refused as a duplicate.
func TestAccLifecycle_replacementIsNotASecondResource(t *testing.T) {
	mock := startMock(t)
	in := func(app uint64) string {
		return twoAppsBlock(mock) + live.resource(hookURL, []string{live.word(0)}, fmt.Sprintf("sdk_app_id = %d", app))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{
			{Config: in(mocktest.OtherAppID)},
			{
				Config: in(testAppID),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(live.addr(), plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: mockHolds(mock, live, hookURL, live.word(0)),
			},
		},
	})
}
