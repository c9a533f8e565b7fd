package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// describe is how the plan's error names a resource holding variant i
// (the kind's describe).
func (s subject) describe(i int) string {
	if s.product == nil {
		return "enabled = true"
	}
	return fmt.Sprintf("url = %q", variantURL(i))
}

// twoResourcesError matches the plan's refusal of two resources, holding
// variants i and j, for one object: naming both, in either order.
func (s subject) twoResourcesError(i, j int) *regexp.Regexp {
	msg := func(first, second int) string {
		return words(fmt.Sprintf("Two resources manage one object ... Two %s resources in this configuration manage "+
			"its ... of SDKAppID 1400000000: one with %s, one with %s.", s.typeName, s.describe(first), s.describe(second))).String()
	}
	return regexp.MustCompile(msg(i, j) + "|" + msg(j, i))
}

// Two resources planned for one singleton in one configuration fail the
// plan, before any request, naming both: two resources, and one resource
// with count = 2. What is not two resources for one object plans and
// applies: a rename without a moved block (the old address is destroyed,
// not planned), and two resources for two apps of one provider (apps).
func TestAccPlan_twoResourcesForOneObject(t *testing.T) {
	for _, s := range subjects() {
		t.Run(s.name, func(t *testing.T) {
			noRequests := func(t *testing.T, mock *trtcmock.Server) {
				t.Helper()
				if got := mocktest.Commands(mock, s.service); len(got) != 0 {
					t.Errorf("the refused plan sent %v", got)
				}
			}
			t.Run("two resources", func(t *testing.T) {
				mock := startMock(t)
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(t),
					Steps: []resource.TestStep{{
						Config:      providerBlock(mock) + s.resource("a", 1) + s.resource("b", 2),
						ExpectError: s.twoResourcesError(1, 2),
					}},
				})
				noRequests(t, mock)
			})
			t.Run("count = 2", func(t *testing.T) {
				mock := startMock(t)
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(t),
					Steps: []resource.TestStep{{
						Config:      providerBlock(mock) + s.resource("this", 1, "count = 2"),
						ExpectError: s.twoResourcesError(1, 1),
					}},
				})
				noRequests(t, mock)
			})
			t.Run("rename without moved", func(t *testing.T) {
				mock := startMock(t)
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(t),
					Steps: []resource.TestStep{
						{Config: providerBlock(mock) + s.resource("old", 1)},
						{
							Config: providerBlock(mock) + s.resource("new", 1),
							ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
								plancheck.ExpectResourceAction(s.addr("old"), plancheck.ResourceActionDestroy),
								plancheck.ExpectResourceAction(s.addr("new"), plancheck.ResourceActionCreate),
							}},
							Check: s.holdsCheck(mock, 1),
						},
						{Config: providerBlock(mock) + s.resource("new", 1), PlanOnly: true},
					},
				})
			})
			t.Run("two apps", func(t *testing.T) {
				mock := startMock(t)
				cfg := providerBlock(mock, fmt.Sprintf("apps = [{ sdk_app_id = %d, secret_key = %q }]", mocktest.OtherAppID, mocktest.OtherKey)) +
					s.resource("a", 1) + s.resource("b", 2, fmt.Sprintf("sdk_app_id = %d", mocktest.OtherAppID))
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(t),
					Steps: []resource.TestStep{
						{
							Config: cfg,
							Check: func(*terraform.State) error {
								if a, b := s.held(mock, 1), s.heldIn(mock, mocktest.OtherAppID, 2); a != 1 || b != 2 {
									return fmt.Errorf("the two apps hold variants %d and %d, want 1 and 2", a, b)
								}
								return nil
							},
						},
						{Config: cfg, PlanOnly: true},
					},
				})
			})
		})
	}
}
