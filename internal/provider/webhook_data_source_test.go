package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

const dataAddr = "data.trtc_live_webhook.current"

func TestAccLiveWebhookDataSource_present(t *testing.T) {
	mock := startMock(t)
	mock.SetConfig(testAppID, service, trtcmock.Config{URL: hookURL, Commands: []string{cmdDestroy, cmdCreate}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + `data "trtc_live_webhook" "current" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("id"), knownvalue.StringExact("1400000000")),
				statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("exists"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("url"), knownvalue.StringExact(hookURL)),
				statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("callback_commands"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(cmdCreate), knownvalue.StringExact(cmdDestroy)})),
			},
		}},
	})
}

// With no configuration the data source succeeds, so a module can branch
// on exists or assert it in a postcondition.
func TestAccLiveWebhookDataSource_absent(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(mock) + `data "trtc_live_webhook" "current" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("id"), knownvalue.StringExact("1400000000")),
					statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("exists"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("url"), knownvalue.Null()),
					statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("callback_commands"), knownvalue.SetSizeExact(0)),
				},
			},
			{
				Config: providerBlock(mock) + `
data "trtc_live_webhook" "current" {
  lifecycle {
    postcondition {
      condition     = self.exists
      error_message = "TRTC Live webhooks are not configured for this app."
    }
  }
}`,
				ExpectError: words("TRTC Live webhooks are not configured for this app."),
			},
		},
	})
}

// The data source follows the resource it depends on.
func TestAccLiveWebhookDataSource_readsManagedConfiguration(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + webhookConfig(hookURL, cmdCreate) + `
data "trtc_live_webhook" "current" {
  depends_on = [trtc_live_webhook.this]
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("exists"), knownvalue.Bool(true)),
				statecheck.CompareValuePairs(dataAddr, tfjsonpath.New("url"), addr, tfjsonpath.New("url"), compare.ValuesSame()),
			},
		}},
	})
}
