package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

var appIdentity = map[string]knownvalue.Check{identitySDKAppID: knownvalue.Int64Exact(int64(testAppID))}

// Every operation that returns state sets the identity, and an import
// block can name it instead of an ID; an identity naming another app is
// refused like any other way of reaching it.
func TestAccIdentity_setAndImported(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		t.Run("set and imported", func(t *testing.T) { identitySetAndImported(t, p) })
		t.Run("import block", func(t *testing.T) { identityImportBlock(t, p) })
	})
}

func identitySetAndImported(t *testing.T, p product) {
	mock := startMock(t)
	cfg := providerBlock(mock) + p.resource(hookURL, []string{p.word(0)})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(p.addr(), appIdentity)},
			},
			{
				Config:            providerBlock(mock) + p.resource(hookURL2, []string{p.word(0)}),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(p.addr(), appIdentity)},
			},
			{
				ResourceName:    p.addr(),
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// Adopting a configuration made in the console with an identity import
// block; one naming another app is refused.
func identityImportBlock(t *testing.T, p product) {
	importBlock := func(sdkAppID uint64) string {
		return fmt.Sprintf("import {\n  to = %s\n  identity = {\n    sdk_app_id = %d\n  }\n}\n", p.addr(), sdkAppID)
	}
	mock2 := startMock(t)
	p.put(mock2, hookURL, p.word(0))
	cfg2 := providerBlock(mock2) + p.resource(hookURL, []string{p.word(0)})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config:      cfg2 + importBlock(mocktest.OtherAppID),
				PlanOnly:    true,
				ExpectError: words("The import ID 1400000001 is not the provider's sdk_app_id (1400000000)"),
			},
			{
				Config: cfg2 + importBlock(testAppID),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionNoop)},
				},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(p.addr(), appIdentity)},
			},
		},
	})
	if n := mocktest.Count(mock2, "", "set_callback") + mocktest.Count(mock2, "", "update_callback"); n != 0 {
		t.Errorf("importing wrote %d time(s)", n)
	}
}

// The webhook signing token is a singleton of the app too: the same
// identity, and import by identity. After an import the configured token
// is written once, since neither form of it is in the state yet.
func TestAccIdentity_webhookToken(t *testing.T) {
	mock := startMock(t)
	cfg := providerBlock(mock) + storedToken(hookToken, true)
	adopt := providerBlock(mock) + storedToken(hookToken, false) +
		fmt.Sprintf("import {\n  to = %s\n  identity = {\n    sdk_app_id = %d\n  }\n}\n", tokenAddr, testAppID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(tokenAddr, appIdentity)},
			},
			{
				Config:            providerBlock(mock) + storedToken(hookToken, false),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(tokenAddr, appIdentity)},
			},
			{Config: providerBlock(mock), Destroy: true},
			{
				Config: adopt,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(tokenAddr, appIdentity)},
				Check:             mockHoldsToken(mock, hookToken, false),
			},
		},
	})
}
