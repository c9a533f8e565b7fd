package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

const giftsData = "data.trtc_live_gifts.all"

// seedCatalogue puts two gifts, rows and a category out of band.
func seedCatalogue(mock *trtcmock.Server) {
	mock.PutGift(testAppID, trtcmock.Gift{ID: "rose", Name: "Rose", Description: "Red", Coins: 10, Level: 2,
		IconURL: "https://cdn.example.com/rose.png", ResourceURL: "https://cdn.example.com/rose.svga", ExtensionInfo: `{"k":1}`})
	mock.PutGift(testAppID, trtcmock.Gift{ID: "tulip", Name: "Tulip", Coins: 5})
	mock.PutGiftLanguage(testAppID, "rose", "zh-Hans", trtcmock.GiftText{Name: "玫瑰", Description: "红"})
	mock.PutGiftCategory(testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Hot", Description: "Most sent"})
	mock.PutCategoryLanguage(testAppID, "hot", "en", trtcmock.GiftText{Name: "Hot"})
	mock.SetRelations(testAppID, "hot", []string{"tulip", "rose"})
}

// The data source reads the whole catalogue in one request: gifts with
// their rows, categories with their rows and gifts in TRTC's order, and
// every ID. ExtensionInfo is null where the list does not return it.
func TestAccGiftsDataSource_readsTheCatalogue(t *testing.T) {
	for name, extListed := range map[string]bool{"ExtensionInfo listed": true, "ExtensionInfo not listed": false} {
		t.Run(name, func(t *testing.T) {
			mock := startMock(t, func(o *trtcmock.Options) { o.GiftListExtensionInfo = extListed })
			seedCatalogue(mock)
			var ext knownvalue.Check = knownvalue.Null()
			if extListed {
				ext = knownvalue.StringExact(`{"k":1}`)
			}
			gift := tfjsonpath.New("gifts").AtSliceIndex(0)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: fastGifts(t),
				Steps: []resource.TestStep{{
					Config: providerBlock(mock) + "data \"trtc_live_gifts\" \"all\" {}\n",
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(giftsData, tfjsonpath.New("id"), knownvalue.StringExact(testApp)),
						statecheck.ExpectKnownValue(giftsData, tfjsonpath.New("gift_ids"),
							knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("rose"), knownvalue.StringExact("tulip")})),
						statecheck.ExpectKnownValue(giftsData, tfjsonpath.New("category_ids"),
							knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("hot")})),
						statecheck.ExpectKnownValue(giftsData, gift, knownvalue.ObjectExact(map[string]knownvalue.Check{
							"gift_id": knownvalue.StringExact("rose"), "name": knownvalue.StringExact("Rose"),
							"description": knownvalue.StringExact("Red"), "coins": knownvalue.Int64Exact(10),
							"level": knownvalue.Int64Exact(2), "icon_url": knownvalue.StringExact("https://cdn.example.com/rose.png"),
							"resource_url":   knownvalue.StringExact("https://cdn.example.com/rose.svga"),
							"extension_info": ext,
							"languages": knownvalue.MapExact(map[string]knownvalue.Check{"zh-Hans": knownvalue.ObjectExact(map[string]knownvalue.Check{
								"name": knownvalue.StringExact("玫瑰"), "description": knownvalue.StringExact("红"),
							})}),
						})),
						statecheck.ExpectKnownValue(giftsData, tfjsonpath.New("categories").AtSliceIndex(0).AtMapKey("gift_ids"),
							knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("tulip"), knownvalue.StringExact("rose")})),
						statecheck.ExpectKnownValue(giftsData, tfjsonpath.New("categories").AtSliceIndex(0).AtMapKey("languages"),
							knownvalue.MapSizeExact(1)),
					},
					Check: giftLogIs(mock, listed),
				}},
			})
		})
	}
}

// The data source and the app's gift resources share the plan's one
// catalogue read.
func TestAccGiftsDataSource_sharesTheRead(t *testing.T) {
	mock := startMock(t)
	cfg := providerBlock(mock) + giftBlock("a", "a") + giftBlock("b", "b") + giftBlock("c", "c") +
		"data \"trtc_live_gifts\" \"all\" {}\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig:    mock.ResetRequests,
				RefreshState: true,
				Check: resource.ComposeTestCheckFunc(
					giftLogIs(mock, listed),
					resource.TestCheckResourceAttr(giftsData, "gift_ids.#", "3"),
				),
			},
		},
	})
}

// Where the list is refused, the catalogue cannot be listed: the error
// says so, and that the resources still work; an app without the edition
// is told what it needs.
func TestAccGiftsDataSource_errors(t *testing.T) {
	t.Run("no list", func(t *testing.T) {
		mock := startMock(t, func(o *trtcmock.Options) { o.GiftListDisabled = true })
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: fastGifts(t),
			Steps: []resource.TestStep{{
				Config: providerBlock(mock) + "data \"trtc_live_gifts\" \"all\" {}\n",
				ExpectError: words("Could not read the TUILiveKit gift catalogue ... ErrorCode: 60009 ... TRTC refused " +
					"get_gift_info_list, the only way to list the catalogue, as an unknown command for SDKAppID 1400000000, " +
					"so the catalogue cannot be listed. trtc_live_gift and trtc_live_gift_category resources still work"),
			}},
		})
	})
	t.Run("no edition", func(t *testing.T) {
		mock := startMock(t, func(o *trtcmock.Options) { o.NoLiveKitEdition = []uint64{testAppID} })
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: fastGifts(t),
			Steps: []resource.TestStep{{
				Config:      providerBlock(mock) + "data \"trtc_live_gifts\" \"all\" {}\n",
				ExpectError: words("ErrorCode: 102001 ... has no TUILiveKit trial or paid edition"),
			}},
		})
	})
}
