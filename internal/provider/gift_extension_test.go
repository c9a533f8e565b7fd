package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// Where the catalogue list returns ExtensionInfo, a change made to it
// outside Terraform is drift, and the apply restores it.
func TestAccGift_extensionInfoListed(t *testing.T) {
	mock := startMock(t, func(o *trtcmock.Options) { o.GiftListExtensionInfo = true })
	cfg := providerBlock(mock) + giftBlock("rose", "rose", `extension_info = jsonencode({ effect = "hearts" })`)
	rose := trtcmock.Gift{ID: "rose", Name: "Gift rose", Coins: 10, ExtensionInfo: `{"effect":"hearts"}`}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{Config: cfg, Check: mockHoldsGift(mock, testAppID, rose, nil)},
			{
				PreConfig: func() {
					changed := rose
					changed.ExtensionInfo = `{"effect":"stars"}`
					mock.PutGift(testAppID, changed)
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(giftAddr("rose"), plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(giftAddr("rose"), tfjsonpath.New("extension_info"), knownvalue.StringExact(`{"effect":"hearts"}`)),
					},
				},
				Check: mockHoldsGift(mock, testAppID, rose, nil),
			},
		},
	})
}

// Where the list leaves ExtensionInfo out, a read from it cannot say what
// it is: the state keeps what was written, a change of it alone is still
// one edit_gift, confirmed, and an import reads it with get_gift.
func TestAccGift_extensionInfoNotListed(t *testing.T) {
	mock := startMock(t)
	cfg := func(effect string) string {
		return providerBlock(mock) + giftBlock("rose", "rose", `extension_info = jsonencode({ effect = "`+effect+`" })`) +
			categoryBlock("hot", "hot", `extension_info = jsonencode({ order = 1 })`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{Config: cfg("hearts")},
			{
				PreConfig: mock.ResetRequests,
				Config:    cfg("stars"),
				Check: resource.ComposeTestCheckFunc(
					mockHoldsGift(mock, testAppID, trtcmock.Gift{ID: "rose", Name: "Gift rose", Coins: 10, ExtensionInfo: `{"effect":"stars"}`}, nil),
					giftLogIs(mock, listed, "edit_gift", listed, listed),
				),
			},
			{
				PreConfig:               mock.ResetRequests,
				ResourceName:            giftAddr("rose"),
				ImportState:             true,
				ImportStateId:           "rose",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName:            categoryAddr("hot"),
				ImportState:             true,
				ImportStateId:           "hot",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
	if n := mocktest.Count(mock, trtcapi.GiftService, "get_gift_category"); n != 1 {
		t.Errorf("%d get_gift_category requests, want 1: the import reads the category's ExtensionInfo", n)
	}
}
