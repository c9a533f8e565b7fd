package provider

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// Two resources of one provider configuration that would manage one object
// are refused at plan time, before any request, whichever way they name
// its app; resources of different apps are not (lifecycle_plan.go).
func TestAccPlan_twoResourcesForOneObjectOfAnApp(t *testing.T) {
	p := live
	twice := func(app string) string {
		return fmt.Sprintf("Two trtc_live_webhook resources in this configuration manage its %s of SDKAppID %s: one "+
			"with url = ... one with url = ... Keep one resource per object (for_each over apps, not over settings).",
			webhookKind{liveWebhook}.noun(), app)
	}
	tests := map[string]struct{ config, want string }{
		"both in the default app": {
			p.named("one", hookURL, []string{p.word(0)}) + p.named("two", hookURL2, []string{p.word(1)}),
			twice(testApp),
		},
		"the default app, omitted and named": {
			p.named("one", hookURL, []string{p.word(0)}) + p.named("two", hookURL2, []string{p.word(1)}, ofApp(testAppID)),
			twice(testApp),
		},
		"both in an apps entry's app": {
			p.named("one", hookURL, []string{p.word(0)}, ofApp(mocktest.OtherAppID)) +
				p.named("two", hookURL2, []string{p.word(1)}, ofApp(mocktest.OtherAppID)),
			twice(otherApp),
		},
		"two tokens of one app": {
			namedToken("one", hookToken, true, ofApp(mocktest.OtherAppID)) + namedToken("two", hookToken3, true, ofApp(mocktest.OtherAppID)),
			"Two trtc_live_webhook_token resources in this configuration manage its live webhook signing token of SDKAppID 1400000001",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			mock := startFleet(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					Config:      appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey)) + tc.config,
					PlanOnly:    true,
					ExpectError: words(tc.want),
				}},
			})
			if err := noRequests(mock)(nil); err != nil {
				t.Error(err)
			}
		})
	}
}

// A replacement is one resource planned twice (against its state, then as
// a create): terraform apply -replace replaces it, and is not taken for
// two resources of one object. plugin-testing has no -replace, so this
// drives the CLI.
func TestAccPlan_replaceIsOneResource(t *testing.T) {
	cli, name, _ := cliUnderTest(t)
	p := live
	mock := startFleet(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "main.tf"), "terraform {\n  required_providers {\n    trtc = { source = \"trtc/trtc\" }\n  }\n}\n"+
		appsBlock(mock, entry(mocktest.OtherAppID, mocktest.OtherKey))+
		p.named("a", hookURL, []string{p.word(0)})+p.named("b", hookURL, []string{p.word(0)}, ofApp(mocktest.OtherAppID)))
	run := cliRunner(cli, dir, devOverrides(t, buildProvider(t), name))
	if out, err := run("apply", "-auto-approve"); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	for _, addr := range []string{p.at("a"), p.at("b")} {
		id := testAppID
		if addr == p.at("b") {
			id = mocktest.OtherAppID
		}
		mock.ResetRequests()
		out, err := run("apply", "-auto-approve", "-replace="+addr)
		if err != nil || !strings.Contains(out, "1 added, 0 changed, 1 destroyed") {
			t.Fatalf("apply -replace=%s: %v\n%s", addr, err, out)
		}
		if got := writesOf(mock, id, p); !slices.Equal(got, []string{"delete_callback", "set_callback"}) {
			t.Errorf("replacing %s wrote %v to SDKAppID %d", addr, got, id)
		}
		if err := holdsIn(mock, id, p, hookURL, p.word(0))(nil); err != nil {
			t.Error(err)
		}
	}
	if out, err := run("plan", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after is not empty: %v\n%s", err, out)
	}
}
