package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// The cost floor: one request per read, at Terraform's full parallelism,
// over reused connections.
func TestAccRequestCounts_oneRequestPerDataSourceRead(t *testing.T) {
	const n = 20
	mock := startMock(t, func(o *trtcmock.Options) { o.Latency = 50 * time.Millisecond })
	mock.SetConfig(testAppID, service, trtcmock.Config{URL: hookURL, Commands: []string{cmdCreate}})
	var blocks strings.Builder
	for i := range n {
		fmt.Fprintf(&blocks, "data \"trtc_live_webhook\" \"d%d\" {}\n", i)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + blocks.String(),
			Check: func(*terraform.State) error {
				st := mock.Stats()
				switch {
				case st.Requests != n:
					return fmt.Errorf("%d data sources made %d requests, want %d", n, st.Requests, n)
				case st.MaxInFlight < 5:
					return fmt.Errorf("at most %d requests were in flight: reads are serialised", st.MaxInFlight)
				case st.Connections > 10:
					return fmt.Errorf("%d connections for %d reads at parallelism 10: keep-alive is not reusing them", st.Connections, n)
				}
				return nil
			},
		}},
	})
}

// A create is one read (it never overwrites) and one write; an update is
// the plan's refresh and one write; a refresh is one request.
func TestAccRequestCounts_resource(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(mock) + webhookConfig(hookURL, cmdCreate),
				Check:  requestsExactly(mock, "get_callback", "set_callback"),
			},
			{
				PreConfig: mock.ResetRequests,
				Config:    providerBlock(mock) + webhookConfig(hookURL2, cmdCreate),
				Check:     requestsExactly(mock, "get_callback", "update_callback"),
			},
			{
				PreConfig:    mock.ResetRequests,
				RefreshState: true,
				Check:        requestsExactly(mock, "get_callback"),
			},
			{
				// A change to timeouts alone is an update that sends nothing.
				PreConfig: mock.ResetRequests,
				Config: providerBlock(mock) + `
resource "trtc_live_webhook" "this" {
  url               = "` + hookURL2 + `"
  callback_commands = ["` + cmdCreate + `"]
  timeouts {
    update = "7m"
  }
}`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: requestsExactly(mock, "get_callback"),
			},
		},
	})
}

// Every request names the provider version and the Terraform version.
func TestAccUserAgent(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + `data "trtc_live_webhook" "current" {}`,
			Check: func(*terraform.State) error {
				for _, r := range mock.Requests() {
					if !regexp.MustCompile(`^terraform-provider-trtc/test \(\+https://registry\.terraform\.io/providers/trtc/trtc\) Terraform/\d+\.\d+`).MatchString(r.UserAgent) {
						return fmt.Errorf("User-Agent = %q", r.UserAgent)
					}
				}
				return nil
			},
		}},
	})
}

// requestsExactly checks the commands the mock saw since its last reset.
func requestsExactly(mock *trtcmock.Server, commands ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		var got []string
		for _, r := range mock.Requests() {
			got = append(got, r.Command)
		}
		if strings.Join(got, ",") != strings.Join(commands, ",") {
			return fmt.Errorf("requests = %v, want exactly %v", got, commands)
		}
		return nil
	}
}
