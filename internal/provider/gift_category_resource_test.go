package provider

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// A category is created with its rows and relations; an update sends only
// what changed, relations by exactly the difference; it imports by ID.
func TestAccGiftCategory_lifecycle(t *testing.T) {
	mock := startMock(t)
	gifts := giftBlock("a", "a") + giftBlock("b", "b") + giftBlock("c", "c")
	cfg := func(name, desc string, ids ...string) string {
		refs := make([]string, len(ids))
		for i, id := range ids {
			refs[i] = "trtc_live_gift." + id + ".gift_id"
		}
		return providerBlock(mock) + gifts + categoryBlock("hot", "hot", fmt.Sprintf("name = %q", name),
			fmt.Sprintf(`languages = { en = { name = "Hot", description = %q }, "zh-Hans" = { name = "热门" } }`, desc),
			fmt.Sprintf("gift_ids = [%s]", joinComma(refs)))
	}
	rows := func(desc string) map[string]trtcmock.GiftText {
		return map[string]trtcmock.GiftText{"en": {Name: "Hot", Description: desc}, "zh-Hans": {Name: "热门"}}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{
				Config: cfg("Hot", "The most sent", "a", "b"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(categoryAddr("hot"), tfjsonpath.New("id"), knownvalue.StringExact(testApp+"/hot")),
					statecheck.ExpectKnownValue(categoryAddr("hot"), tfjsonpath.New("gift_ids"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("a"), knownvalue.StringExact("b")})),
				},
				Check: mockHoldsCategory(mock, testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Hot"}, rows("The most sent"), "a", "b"),
			},
			{
				PreConfig: mock.ResetRequests,
				Config:    cfg("Hot", "Sent most", "b", "c"),
				Check: resource.ComposeTestCheckFunc(
					mockHoldsCategory(mock, testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Hot"}, rows("Sent most"), "b", "c"),
					giftLogIs(mock, listed, "set_gift_category_language:en:Desc", "del_gift_category_relations:a",
						"add_gift_category_relations:c", listed, listed),
				),
			},
			{
				PreConfig: mock.ResetRequests,
				Config:    cfg("Trending", "Sent most", "b", "c"),
				Check: resource.ComposeTestCheckFunc(
					mockHoldsCategory(mock, testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Trending"}, rows("Sent most"), "b", "c"),
					giftLogIs(mock, listed, "edit_gift_category", listed, listed),
				),
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

// Deleting a gift removes it from every category in TRTC. Removed from the
// configuration along with the category's reference to it, the gift is
// deleted (Terraform destroys before it updates) and the category's update
// finds nothing left to remove. Deleted while a category still lists it,
// or outside Terraform, the category shows it missing as drift, not as an
// error, and the next apply restores what it can.
func TestAccGiftCategory_cascade(t *testing.T) {
	mock := startMock(t)
	category := func(ids string) string { return categoryBlock("hot", "hot", "gift_ids = "+ids) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{
				Config: providerBlock(mock) + giftBlock("a", "a") + giftBlock("b", "b") +
					category("[trtc_live_gift.a.gift_id, trtc_live_gift.b.gift_id]"),
				Check: mockHoldsCategory(mock, testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Category hot"}, nil, "a", "b"),
			},
			{
				// b leaves the configuration with the category's reference:
				// Terraform deletes b first, which removes it from the
				// category, whose update then finds it gone: no error.
				PreConfig: mock.ResetRequests,
				Config:    providerBlock(mock) + giftBlock("a", "a") + category("[trtc_live_gift.a.gift_id]"),
				Check: resource.ComposeTestCheckFunc(
					mockHasNoGift(mock, testAppID, "b"),
					mockHoldsCategory(mock, testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Category hot"}, nil, "a"),
					inOrder(mock, "del_gift", "del_gift_category_relations:b"),
				),
			},
			{
				// A gift deleted outside Terraform: created again, and the
				// category, which shows it missing, lists it again.
				PreConfig: func() { mock.DeleteGift(testAppID, "a") },
				Config:    providerBlock(mock) + giftBlock("a", "a") + category("[trtc_live_gift.a.gift_id]"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(giftAddr("a"), plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(categoryAddr("hot"), plancheck.ResourceActionUpdate),
					},
				},
				Check: mockHoldsCategory(mock, testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Category hot"}, nil, "a"),
			},
			{
				// The gift's resource goes, but the category still names it:
				// the delete cascades, and the next plan shows the category's
				// drift rather than failing.
				Config:             providerBlock(mock) + category(`["a"]`),
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(categoryAddr("hot"), plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(categoryAddr("hot"), tfjsonpath.New("gift_ids"),
							knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("a")})),
					},
				},
				Check: mockHoldsCategory(mock, testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Category hot"}, nil),
			},
		},
	})
}

// inOrder checks that the first request described as before came before
// the first described as after (as giftLog describes them, or by command).
func inOrder(mock *trtcmock.Server, before, after string) func(*terraform.State) error {
	return func(*terraform.State) error {
		log := giftLog(mock)
		i := slices.IndexFunc(log, func(s string) bool { return s == before || commandOf(s) == before })
		j := slices.IndexFunc(log, func(s string) bool { return s == after || commandOf(s) == after })
		if i < 0 || j < 0 || i > j {
			return fmt.Errorf("want %s before %s, got %v", before, after, log)
		}
		return nil
	}
}

func commandOf(described string) string {
	for i, r := range described {
		if r == ':' {
			return described[:i]
		}
	}
	return described
}

func joinComma(items []string) string {
	out := ""
	for i, s := range items {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}

// A create over a category with the same ID adopts an identical one and
// refuses a different one with the import instructions.
func TestAccGiftCategory_createOverExisting(t *testing.T) {
	t.Run("identical is adopted", func(t *testing.T) {
		mock := startMock(t)
		mock.PutGift(testAppID, trtcmock.Gift{ID: "a", Name: "Gift a", Coins: 10})
		mock.PutGiftCategory(testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Hot"})
		mock.SetRelations(testAppID, "hot", []string{"a"})
		cfg := providerBlock(mock) + categoryBlock("hot", "hot", `name = "Hot"`, `gift_ids = ["a"]`)
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
		mock.PutGiftCategory(testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Hot"})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: fastGifts(t),
			Steps: []resource.TestStep{{
				Config: providerBlock(mock) + categoryBlock("hot", "hot", `name = "Trending"`),
				ExpectError: words(`SDKAppID 1400000000 already has a TUILiveKit gift category with category_id "hot", ` +
					`and it is not the configured one ... terraform import trtc_live_gift_category.<name> 1400000000/hot`),
			}},
		})
		if err := giftLogIs(mock, listed)(nil); err != nil {
			t.Error(err)
		}
	})
}
