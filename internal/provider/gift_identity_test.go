package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// A gift's identity is { sdk_app_id, gift_id } and a category's
// { sdk_app_id, category_id }, set by every operation; an import block may
// name it, and one naming an app the provider does not hold is refused.
func TestAccGiftIdentity(t *testing.T) {
	mock := startMock(t)
	mock.PutGift(testAppID, trtcmock.Gift{ID: "star", Name: "Gift star", Coins: 10})
	importBlock := func(app uint64) string {
		return fmt.Sprintf("import {\n  to = trtc_live_gift.star\n  identity = {\n    sdk_app_id = %d\n    gift_id    = \"star\"\n  }\n}\n", app)
	}
	cfg := providerBlock(mock) + giftBlock("rose", "rose") + categoryBlock("hot", "hot", "gift_ids = [trtc_live_gift.rose.gift_id]")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(giftAddr("rose"), giftIdentity(testAppID, "gift_id", "rose")),
					statecheck.ExpectIdentity(categoryAddr("hot"), giftIdentity(testAppID, "category_id", "hot")),
				},
			},
			{
				ResourceName:    giftAddr("rose"),
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				ResourceName:    categoryAddr("hot"),
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				Config:      cfg + giftBlock("star", "star") + importBlock(mocktest.OtherAppID),
				PlanOnly:    true,
				ExpectError: words("The import names SDKAppID 1400000001, which is not the provider's sdk_app_id (1400000000) ... Import 1400000000/star"),
			},
			{
				// Adopting a gift made by hand, by identity: nothing written.
				Config: cfg + giftBlock("star", "star") + importBlock(testAppID),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(giftAddr("star"), plancheck.ResourceActionNoop)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(giftAddr("star"), giftIdentity(testAppID, "gift_id", "star")),
				},
			},
		},
	})
}

// Import IDs are SDKAPPID/GIFT_ID, or GIFT_ID alone for the default app;
// what else is given is refused with what the forms are, before any
// request; a gift the app does not have cannot be imported.
func TestAccGiftImport_ids(t *testing.T) {
	mock := startMock(t)
	cfg := providerBlock(mock) + giftBlock("rose", "rose")
	importStep := func(id, want string) resource.TestStep {
		return resource.TestStep{Config: cfg, ResourceName: giftAddr("rose"), ImportState: true, ImportStateId: id, ExpectError: words(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{Config: cfg},
			importStep("app/rose", `The import ID of trtc_live_gift is SDKAPPID/GIFT_ID, or GIFT_ID alone for the provider's default app; got "app/rose", whose SDKAppID "app"`),
			importStep(testApp+"/", `The import ID of trtc_live_gift is SDKAPPID/GIFT_ID, or GIFT_ID alone for the provider's default app; got "1400000000/", with no gift_id.`),
			importStep("1400000001/rose", `The import names SDKAppID 1400000001, which is not the provider's sdk_app_id (1400000000)`),
			importStep("tulip", `Cannot import non-existent remote object`),
		},
	})
}

// Without a default app, an import ID must name the app.
func TestAccGiftImport_noDefaultApp(t *testing.T) {
	mock := startMock(t)
	provider := fmt.Sprintf("provider \"trtc\" {\n  endpoint = %q\n  apps = [{ sdk_app_id = %d, secret_key = %q }]\n}\n", mock.URL(), testAppID, testKey)
	cfg := provider + giftBlock("rose", "rose", fmt.Sprintf("sdk_app_id = %d", testAppID))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config: cfg, ResourceName: giftAddr("rose"), ImportState: true, ImportStateId: "rose",
				ExpectError: words(`The import ID of trtc_live_gift is SDKAPPID/GIFT_ID: the provider has no default app (no sdk_app_id in its block) for "rose" alone. Its apps are 1400000000.`),
			},
			{
				Config: cfg, ResourceName: giftAddr("rose"), ImportState: true, ImportStateId: testApp + "/rose",
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}
