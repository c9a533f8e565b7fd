package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The data source answers exists and enabled, with or without a token, and
// never carries the token into the state.
func TestAccWebhookTokenDataSource(t *testing.T) {
	mock := startMock(t)
	var seen []byte
	capture := captured{into: &seen}
	cfg := providerBlock(mock) + fmt.Sprintf("\ndata %q \"current\" {}\n", liveWebhookTokenType)
	step := func(set func(), exists, enabled bool) resource.TestStep {
		return resource.TestStep{
			PreConfig: set,
			Config:    cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				capture,
				statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("id"), knownvalue.StringExact(testApp)),
				statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("exists"), knownvalue.Bool(exists)),
				statecheck.ExpectKnownValue(tokenDataAddr, tfjsonpath.New("enabled"), knownvalue.Bool(enabled)),
			},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{
			step(func() {}, false, false),
			step(func() { mock.SetToken(testAppID, consoleToken, true) }, true, true),
			step(func() { mock.SetToken(testAppID, consoleToken, false) }, true, false),
		},
	})
	if len(seen) == 0 {
		t.Fatal("no state was captured")
	}
	if strings.Contains(string(seen), consoleToken) {
		t.Error("the data source put the token in the state")
	}
}
