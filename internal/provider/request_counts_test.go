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
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t, func(o *trtcmock.Options) { o.Latency = 50 * time.Millisecond })
		p.put(mock, hookURL, p.word(0))
		var blocks strings.Builder
		for i := range n {
			fmt.Fprintf(&blocks, "data %q \"d%d\" {}\n", p.typeName(), i)
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
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
	})
}

// A create is one read (it never overwrites) and one write, confirmed; an
// update is the plan's refresh and one write, confirmed; a refresh is one
// request; a change to timeouts alone sends nothing.
func TestAccRequestCounts_resource(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{
				{
					Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}),
					Check:  requestsExactly(mock, p, append([]string{"get_callback"}, confirmed("set_callback")...)...),
				},
				{
					PreConfig: mock.ResetRequests,
					Config:    providerBlock(mock) + p.resource(hookURL2, []string{p.word(0)}),
					Check:     requestsExactly(mock, p, append([]string{"get_callback"}, confirmed(p.updateCommand())...)...),
				},
				{
					PreConfig:    mock.ResetRequests,
					RefreshState: true,
					Check:        requestsExactly(mock, p, "get_callback"),
				},
				{
					PreConfig: mock.ResetRequests,
					Config:    providerBlock(mock) + p.resource(hookURL2, []string{p.word(0)}, "timeouts {\n    update = \"7m\"\n  }"),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionUpdate)},
					},
					Check: requestsExactly(mock, p, "get_callback"),
				},
			},
		})
	})
}

// Every request names the provider version and the Terraform version.
func TestAccUserAgent(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + product{liveWebhook}.dataSource(),
			Check: func(*terraform.State) error {
				reqs := mock.Requests()
				if len(reqs) == 0 {
					return fmt.Errorf("no request was made")
				}
				for _, r := range reqs {
					if !regexp.MustCompile(`^terraform-provider-trtc/test \(\+https://registry\.terraform\.io/providers/trtc/trtc\) Terraform/\d+\.\d+`).MatchString(r.UserAgent) {
						return fmt.Errorf("User-Agent = %q", r.UserAgent)
					}
				}
				return nil
			},
		}},
	})
}
