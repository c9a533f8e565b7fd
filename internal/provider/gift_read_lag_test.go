package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// TRTC's reads may lag its writes, the catalogue as a whole. While they
// lag, a read after a gift's last request shows the gift as it was before
// that request (without its last language row, or before the update): a
// value the write itself passed through, never another writer's. The
// write waits for a read that shows it, and the plan after is empty.
func TestAccGift_readsLagWrites(t *testing.T) {
	mock := startMock(t, func(o *trtcmock.Options) { o.ReadLag = 2 * time.Second })
	cfg := func(coins, desc string) string {
		return providerBlock(mock) + giftBlock("rose", "rose", "coins = "+coins,
			`languages = { en = { name = "Rose", description = "`+desc+`" }, "zh-Hans" = { name = "玫瑰" } }`)
	}
	rows := func(desc string) map[string]trtcmock.GiftText {
		return map[string]trtcmock.GiftText{"en": {Name: "Rose", Description: desc}, "zh-Hans": {Name: "玫瑰"}}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{Config: cfg("10", "Red"), Check: mockHoldsGift(mock, testAppID, trtcmock.Gift{ID: "rose", Name: "Gift rose", Coins: 10}, rows("Red"))},
			{Config: cfg("20", "Redder"), Check: mockHoldsGift(mock, testAppID, trtcmock.Gift{ID: "rose", Name: "Gift rose", Coins: 20}, rows("Redder"))},
		},
	})
}
