package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// Create, no-op, update in place, import and destroy, for every product.
// Call has no update_callback: its update is a set_callback of the whole
// configuration.
func TestAccWebhook_lifecycle(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		w0, w1, w2 := p.word(0), p.word(1), p.word(2)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			CheckDestroy:             mockEmpty(mock, p),
			Steps: []resource.TestStep{
				{
					Config: providerBlock(mock) + p.resource(hookURL, []string{w0, w1}),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionCreate)},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(p.addr(), tfjsonpath.New("id"), knownvalue.StringExact(testApp)),
						statecheck.ExpectKnownValue(p.addr(), tfjsonpath.New("url"), knownvalue.StringExact(hookURL)),
						statecheck.ExpectKnownValue(p.addr(), tfjsonpath.New("callback_commands"),
							knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(w0), knownvalue.StringExact(w1)})),
					},
					Check: resource.ComposeTestCheckFunc(
						mockHolds(mock, p, hookURL, w0, w1),
						countRequests(mock, p, "set_callback", 1),
					),
				},
				{
					// The same configuration in another order: nothing to do.
					Config: providerBlock(mock) + p.resource(hookURL, []string{w1, w0}),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
				},
				{
					PreConfig: mock.ResetRequests,
					Config:    providerBlock(mock) + p.resource(hookURL2, []string{w0, w2}),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionUpdate)},
					},
					Check: resource.ComposeTestCheckFunc(
						mockHolds(mock, p, hookURL2, w0, w2),
						requestsExactly(mock, p, append([]string{"get_callback"}, confirmed(p.updateCommand())...)...),
					),
				},
				{
					ResourceName:            p.addr(),
					ImportState:             true,
					ImportStateId:           testApp,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"timeouts"},
				},
			},
		})
	})
}

// TRTC may return the command words in any order; a set absorbs it.
func TestAccWebhook_serverOrderIsNoDiff(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t, func(o *trtcmock.Options) { o.ShuffleCommands = true })
		cfg := providerBlock(mock) + p.resource(hookURL, p.words(3))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{
				{Config: cfg},
				{
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: countRequests(mock, p, "set_callback", 1),
				},
			},
		})
	})
}

// Someone edits the configuration in the console: the plan shows the drift
// (terraform plan -detailed-exitcode exits 2), and apply restores it.
func TestAccWebhook_changedOutOfBand(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		cfg := providerBlock(mock) + p.resource(hookURL, []string{p.word(0), p.word(1)})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{
				{Config: cfg},
				{
					PreConfig:          func() { p.put(mock, "https://console.example.com/hook", p.word(2)) },
					Config:             cfg,
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
				},
				{
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(p.addr(), tfjsonpath.New("url"), knownvalue.StringExact(hookURL)),
						},
					},
					Check: mockHolds(mock, p, hookURL, p.word(0), p.word(1)),
				},
			},
		})
	})
}

// Deleted in the console: the plan creates it again.
func TestAccWebhook_deletedOutOfBand(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		cfg := providerBlock(mock) + p.resource(hookURL, []string{p.word(0)})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{
				{Config: cfg},
				{
					PreConfig: func() { mock.DeleteConfig(testAppID, p.service()) },
					Config:    cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(p.addr(), plancheck.ResourceActionCreate)},
					},
					Check: mockHolds(mock, p, hookURL, p.word(0)),
				},
			},
		})
	})
}

// Creating over a different configuration fails, tells the user how to
// adopt it, and changes nothing — whether set_callback would refuse
// (100300) or silently overwrite, as Call's does. The existing one is given
// the read-lag window to prove it is not a lagging read of a delete.
func TestAccWebhook_createOverExistingRefused(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t, func(o *trtcmock.Options) { o.SetOverwrites = true })
		p.put(mock, "https://console.example.com/hook", p.word(2))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config: providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}),
				ExpectError: words(fmt.Sprintf(`SDKAppID 1400000000 already has a different %s webhook configuration, and `+
					`creating one would replace it. Nothing was changed. ... terraform import %[2]s.<name> 1400000000`+
					` ... import { to = %[2]s.<name> id = "1400000000" }`, p.title, p.typeName())),
			}},
		})
		if err := mockHolds(mock, p, "https://console.example.com/hook", p.word(2))(nil); err != nil {
			t.Error(err)
		}
		if n := mocktest.Count(mock, p.service(), "set_callback"); n != 0 {
			t.Errorf("set_callback sent %d time(s) over an existing configuration", n)
		}
	})
}

