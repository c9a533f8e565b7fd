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

// A gift is created with add_gift and one set_gift_language per row, read
// back from the catalogue list; an update sends only what changed: one
// edit_gift for the gift's own fields, a set_gift_language per changed
// row with only the fields that changed, a del_gift_language per removed
// row. It imports by SDKAPPID/GIFT_ID and by GIFT_ID alone, and destroy
// deletes it.
func TestAccGift_lifecycle(t *testing.T) {
	mock := startMock(t)
	rose := trtcmock.Gift{ID: "rose", Name: "Rose", Description: "A red rose", Coins: 10, Level: 1,
		IconURL: "https://cdn.example.com/rose.png", ResourceURL: "https://cdn.example.com/rose.svga"}
	base := []string{`name = "Rose"`, `description = "A red rose"`, `level = 1`,
		`icon_url = "https://cdn.example.com/rose.png"`, `resource_url = "https://cdn.example.com/rose.svga"`}
	cfg := func(coins string, languages string) string {
		return providerBlock(mock) + giftBlock("rose", "rose", append(base, "coins = "+coins, "languages = "+languages)...)
	}
	two := `{
    en        = { name = "Rose", description = "A red rose" }
    "zh-Hans" = { name = "玫瑰" }
  }`
	changed := `{
    en        = { name = "Rose", description = "Red, red rose" }
    "zh-Hant" = { name = "玫瑰" }
  }`
	withCoins := rose
	withCoins.Coins = 20
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		CheckDestroy:             mockHasNoGift(mock, testAppID, "rose"),
		Steps: []resource.TestStep{
			{
				Config: cfg("10", two),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(giftAddr("rose"), tfjsonpath.New("id"), knownvalue.StringExact(testApp+"/rose")),
					statecheck.ExpectKnownValue(giftAddr("rose"), tfjsonpath.New("extension_info"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(giftAddr("rose"), tfjsonpath.New("languages").AtMapKey("zh-Hans").AtMapKey("description"), knownvalue.StringExact("")),
				},
				Check: resource.ComposeTestCheckFunc(
					mockHoldsGift(mock, testAppID, rose, map[string]trtcmock.GiftText{
						"en": {Name: "Rose", Description: "A red rose"}, "zh-Hans": {Name: "玫瑰"},
					}),
					giftLogIs(mock, listed, "add_gift", "set_gift_language:en:Name+Desc", "set_gift_language:zh-Hans:Name", listed, listed),
				),
			},
			{
				PreConfig: mock.ResetRequests,
				Config:    cfg("20", two),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(giftAddr("rose"), plancheck.ResourceActionUpdate)},
				},
				Check: giftLogIs(mock, listed, "edit_gift", listed, listed),
			},
			{
				PreConfig: mock.ResetRequests,
				Config:    cfg("20", changed),
				Check: resource.ComposeTestCheckFunc(
					mockHoldsGift(mock, testAppID, withCoins, map[string]trtcmock.GiftText{
						"en": {Name: "Rose", Description: "Red, red rose"}, "zh-Hant": {Name: "玫瑰"},
					}),
					giftLogIs(mock, listed, "set_gift_language:en:Desc", "set_gift_language:zh-Hant:Name",
						"del_gift_language:zh-Hans", listed, listed),
				),
			},
			{
				// A refresh is one request.
				PreConfig:    mock.ResetRequests,
				RefreshState: true,
				Check:        giftLogIs(mock, listed),
			},
			{
				ResourceName:            giftAddr("rose"),
				ImportState:             true,
				ImportStateId:           testApp + "/rose",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName:            giftAddr("rose"),
				ImportState:             true,
				ImportStateId:           "rose",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

// A create over a gift the app already has with the same gift_id adopts
// it when it is exactly the configured gift, writing nothing, and
// otherwise fails with the import command and blocks, changing nothing.
func TestAccGift_createOverExisting(t *testing.T) {
	t.Run("identical is adopted", func(t *testing.T) {
		mock := startMock(t)
		mock.PutGift(testAppID, trtcmock.Gift{ID: "rose", Name: "Rose", Coins: 10})
		mock.PutGiftLanguage(testAppID, "rose", "en", trtcmock.GiftText{Name: "Rose"})
		cfg := providerBlock(mock) + giftBlock("rose", "rose", `name = "Rose"`, `languages = { en = { name = "Rose" } }`)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: fastGifts(t),
			Steps: []resource.TestStep{
				{Config: cfg, Check: giftLogIs(mock, listed)},
				{Config: cfg, PlanOnly: true},
			},
		})
	})
	t.Run("different is refused", func(t *testing.T) {
		mock := startMock(t)
		held := trtcmock.Gift{ID: "rose", Name: "Rose", Coins: 99}
		mock.PutGift(testAppID, held)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: fastGifts(t),
			Steps: []resource.TestStep{{
				Config: providerBlock(mock) + giftBlock("rose", "rose", `name = "Rose"`),
				ExpectError: words(`Could not create the TUILiveKit gift ... ` +
					`SDKAppID 1400000000 already has a TUILiveKit gift with gift_id "rose", and it is not the configured ` +
					`one: creating this resource would replace it. Nothing was changed. ` +
					`... terraform import trtc_live_gift.<name> 1400000000/rose ` +
					`... import { to = trtc_live_gift.<name> id = "1400000000/rose" } ` +
					`... identity = { sdk_app_id = 1400000000, gift_id = "rose" }`),
			}},
		})
		if err := resource.ComposeTestCheckFunc(mockHoldsGift(mock, testAppID, held, nil), giftLogIs(mock, listed))(nil); err != nil {
			t.Error(err)
		}
	})
}

