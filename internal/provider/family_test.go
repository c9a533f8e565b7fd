package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// One configuration holds every product's webhook for one app: it applies,
// plans empty, and each product's webhook is destroyed on its own while the
// others stay as they are.
func TestAccFamily_allProductsInOneConfiguration(t *testing.T) {
	mock := startMock(t)
	all := products()
	config := func(keep func(product) bool) string {
		var b strings.Builder
		b.WriteString(providerBlock(mock))
		for _, p := range all {
			if keep(p) {
				b.WriteString(p.resource(hookURL, []string{p.word(0), p.word(1)}))
			}
		}
		return b.String()
	}
	everything := func(product) bool { return true }
	holdsAll := func(except string) resource.TestCheckFunc {
		var checks []resource.TestCheckFunc
		for _, p := range all {
			if p.typeSuffix == except {
				checks = append(checks, mockEmpty(mock, p))
			} else {
				checks = append(checks, mockHolds(mock, p, hookURL, p.word(0), p.word(1)))
			}
		}
		return resource.ComposeTestCheckFunc(checks...)
	}
	first := all[0]
	steps := []resource.TestStep{
		{Config: config(everything), Check: holdsAll("")},
		{
			Config:           config(everything),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{
			// Dropping one product's block destroys only that webhook.
			Config: config(func(p product) bool { return p.typeSuffix != first.typeSuffix }),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(first.addr(), plancheck.ResourceActionDestroy)},
			},
			Check: holdsAll(first.typeSuffix),
		},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		CheckDestroy: func(s *terraform.State) error {
			for _, p := range all {
				if err := mockEmpty(mock, p)(s); err != nil {
					return err
				}
			}
			return nil
		},
		Steps: steps,
	})
}