// A create that finds exactly the configuration it is about to write
// overwrites nothing: it adopts it, whether set_callback answers 100300 or
// overwrites. The mock ends with one configuration, unchanged.
func TestAccWebhook_createOverIdenticalAdopts(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		for name, overwrites := range map[string]bool{"set refuses": false, "set overwrites": true} {
			t.Run(name, func(t *testing.T) {
				mock := startMock(t, func(o *trtcmock.Options) { o.SetOverwrites = overwrites })
				p.put(mock, hookURL, p.word(1), p.word(0))
				cfg := providerBlock(mock) + p.resource(hookURL, []string{p.word(0), p.word(1)})
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(t),
					Steps: []resource.TestStep{
						{Config: cfg, Check: mockHolds(mock, p, hookURL, p.word(0), p.word(1))},
						{Config: cfg, PlanOnly: true},
					},
				})
			})
		}
	})
}

func TestAccWebhook_import(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		p.put(mock, hookURL, p.word(1), p.word(0))
		cfg := providerBlock(mock) + p.resource(hookURL, []string{p.word(0), p.word(1)})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{
				{
					Config:             cfg,
					ResourceName:       p.addr(),
					ImportState:        true,
					ImportStateId:      testApp,
					ImportStatePersist: true,
					ImportStateCheck: func(states []*terraform.InstanceState) error {
						if len(states) != 1 || states[0].Attributes["url"] != hookURL || states[0].Attributes["callback_commands.#"] != "2" {
							return fmt.Errorf("imported %+v", states)
						}
						return nil
					},
				},
				{
					// Adopted: the configuration matches, nothing to do.
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
				},
				{Config: cfg, ResourceName: p.addr(), ImportState: true, ImportStateId: "1400000001",
					ExpectError: words(`The import ID 1400000001 is not the provider's sdk_app_id (1400000000)`)},
				{Config: cfg, ResourceName: p.addr(), ImportState: true, ImportStateId: "live",
					ExpectError: words(`is the app's SDKAppID, which must be a whole number from 1 to 4294967295, such as 1400000000; got "live"`)},
				{Config: cfg, ResourceName: p.addr(), ImportState: true, ImportStateId: "4294967296",
					ExpectError: words(`must be a whole number from 1 to 4294967295, such as 1400000000; got "4294967296"`)},
			},
		})
		if n := mocktest.Count(mock, "", "set_callback") + mocktest.Count(mock, "", "update_callback"); n != 0 {
			t.Errorf("importing and adopting wrote %d time(s)", n)
		}
	})
}

func TestAccWebhook_importMissing(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config:        providerBlock(mock) + p.resource(hookURL, []string{p.word(0)}),
				ResourceName:  p.addr(),
				ImportState:   true,
				ImportStateId: testApp,
				ExpectError:   regexp.MustCompile(`(?i)cannot\s+import\s+non-existent\s+remote\s+object`),
			}},
		})
	})
}

// Destroy after the configuration was deleted outside Terraform: the
// refresh finds it gone and there is nothing left to do.
func TestAccWebhook_destroyAlreadyDeleted(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		cfg := providerBlock(mock) + p.resource(hookURL, []string{p.word(0)})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			CheckDestroy:             mockEmpty(mock, p),
			Steps: []resource.TestStep{
				{Config: cfg},
				{
					PreConfig: func() { mock.DeleteConfig(testAppID, p.service()) },
					Config:    cfg,
					Destroy:   true,
				},
			},
		})
		if n := mocktest.Count(mock, p.service(), "delete_callback"); n != 0 {
			t.Errorf("delete_callback sent %d time(s) for a configuration already gone", n)
		}
	})
}

// delete_callback on a configuration that is already gone is success,
// whichever of its two undocumented answers TRTC gives. Here the first
// delete's answer is lost, so the retry meets the configuration gone.
func TestAccWebhook_deleteMeetsAlreadyGone(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		for name, code := range map[string]int{"delete answers 0": 0, "delete answers 100301": 100301} {
			t.Run(name, func(t *testing.T) {
				mock := startMock(t, func(o *trtcmock.Options) { o.DeleteMissingCode = code })
				cfg := providerBlock(mock) + p.resource(hookURL, []string{p.word(0)})
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders(t),
					CheckDestroy:             mockEmpty(mock, p),
					Steps: []resource.TestStep{
						{Config: cfg},
						{
							PreConfig: func() {
								mock.InjectFault(trtcmock.Fault{Command: "delete_callback", Kind: trtcmock.FaultLoseAnswer})
							},
							Config:  cfg,
							Destroy: true,
						},
					},
				})
				if got, want := mocktest.Answers(mock, p.service(), "delete_callback"), []int{0, code}; !slices.Equal(got, want) {
					t.Errorf("delete_callback answers = %v, want %v (lost, then already gone)", got, want)
				}
			})
		}
	})
}

// One configuration holds every product's webhook for one app: it applies,
// plans empty, and each product's webhook is destroyed on its own while the
// others stay as they are.
func TestAccWebhook_allProductsInOneConfiguration(t *testing.T) {
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
