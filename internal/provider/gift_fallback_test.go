package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// Where TRTC refuses get_gift_info_list as an unknown command, gifts and
// categories are read one by one, with the same results: create, refresh,
// a partial update, drift, import and destroy. The list is asked once per
// operation phase.
func TestAccGift_listUnavailable(t *testing.T) {
	mock := startMock(t, func(o *trtcmock.Options) { o.GiftListDisabled = true })
	cfg := func(desc string) string {
		return providerBlock(mock) +
			giftBlock("rose", "rose", `extension_info = jsonencode({ effect = "hearts" })`,
				`languages = { en = { name = "Rose", description = "`+desc+`" } }`) +
			categoryBlock("hot", "hot", `languages = { "zh-Hans" = { name = "热门" } }`, "gift_ids = [trtc_live_gift.rose.gift_id]")
	}
	rose := trtcmock.Gift{ID: "rose", Name: "Gift rose", Coins: 10, ExtensionInfo: `{"effect":"hearts"}`}
	perObject := []string{"get_gift_info_list",
		"get_gift", "get_gift_language:en", "get_gift_language:zh-Hans", "get_gift_language:zh-Hant",
		"get_gift_category", "get_gift_category_language:en", "get_gift_category_language:zh-Hans",
		"get_gift_category_language:zh-Hant", "get_gift_category_relations"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		CheckDestroy: resource.ComposeTestCheckFunc(
			mockHasNoGift(mock, testAppID, "rose"),
		),
		Steps: []resource.TestStep{
			{
				Config: cfg("Red"),
				Check: resource.ComposeTestCheckFunc(
					mockHoldsGift(mock, testAppID, rose, map[string]trtcmock.GiftText{"en": {Name: "Rose", Description: "Red"}}),
					mockHoldsCategory(mock, testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Category hot"},
						map[string]trtcmock.GiftText{"zh-Hans": {Name: "热门"}}, "rose"),
				),
			},
			{
				// A refresh reads each object, its rows and relations, and
				// asks for the list once.
				PreConfig:    mock.ResetRequests,
				RefreshState: true,
				Check:        giftLogHas(mock, perObject...),
			},
			{
				PreConfig: mock.ResetRequests,
				Config:    cfg("Redder"),
				// The plan's refresh as above; the apply asks for the list
				// once more, writes the row and confirms it.
				Check: giftLogHas(mock, append(perObject[:5:5], "set_gift_language:en:Desc", "get_gift_info_list",
					// the two confirmation reads, of the gift alone
					"get_gift", "get_gift_language:en", "get_gift_language:zh-Hans", "get_gift_language:zh-Hant",
					"get_gift", "get_gift_language:en", "get_gift_language:zh-Hans", "get_gift_language:zh-Hant",
					// and the category's refresh
					"get_gift_category", "get_gift_category_language:en", "get_gift_category_language:zh-Hans",
					"get_gift_category_language:zh-Hant", "get_gift_category_relations")...),
			},
			{
				PreConfig: func() { mock.PutGift(testAppID, trtcmock.Gift{ID: "rose", Name: "Gift rose", Coins: 99}) },
				Config:    cfg("Redder"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(giftAddr("rose"), plancheck.ResourceActionUpdate)},
				},
				Check: mockHoldsGift(mock, testAppID, rose, map[string]trtcmock.GiftText{"en": {Name: "Rose", Description: "Redder"}}),
			},
			{
				PreConfig: func() { mock.DeleteGiftCategory(testAppID, "hot") },
				Config:    cfg("Redder"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(categoryAddr("hot"), plancheck.ResourceActionCreate)},
				},
			},
			{
				ResourceName:            giftAddr("rose"),
				ImportState:             true,
				ImportStateId:           "rose",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName:            categoryAddr("hot"),
				ImportState:             true,
				ImportStateId:           testApp + "/hot",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}
