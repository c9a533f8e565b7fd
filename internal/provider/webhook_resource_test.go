package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

const addr = "trtc_live_webhook.this"

func TestAccLiveWebhook_lifecycle(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		CheckDestroy:             mockEmpty(mock),
		Steps: []resource.TestStep{
			{
				Config: providerBlock(mock) + webhookConfig(hookURL, cmdCreate, cmdDestroy),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("1400000000")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("url"), knownvalue.StringExact(hookURL)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("callback_commands"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(cmdCreate), knownvalue.StringExact(cmdDestroy)})),
				},
				Check: resource.ComposeTestCheckFunc(
					mockHolds(mock, hookURL, cmdCreate, cmdDestroy),
					countRequests(mock, "set_callback", 1),
				),
			},
			{
				// The same configuration again: nothing to do.
				Config: providerBlock(mock) + webhookConfig(hookURL, cmdDestroy, cmdCreate),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: providerBlock(mock) + webhookConfig(hookURL2, cmdCreate, cmdGift),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(
					mockHolds(mock, hookURL2, cmdCreate, cmdGift),
					countRequests(mock, "update_callback", 1),
					countRequests(mock, "delete_callback", 0),
					countRequests(mock, "set_callback", 1),
				),
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateId:           "1400000000",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

// TRTC may return the command words in any order; a set absorbs it.
func TestAccLiveWebhook_serverOrderIsNoDiff(t *testing.T) {
	mock := startMock(t, func(o *trtcmock.Options) { o.ShuffleCommands = true })
	cfg := providerBlock(mock) + webhookConfig(hookURL, cmdCreate, cmdDestroy, cmdGift)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: countRequests(mock, "update_callback", 0),
			},
		},
	})
}

func TestAccLiveWebhook_changedOutOfBand(t *testing.T) {
	mock := startMock(t)
	cfg := providerBlock(mock) + webhookConfig(hookURL, cmdCreate, cmdDestroy)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				// Someone edits the configuration in the console: the plan
				// shows the drift (terraform plan -detailed-exitcode exits 2).
				PreConfig: func() {
					mock.SetConfig(testAppID, service, trtcmock.Config{URL: "https://evil.example.com/hook", Commands: []string{cmdGift}})
				},
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				// Apply restores it in place.
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("url"), knownvalue.StringExact(hookURL)),
					},
				},
				Check: mockHolds(mock, hookURL, cmdCreate, cmdDestroy),
			},
		},
	})
}

func TestAccLiveWebhook_deletedOutOfBand(t *testing.T) {
	mock := startMock(t)
	cfg := providerBlock(mock) + webhookConfig(hookURL, cmdCreate)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() { mock.DeleteConfig(testAppID, service) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: mockHolds(mock, hookURL, cmdCreate),
			},
		},
	})
}

// Creating over an existing configuration must fail, tell the user how to
// adopt it, and change nothing — whether set_callback refuses (100300) or
// would silently overwrite.
func TestAccLiveWebhook_createOverExistingFails(t *testing.T) {
	for name, overwrites := range map[string]bool{"set refuses": false, "set overwrites": true} {
		t.Run(name, func(t *testing.T) {
			mock := startMock(t, func(o *trtcmock.Options) { o.SetOverwrites = overwrites })
			existing := trtcmock.Config{URL: "https://console.example.com/hook", Commands: []string{cmdGift}}
			mock.SetConfig(testAppID, service, existing)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: providerBlock(mock) + webhookConfig(hookURL, cmdCreate),
					ExpectError: words(`SDKAppID 1400000000 already has a TUILiveKit (Live) webhook configuration, and creating one` +
						` would replace it. Nothing was changed. ... terraform import trtc_live_webhook.<name> 1400000000` +
						` ... import { to = trtc_live_webhook.<name> id = "1400000000" }`),
				}},
			})
			if err := mockHolds(mock, existing.URL, existing.Commands...)(nil); err != nil {
				t.Error(err)
			}
			if n := mock.CountRequests("set_callback"); n != 0 {
				t.Errorf("set_callback sent %d time(s) over an existing configuration", n)
			}
		})
	}
}

func TestAccLiveWebhook_import(t *testing.T) {
	mock := startMock(t)
	mock.SetConfig(testAppID, service, trtcmock.Config{URL: hookURL, Commands: []string{cmdDestroy, cmdCreate}})
	cfg := providerBlock(mock) + webhookConfig(hookURL, cmdCreate, cmdDestroy)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config:             cfg,
				ResourceName:       addr,
				ImportState:        true,
				ImportStateId:      "1400000000",
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
			{Config: cfg, ResourceName: addr, ImportState: true, ImportStateId: "14000", ExpectError: words(`The import ID 14000 is not the provider's sdk_app_id (1400000000)`)},
			{Config: cfg, ResourceName: addr, ImportState: true, ImportStateId: "live", ExpectError: words(`is the app's SDKAppID, a positive integer such as 1400000000; got "live"`)},
		},
	})
}

func TestAccLiveWebhook_importMissing(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:        providerBlock(mock) + webhookConfig(hookURL, cmdCreate),
			ResourceName:  addr,
			ImportState:   true,
			ImportStateId: "1400000000",
			ExpectError:   regexp.MustCompile(`(?i)cannot\s+import\s+non-existent\s+remote\s+object`),
		}},
	})
}

// Destroy after the configuration was deleted outside Terraform: the
// refresh finds it gone and there is nothing left to do.
func TestAccLiveWebhook_destroyAlreadyDeleted(t *testing.T) {
	mock := startMock(t)
	cfg := providerBlock(mock) + webhookConfig(hookURL, cmdCreate)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		CheckDestroy:             mockEmpty(mock),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() { mock.DeleteConfig(testAppID, service) },
				Config:    cfg,
				Destroy:   true,
			},
		},
	})
}

// delete_callback on a configuration that is already gone is success,
// whichever of its two undocumented answers TRTC gives. Here the first
// delete's answer is lost, so the retry meets the configuration gone.
func TestAccLiveWebhook_deleteMeetsAlreadyGone(t *testing.T) {
	for name, code := range map[string]int{"delete answers 0": 0, "delete answers 100301": 100301} {
		t.Run(name, func(t *testing.T) {
			mock := startMock(t, func(o *trtcmock.Options) { o.DeleteMissingCode = code })
			cfg := providerBlock(mock) + webhookConfig(hookURL, cmdCreate)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				CheckDestroy:             mockEmpty(mock),
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
			var answers []int
			for _, r := range mock.Requests() {
				if r.Command == "delete_callback" {
					answers = append(answers, r.ErrorCode)
				}
			}
			if want := []int{0, code}; !slices.Equal(answers, want) {
				t.Errorf("delete_callback answers = %v, want %v (lost, then already gone)", answers, want)
			}
		})
	}
}
