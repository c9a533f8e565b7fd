package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// One catalogue applied to two apps with one provider block: an instance
// per app × gift (count here: the legacy state plugin-testing reads cannot
// hold for_each instances; examples/gift-catalogue uses for_each). Each app gets every gift and the category, with its own
// key, and a refresh reads each app's catalogue once.
func TestAccGift_oneCatalogueTwoApps(t *testing.T) {
	mock := startMock(t)
	cfg := twoAppsBlock(mock) + fmt.Sprintf(`
locals {
  apps  = [%d, %d]
  gifts = {
    rose  = { name = "Rose", coins = 10, languages = { "zh-Hans" = { name = "玫瑰" } } }
    tulip = { name = "Tulip", coins = 5, languages = {} }
  }
  pairs = [for p in setproduct(local.apps, keys(local.gifts)) : { app = p[0], gift = p[1] }]
}

resource "trtc_live_gift" "all" {
  count      = length(local.pairs)
  sdk_app_id = local.pairs[count.index].app
  gift_id    = local.pairs[count.index].gift
  name       = local.gifts[local.pairs[count.index].gift].name
  coins      = local.gifts[local.pairs[count.index].gift].coins
  languages  = local.gifts[local.pairs[count.index].gift].languages
}

resource "trtc_live_gift_category" "hot" {
  count       = length(local.apps)
  sdk_app_id  = local.apps[count.index]
  category_id = "hot"
  name        = "Hot"
  gift_ids    = [for g in trtc_live_gift.all : g.gift_id if g.sdk_app_id == local.apps[count.index]]
}
`, testAppID, mocktest.OtherAppID)
	check := func(app uint64) resource.TestCheckFunc {
		return resource.ComposeTestCheckFunc(
			mockHoldsGift(mock, app, trtcmock.Gift{ID: "rose", Name: "Rose", Coins: 10}, map[string]trtcmock.GiftText{"zh-Hans": {Name: "玫瑰"}}),
			mockHoldsGift(mock, app, trtcmock.Gift{ID: "tulip", Name: "Tulip", Coins: 5}, nil),
			mockHoldsCategory(mock, app, trtcmock.GiftCategory{ID: "hot", Name: "Hot"}, nil, "rose", "tulip"),
		)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(check(testAppID)), mockCheck(check(mocktest.OtherAppID)), mockCheck(eachAppSignsItsOwn(mock))},
			},
			{
				// The plan's refresh reads each app's catalogue once; the
				// apply has nothing to do.
				PreConfig:         mock.ResetRequests,
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(listsPerApp(mock, map[uint64]int{testAppID: 1, mocktest.OtherAppID: 1}))},
			},
		},
	})
}

// eachAppSignsItsOwn checks that every request to an app was signed by
// that app's identifier and key: the mock verifies the UserSig against the
// SDKAppID in the query, so a request signed with another app's key would
// have failed; here, every request succeeded or failed for another reason.
func eachAppSignsItsOwn(mock *trtcmock.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, r := range mocktest.Requests(mock, trtcapi.GiftService, "") {
			if r.ErrorCode == trtcapi.CodeWrongKey || r.ErrorCode == trtcapi.CodeSDKAppIDMismatch {
				return fmt.Errorf("%s to SDKAppID %s was signed for another app (ErrorCode %d)", r.Command, r.SDKAppID, r.ErrorCode)
			}
		}
		return nil
	}
}

// listsPerApp checks how many catalogue lists each app saw.
func listsPerApp(mock *trtcmock.Server, want map[uint64]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := map[uint64]int{}
		for _, r := range mocktest.Requests(mock, trtcapi.GiftService, "get_gift_info_list") {
			var app uint64
			_, _ = fmt.Sscan(r.SDKAppID, &app)
			got[app]++
		}
		for app, n := range want {
			if got[app] != n {
				return fmt.Errorf("SDKAppID %d saw %d list calls, want %d (all: %v)", app, got[app], n, got)
			}
		}
		return nil
	}
}