// Changes made outside Terraform are drift: a changed price or name, or a
// row added, shows in the plan and the apply restores the configuration;
// a gift deleted outside Terraform is planned for creation.
func TestAccGift_drift(t *testing.T) {
	mock := startMock(t)
	rose := trtcmock.Gift{ID: "rose", Name: "Rose", Coins: 10}
	cfg := providerBlock(mock) + giftBlock("rose", "rose", `name = "Rose"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() { mock.PutGift(testAppID, trtcmock.Gift{ID: "rose", Name: "Red rose", Coins: 15}) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(giftAddr("rose"), plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(giftAddr("rose"), tfjsonpath.New("coins"), knownvalue.Int64Exact(10)),
						plancheck.ExpectKnownValue(giftAddr("rose"), tfjsonpath.New("name"), knownvalue.StringExact("Rose")),
					},
				},
				Check: mockHoldsGift(mock, testAppID, rose, nil),
			},
			{
				PreConfig: func() { mock.PutGiftLanguage(testAppID, "rose", "zh-Hans", trtcmock.GiftText{Name: "玫瑰"}) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(giftAddr("rose"), plancheck.ResourceActionUpdate)},
				},
				Check: mockHoldsGift(mock, testAppID, rose, nil),
			},
			{
				PreConfig: func() { mock.DeleteGift(testAppID, "rose") },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(giftAddr("rose"), plancheck.ResourceActionCreate)},
				},
				Check: mockHoldsGift(mock, testAppID, rose, nil),
			},
		},
	})
}

// A new gift_id is another gift: the plan replaces it, the old one is
// deleted and the new one created, and the identity follows.
func TestAccGift_changedIDReplaces(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{Config: providerBlock(mock) + giftBlock("g", "rose")},
			{
				Config: providerBlock(mock) + giftBlock("g", "tulip"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(giftAddr("g"), plancheck.ResourceActionDestroyBeforeCreate),
						// Known at plan time: the create is planned afresh.
						plancheck.ExpectKnownValue(giftAddr("g"), tfjsonpath.New("id"), knownvalue.StringExact(testApp+"/tulip")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(giftAddr("g"), tfjsonpath.New("id"), knownvalue.StringExact(testApp+"/tulip")),
				},
				Check: resource.ComposeTestCheckFunc(
					mockHasNoGift(mock, testAppID, "rose"),
					mockHoldsGift(mock, testAppID, trtcmock.Gift{ID: "tulip", Name: "Gift tulip", Coins: 10}, nil),
				),
			},
		},
	})
}

// Two resources for one gift are refused at plan time, before any
// request: removing either would delete what the other manages.
func TestAccGift_twoResourcesOneGift(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{{
			Config:   providerBlock(mock) + giftBlock("a", "rose", `name = "Rose"`) + giftBlock("b", "rose", `name = "Red rose"`),
			PlanOnly: true,
			ExpectError: words(`Two trtc_live_gift resources in this configuration manage the TUILiveKit gift with gift_id ` +
				`"rose" of SDKAppID 1400000000: one with name = ... one with name = ... It is one object`),
		}},
	})
	if err := noRequests(mock)(nil); err != nil {
		t.Error(err)
	}
}
