package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccWebhookDataSource_present(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		p.put(mock, hookURL, p.word(1), p.word(0))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config: providerBlock(mock) + p.dataSource(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(p.dataAddr(), tfjsonpath.New("id"), knownvalue.StringExact(testApp)),
					statecheck.ExpectKnownValue(p.dataAddr(), tfjsonpath.New("exists"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(p.dataAddr(), tfjsonpath.New("url"), knownvalue.StringExact(hookURL)),
					statecheck.ExpectKnownValue(p.dataAddr(), tfjsonpath.New("callback_commands"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(p.word(0)), knownvalue.StringExact(p.word(1))})),
				},
				Check: countRequests(mock, p, "get_callback", 1),
			}},
		})
	})
}

// With no configuration the data source succeeds, so a module can branch
// on exists or assert it in a postcondition.
func TestAccWebhookDataSource_absent(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		message := fmt.Sprintf("TRTC %s webhooks are not configured for this app.", p.title)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{
				{
					Config: providerBlock(mock) + p.dataSource(),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(p.dataAddr(), tfjsonpath.New("id"), knownvalue.StringExact(testApp)),
						statecheck.ExpectKnownValue(p.dataAddr(), tfjsonpath.New("exists"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(p.dataAddr(), tfjsonpath.New("url"), knownvalue.Null()),
						statecheck.ExpectKnownValue(p.dataAddr(), tfjsonpath.New("callback_commands"), knownvalue.SetSizeExact(0)),
					},
				},
				{
					Config: providerBlock(mock) + p.dataSource(fmt.Sprintf(`lifecycle {
    postcondition {
      condition     = self.exists
      error_message = %q
    }
  }`, message)),
					ExpectError: words(message),
				},
			},
		})
	})
}

// The data source follows the resource it depends on.
func TestAccWebhookDataSource_readsManagedConfiguration(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}) +
					p.dataSource(fmt.Sprintf("depends_on = [%s]", p.addr())),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(p.dataAddr(), tfjsonpath.New("exists"), knownvalue.Bool(true)),
					statecheck.CompareValuePairs(p.dataAddr(), tfjsonpath.New("url"), p.addr(), tfjsonpath.New("url"), compare.ValuesSame()),
				},
			}},
		})
	})
}
