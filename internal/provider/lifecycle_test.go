package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// The operation's timeout bounds everything it does, settling included.
func TestAccLifecycle_timeoutBoundsTheWholeOperation(t *testing.T) {
	const budget = 3 * time.Second
	// The CLI's own start and the plan before the apply are outside the
	// operation: this much more wall time is allowed for them, on a loaded
	// machine. Settling after the timeout, as before, added 15 s.
	const overhead = 8 * time.Second
	forEachProduct(t, func(t *testing.T, p product) {
		t.Run("hung read", func(t *testing.T) {
			mock := startMock(t)
			mock.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultHang, Times: 100})
			var start time.Time
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					PreConfig:   func() { start = time.Now() },
					Config:      providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}, "timeouts {\n    create = \"3s\"\n  }"),
					ExpectError: words(fmt.Sprintf("TRTC %s/get_callback timed out after 1 attempt(s). ... The operation's timeout ran out.", p.service())),
				}},
			})
			if took := time.Since(start); took > budget+overhead {
				t.Errorf("a %s create timeout took %s", budget, took)
			}
		})
		t.Run("hung write", func(t *testing.T) {
			mock := startMock(t)
			mock.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultHang, Times: 100})
			cfg := providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}, "timeouts {\n    create = \"3s\"\n  }")
			var start time.Time
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{
						// The write may have landed: recorded with a warning,
						// and no time is spent settling past the timeout.
						PreConfig:          func() { start = time.Now() },
						Config:             cfg,
						ExpectNonEmptyPlan: true,
						Check: func(*terraform.State) error {
							if took := time.Since(start); took > budget+overhead {
								return fmt.Errorf("a %s create timeout took %s", budget, took)
							}
							return nil
						},
					},
					{
						// It had not landed: the next plan creates it.
						Config:             cfg,
						PlanOnly:           true,
						ExpectNonEmptyPlan: true,
					},
				},
			})
		})
	})
}
