package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

const egressAddr = "data.trtc_webhook_egress_ips.this"

func egressBlock(attrs ...string) string { return dataBlock("trtc_webhook_egress_ips", attrs...) }

func cidrList(cidrs ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(cidrs))
	for i, c := range cidrs {
		checks[i] = knownvalue.StringExact(c)
	}
	return knownvalue.ListExact(checks)
}

// getIPList checks that every GetIPList request was for nettype and app.
func getIPList(mock *trtcmock.Server, nettype string, app uint64) resource.TestCheckFunc {
	return func(*terraform.State) error {
		reqs := mocktest.Requests(mock, trtcmock.ServiceConfig, "GetIPList")
		if len(reqs) == 0 {
			return fmt.Errorf("no GetIPList request")
		}
		for _, r := range reqs {
			if r.Query.Get("nettype") != nettype || r.SDKAppID != sdkAppIDString(app) || r.ErrorCode != 0 {
				return fmt.Errorf("GetIPList nettype %q for %s answered %d, want nettype %s for %d",
					r.Query.Get("nettype"), r.SDKAppID, r.ErrorCode, nettype, app)
			}
		}
		return nil
	}
}

// Both scopes, from the mock's default lists (a bare address, blocks, IPv6
// and duplicates written two ways): CIDR blocks, sorted, each once.
func TestAccWebhookEgressIPs_scopes(t *testing.T) {
	for scope, tc := range map[string]struct {
		nettype string
		cidrs   []string
	}{
		// 203.0.113.7, 198.51.100.0/25, 203.0.113.7, 2001:db8:5::/48
		"inside_china": {"5", []string{"198.51.100.0/25", "203.0.113.7/32", "2001:db8:5::/48"}},
		// 192.0.2.10, 192.0.2.128/25, 192.0.2.10/32, 198.51.100.200, 2001:db8:6::1
		"outside_china": {"6", []string{"192.0.2.10/32", "192.0.2.128/25", "198.51.100.200/32", "2001:db8:6::1/128"}},
	} {
		t.Run(scope, func(t *testing.T) {
			mock := startMock(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					Config: providerBlock(mock) + egressBlock(fmt.Sprintf("scope = %q", scope)),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(egressAddr, tfjsonpath.New("cidrs"), cidrList(tc.cidrs...)),
						statecheck.ExpectKnownValue(egressAddr, tfjsonpath.New("sdk_app_id"), knownvalue.Int64Exact(int64(testAppID))),
					},
					Check: getIPList(mock, tc.nettype, testAppID),
				}},
			})
		})
	}
}

// Whatever order and spelling TRTC answers, the list is normalised: blocks
// at their network address, sorted by address then prefix, IPv4 first.
func TestAccWebhookEgressIPs_normalised(t *testing.T) {
	mock := startMock(t, func(o *trtcmock.Options) {
		o.EgressIPs = map[int][]string{5: {
			"2001:db8::1", "203.0.113.200/24", "198.51.100.7", " 198.51.100.7 ", "198.51.100.0/24", "203.0.113.0/24",
			"198.51.100.0/25", "::ffff:192.0.2.1",
		}}
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{{
			Config: providerBlock(mock) + egressBlock(`scope = "inside_china"`),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(egressAddr, tfjsonpath.New("cidrs"), cidrList(
				"198.51.100.0/24", "198.51.100.0/25", "198.51.100.7/32", "203.0.113.0/24", "::ffff:192.0.2.1/128", "2001:db8::1/128",
			))},
		}},
	})
}

// Tencent not having enabled the list is a clear error that says so.
func TestAccWebhookEgressIPs_notEnabled(t *testing.T) {
	mock := startMock(t, func(o *trtcmock.Options) { o.EgressNotEnabled = true })
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{
			{
				Config: providerBlock(mock) + egressBlock(`scope = "outside_china"`),
				ExpectError: words("Webhook egress list not enabled ... Tencent has not enabled the webhook egress list for " +
					"this app outside the Chinese mainland; ask Tencent support to enable it ... SDKAppID 1400000000 has no " +
					`webhook egress list for scope "outside_china" until Tencent enables it.`),
			},
			// The other list is there all the same.
			{Config: providerBlock(mock) + egressBlock(`scope = "inside_china"`)},
		},
	})
}

// sdk_app_id names another app of the provider: the request is that app's,
// signed with its key.
func TestAccWebhookEgressIPs_otherApp(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "trtc" {
  endpoint = %q
  apps = [
    { sdk_app_id = %d, secret_key = %q },
    { sdk_app_id = %d, secret_key = %q },
  ]
}
`, mock.URL(), mocktest.AppID, mocktest.Key, mocktest.OtherAppID, mocktest.OtherKey) +
				egressBlock(`scope = "outside_china"`, fmt.Sprintf("sdk_app_id = %d", mocktest.OtherAppID)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(egressAddr, tfjsonpath.New("sdk_app_id"), knownvalue.Int64Exact(int64(mocktest.OtherAppID))),
				statecheck.ExpectKnownValue(egressAddr, tfjsonpath.New("cidrs"), knownvalue.ListSizeExact(4)),
			},
			Check: getIPList(mock, "6", mocktest.OtherAppID),
		}},
	})
}

func TestAccWebhookEgressIPs_invalidScope(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{
			{Config: providerBlock(mock) + egressBlock(`scope = "global"`), ExpectError: words(`value must be one of: ["inside_china" "outside_china"]`)},
			{Config: providerBlock(mock) + egressBlock(), ExpectError: words(`The argument "scope" is required`)},
		},
	})
	if n := mocktest.Count(mock, "", ""); n != 0 {
		t.Errorf("an invalid scope made %d API request(s)", n)
	}
}
