package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// A gift belongs to the app its sdk_app_id names. A changed sdk_app_id
// moves it: deleted in the old app, created in the new one. A gift of an
// app the provider no longer holds is never touched: the plan fails before
// any request, saying how to go on with its SDKAPPID/GIFT_ID import ID.
func TestAccGift_appBinding(t *testing.T) {
	mock := startMock(t)
	inOther := giftBlock("rose", "rose", fmt.Sprintf("sdk_app_id = %d", mocktest.OtherAppID))
	rose := trtcmock.Gift{ID: "rose", Name: "Gift rose", Coins: 10}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{
				Config: twoAppsBlock(mock) + inOther,
				Check: resource.ComposeTestCheckFunc(
					mockHoldsGift(mock, mocktest.OtherAppID, rose, nil),
					mockHasNoGift(mock, testAppID, "rose"),
				),
			},
			{
				// The provider no longer holds the gift's app.
				PreConfig: mock.ResetRequests,
				Config:    providerBlock(mock) + giftBlock("rose", "rose"),
				PlanOnly:  true,
				ExpectError: words(`Resource belongs to another app ... This trtc_live_gift belongs to SDKAppID 1400000001, ` +
					`but the provider is configured for SDKAppID 1400000000. ... terraform import trtc_live_gift.<name> 1400000000/rose`),
			},
			{
				PreConfig: func() {
					if err := noRequestsFor(mock, mocktest.OtherAppID)(nil); err != nil {
						t.Error(err)
					}
				},
				// Omitted, sdk_app_id would keep the gift in its app: named, it moves.
				Config: twoAppsBlock(mock) + giftBlock("rose", "rose", fmt.Sprintf("sdk_app_id = %d", testAppID)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(giftAddr("rose"), plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectKnownValue(giftAddr("rose"), tfjsonpath.New("id"), knownvalue.StringExact(testApp+"/rose")),
					},
				},
				Check: resource.ComposeTestCheckFunc(
					mockHoldsGift(mock, testAppID, rose, nil),
					mockHasNoGift(mock, mocktest.OtherAppID, "rose"),
				),
			},
		},
	})
}
