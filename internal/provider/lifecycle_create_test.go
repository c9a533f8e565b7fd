package provider

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// The create rule: a create that meets a different object, which no run
// deleted and no destroy of this plan holds, is refused at once. It sends
// one read and nothing else (waiting, for lag or for a destroy, would read
// again), writes nothing, and names what the app holds and what this
// configuration would write.
func TestAccCreate_refusedAtOnce(t *testing.T) {
	for _, s := range subjects() {
		t.Run(s.name, func(t *testing.T) {
			mock := startMock(t)
			s.put(mock, 1)
			var start time.Time
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{
						PreConfig: func() {
							mock.ResetRequests()
							start = time.Now()
						},
						Config: providerBlock(mock) + s.resource("this", 2),
						ExpectError: words(fmt.Sprintf("Nothing was changed. ... held: %s ... configured: %s ... "+
							"If another Terraform state manages it, do not import it here", s.shown(1), s.shown(2))),
					},
					{
						// What the refused create sent, and what the app holds.
						Config:   providerBlock(mock),
						PlanOnly: true,
						PreConfig: func() {
							t.Logf("refused in %s (the CLI's plan and apply included)", time.Since(start).Round(10*time.Millisecond))
							if got := mocktest.Commands(mock, s.service); !slices.Equal(got, []string{s.get}) {
								t.Errorf("the refused create sent %v, want exactly one %s", got, s.get)
							}
							if err := s.holds(mock, 1); err != nil {
								t.Error(err)
							}
						},
					},
				},
			})
		})
	}
}

// Adopting what the app already holds, exactly what would be written,
// sends no write: one read, then the reads of a later plan.
func TestAccCreate_adoptsWithoutWriting(t *testing.T) {
	for _, s := range subjects() {
		t.Run(s.name, func(t *testing.T) {
			mock := startMock(t)
			s.put(mock, 1)
			cfg := providerBlock(mock) + s.resource("this", 1)
			noWrites := func(*terraform.State) error {
				for _, c := range mocktest.Commands(mock, s.service) {
					if c != s.get {
						return fmt.Errorf("adopting sent %s, want only %s", c, s.get)
					}
				}
				return s.holds(mock, 1)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{
					{PreConfig: mock.ResetRequests, Config: cfg, Check: noWrites},
					{Config: cfg, PlanOnly: true},
				},
			})
		})
	}
}
