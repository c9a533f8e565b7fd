package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const addr = "trtc_live_webhook.this"

func TestAccLiveWebhook_lifecycle(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		CheckDestroy:             mockEmpty(mock),
		Steps: []resource.TestStep{
			{
				Config: providerBlock(mock) + webhookConfig(hookURL, cmdCreate, cmdDestroy),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("1400000000")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("url"), knownvalue.StringExact(hookURL)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("callback_commands"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(cmdCreate), knownvalue.StringExact(cmdDestroy)})),
				},
				Check: resource.ComposeTestCheckFunc(
					mockHolds(mock, hookURL, cmdCreate, cmdDestroy),
					countRequests(mock, "set_callback", 1),
				),
			},
			{
				// The same configuration again: nothing to do.
				Config: providerBlock(mock) + webhookConfig(hookURL, cmdDestroy, cmdCreate),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: providerBlock(mock) + webhookConfig(hookURL2, cmdCreate, cmdGift),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(
					mockHolds(mock, hookURL2, cmdCreate, cmdGift),
					countRequests(mock, "update_callback", 1),
					countRequests(mock, "delete_callback", 0),
					countRequests(mock, "set_callback", 1),
				),
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateId:           "1400000000",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}
