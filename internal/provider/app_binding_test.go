package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// Pointing the provider at another app with the state unchanged is
// refused before any request: the plan, a refresh and a destroy fail with
// both SDKAppIDs and the way out, and app B is never called. Pointing the
// provider back at A finds everything as it was.
func TestAccAppBinding_otherAppIsNeverTouched(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mockA := startMock(t)
		mockB := startMock(t)
		p.put(mockB, "https://b.example.com/hook", p.word(2))
		atA := providerBlock(mockA) + p.resource(hookURL, []string{p.word(0)})
		atB := fmt.Sprintf("provider \"trtc\" {\n  sdk_app_id = %d\n  secret_key = %q\n  endpoint   = %q\n}\n",
			mocktest.OtherAppID, mocktest.OtherKey, mockB.URL()) + p.resource(hookURL2, []string{p.word(1)})
		refused := words(fmt.Sprintf("This %s belongs to SDKAppID 1400000000, but the provider is configured for SDKAppID "+
			"1400000001. To protect both apps, nothing was read, written or deleted in either. ... point the provider back "+
			"at it ... terraform state rm %[1]s.<name> ... removed { ... terraform import %[1]s.<name> 1400000001", p.typeName()))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			CheckDestroy:             mockEmpty(mockA, p),
			Steps: []resource.TestStep{
				{Config: atA},
				{Config: atB, PlanOnly: true, ExpectError: refused},
				{Config: atB, ExpectError: refused},
				{Config: atB, Destroy: true, ExpectError: refused},
				{
					Config: atA,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: mockHolds(mockA, p, hookURL, p.word(0)),
				},
			},
		})
		if n := mockB.CountRequests(""); n != 0 {
			t.Errorf("app B's data centre saw %d request(s): %v", n, mocktest.Commands(mockB, ""))
		}
		if err := mockHolds(mockB, p, "https://b.example.com/hook", p.word(2))(nil); err != nil {
			t.Errorf("app B's configuration changed: %v", err)
		}
	})
}
