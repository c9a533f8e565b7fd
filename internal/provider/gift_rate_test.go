package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// At TRTC's own limit, one call per second of each gift command per app,
// and the provider's own spacing (1.1 s), a catalogue applied at
// Terraform's default parallelism and destroyed meets no 100012: each
// command waits its turn, across the provider processes of each plan and
// apply too (gift_pacer.go).
func TestAccGift_realRateLimit(t *testing.T) {
	mock := startMock(t, func(o *trtcmock.Options) { o.GiftRateLimit = time.Second })
	cfg := providerBlock(mock) +
		giftBlock("a", "a", `languages = { en = { name = "A" } }`) + giftBlock("b", "b") + giftBlock("c", "c") +
		categoryBlock("hot", "hot", "gift_ids = [trtc_live_gift.a.gift_id, trtc_live_gift.b.gift_id, trtc_live_gift.c.gift_id]")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: giftProviders(t, 0),
		CheckDestroy:             noRateLimited(mock),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: resource.ComposeTestCheckFunc(
				noRateLimited(mock),
				mockHoldsCategory(mock, testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Category hot"}, nil, "a", "b", "c"),
			),
		}},
	})
}

// noRateLimited checks that TRTC never answered 100012.
func noRateLimited(mock *trtcmock.Server) func(*terraform.State) error {
	return func(*terraform.State) error {
		var limited []string
		for _, r := range mocktest.Requests(mock, trtcapi.GiftService, "") {
			if r.ErrorCode == trtcapi.CodeGiftRateLimited {
				limited = append(limited, r.Time.Format("15:04:05.000")+" "+r.Command)
			}
		}
		if len(limited) > 0 {
			return fmt.Errorf("TRTC answered 100012 to %v", limited)
		}
		return nil
	}
}
