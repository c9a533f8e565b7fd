package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// An app without a TUILiveKit edition answers 102001 to every gift
// command: the error says what the app needs.
func TestAccGift_notLiveKitEdition(t *testing.T) {
	mock := startMock(t, func(o *trtcmock.Options) { o.NoLiveKitEdition = []uint64{testAppID} })
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + giftBlock("rose", "rose"),
			ExpectError: words("Could not create the TUILiveKit gift ... ErrorCode: 102001 ... Hint: SDKAppID 1400000000 " +
				"has no TUILiveKit trial or paid edition, which the gift catalogue needs."),
		}},
	})
	if err := giftLogIs(mock, listed)(nil); err != nil {
		t.Error(err)
	}
}

// Over the package's gift or category count, the error says how many the
// package holds; the objects that fit are created.
func TestAccGift_capacity(t *testing.T) {
	t.Run("gifts", func(t *testing.T) {
		mock := startMock(t, func(o *trtcmock.Options) { o.MaxGifts = 2 })
		cfg := providerBlock(mock) + giftBlock("a", "a") + giftBlock("b", "b") +
			giftBlock("c", "c", "depends_on = [trtc_live_gift.a, trtc_live_gift.b]")
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: fastGifts(t),
			Steps: []resource.TestStep{
				{
					Config: cfg,
					ExpectError: words("Could not create the TUILiveKit gift ... ErrorInfo: gift count exceeds the limit of 2 " +
						"... Hint: the TUILiveKit package of SDKAppID 1400000000 holds at most 2 gifts, and has them all. " +
						"Delete gifts the app no longer needs (data.trtc_live_gifts lists the whole catalogue"),
				},
				{
					RefreshState:       true,
					ExpectNonEmptyPlan: true, // c is still to create
					Check: resource.ComposeTestCheckFunc(
						mockHoldsGift(mock, testAppID, trtcmock.Gift{ID: "a", Name: "Gift a", Coins: 10}, nil),
						mockHoldsGift(mock, testAppID, trtcmock.Gift{ID: "b", Name: "Gift b", Coins: 10}, nil),
						mockHasNoGift(mock, testAppID, "c"),
					),
				},
			},
		})
	})
	t.Run("categories", func(t *testing.T) {
		mock := startMock(t, func(o *trtcmock.Options) { o.MaxCategories = 1 })
		cfg := providerBlock(mock) + categoryBlock("a", "a") + categoryBlock("b", "b", "depends_on = [trtc_live_gift_category.a]")
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: fastGifts(t),
			Steps: []resource.TestStep{{
				Config: cfg,
				ExpectError: words("Could not create the TUILiveKit gift category ... ErrorInfo: category count exceeds " +
					"the limit of 1 ... Hint: the TUILiveKit package of SDKAppID 1400000000 holds 1 category, and has it."),
			}},
		})
	})
}

// A create whose first request gets no answer is settled by reading
// before its language rows are written: when it landed, the write goes on
// and succeeds; when it did not, the resource is recorded with a warning,
// not tainted, and the next plan creates it.
func TestAccGift_uncertainCreate(t *testing.T) {
	cfg := func(mock *trtcmock.Server) string {
		return providerBlock(mock, "max_retries = 0") + giftBlock("rose", "rose", `languages = { en = { name = "Rose" } }`)
	}
	t.Run("landed", func(t *testing.T) {
		mock := startMock(t)
		mock.InjectFault(trtcmock.Fault{Command: "add_gift", Kind: trtcmock.FaultLoseAnswer})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: fastGifts(t),
			Steps: []resource.TestStep{{
				Config: cfg(mock),
				Check: resource.ComposeTestCheckFunc(
					mockHoldsGift(mock, testAppID, trtcmock.Gift{ID: "rose", Name: "Gift rose", Coins: 10},
						map[string]trtcmock.GiftText{"en": {Name: "Rose"}}),
					giftLogIs(mock, listed, "add_gift", listed, listed, "set_gift_language:en:Name", listed, listed),
				),
			}},
		})
	})
	t.Run("never sent", func(t *testing.T) {
		mock := startMock(t)
		mock.InjectFault(trtcmock.Fault{Command: "add_gift", Kind: trtcmock.FaultDrop})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: fastGifts(t),
			Steps: []resource.TestStep{
				{
					// Recorded, not tainted: the refresh after it plans the create.
					Config:             cfg(mock),
					ExpectNonEmptyPlan: true,
					Check:              mockHasNoGift(mock, testAppID, "rose"),
				},
				{
					Config: cfg(mock),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(giftAddr("rose"), plancheck.ResourceActionCreate)},
					},
					Check: mockHoldsGift(mock, testAppID, trtcmock.Gift{ID: "rose", Name: "Gift rose", Coins: 10},
						map[string]trtcmock.GiftText{"en": {Name: "Rose"}}),
				},
			},
		})
	})
}

// A create refused after its gift was added leaves part of it in TRTC: the
// error says so, the resource is tainted, and the next apply replaces it.
func TestAccGift_incompleteCreateIsTainted(t *testing.T) {
	mock := startMock(t)
	mock.InjectFault(trtcmock.Fault{Command: "set_gift_language", Kind: trtcmock.FaultErrorCode, ErrorCode: 100002, ErrorInfo: "Language is refused"})
	cfg := providerBlock(mock) + giftBlock("rose", "rose", `languages = { en = { name = "Rose" } }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ExpectError: words(`ErrorCode: 100002 ErrorInfo: Language is refused ... The TUILiveKit gift "rose" was ` +
					`created, but only 1 of the 2 requests that write it landed, so TRTC holds part of it. It is recorded ` +
					`as tainted: the next apply replaces it`),
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(giftAddr("rose"), plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: mockHoldsGift(mock, testAppID, trtcmock.Gift{ID: "rose", Name: "Gift rose", Coins: 10},
					map[string]trtcmock.GiftText{"en": {Name: "Rose"}}),
			},
		},
	})
}
