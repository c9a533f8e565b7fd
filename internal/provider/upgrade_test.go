package provider

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// upgradeStates are the states the release before sdk_app_id wrote, by the
// CLI that wrote each (testdata/upgrade/README.md).
var upgradeStates = map[string]string{
	"1.5.7":  "testdata/upgrade/terraform-1.5.7.tfstate",
	"1.16.4": "testdata/upgrade/terraform-1.16.4.tfstate",
}

// upgradeToken is the token of testdata/upgrade/resources.tf.
const upgradeToken = "tok-upgrade-fake-3c1e5a7b"

// A state written before resources had sdk_app_id plans empty after the
// upgrade, for every resource kind, with or without a refresh; the apply
// after (a refresh) records sdk_app_id, and the plans after that are empty
// too. Nothing is written to TRTC. Each state runs under any CLI at least
// as new as the one that wrote it; for OpenTofu, the state names the
// provider at OpenTofu's registry host, as OpenTofu writes it.
func TestAccUpgrade_stateWithoutSDKAppID(t *testing.T) {
	cli, name, v := cliUnderTest(t)
	resources, err := os.ReadFile("testdata/upgrade/resources.tf")
	if err != nil {
		t.Fatal(err)
	}
	providerDir := buildProvider(t)
	for wrote, file := range upgradeStates {
		t.Run("written by "+wrote, func(t *testing.T) {
			if name == "Terraform" && v.Core().LessThan(version.Must(version.NewVersion(wrote))) {
				t.Skipf("the state is of Terraform %s, newer than this Terraform %s", wrote, v)
			}
			state, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if name == "OpenTofu" {
				state = []byte(strings.ReplaceAll(string(state), Address, openTofuAddress))
			}
			mock := mocktest.Start(t)
			// TRTC holds what the old release wrote.
			for _, s := range []struct {
				p   product
				url string
				w   []string
			}{
				{live, "https://hooks.example.com/trtc/live", []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"}},
				{product{roomWebhook}, "https://hooks.example.com/trtc/room", []string{"Room.CallbackAfterCreateRoom"}},
				{product{callWebhook}, "https://hooks.example.com/trtc/call", []string{"Call.CallbackAfterStartCall"}},
			} {
				mock.SetConfig(testAppID, s.p.service(), trtcmock.Config{URL: s.url, Commands: s.w})
			}
			mock.SetToken(testAppID, upgradeToken, true)

			dir := t.TempDir()
			write(t, filepath.Join(dir, "main.tf"), "terraform {\n  required_providers {\n    trtc = { source = \"trtc/trtc\" }\n  }\n}\n"+
				providerBlock(mock)+"\n"+string(resources))
			write(t, filepath.Join(dir, "terraform.tfstate"), string(state))
			run := cliRunner(cli, dir, devOverrides(t, providerDir, name))
			emptyPlan := func(when string, args ...string) {
				t.Helper()
				if out, err := run(append([]string{"plan", "-detailed-exitcode"}, args...)...); err != nil {
					t.Fatalf("%s plan %s: not empty (%v):\n%s", when, strings.Join(args, " "), err, out)
				}
			}
			if name == "Terraform" && v.Core().Equal(version.Must(version.NewVersion(wrote))) {
				// Without a refresh, a newer CLI than the one that wrote the
				// state plans the token's schema-sensitive attributes into
				// its sensitive_attributes, an update with no visible
				// change, whatever the provider: only the CLI that wrote
				// the state plans the provider's upgrade alone.
				emptyPlan("the first", "-refresh=false")
			}
			emptyPlan("the first")
			if out, err := run("apply", "-auto-approve"); err != nil || !strings.Contains(out, "0 added, 0 changed, 0 destroyed") {
				t.Fatalf("apply: %v\n%s", err, out)
			}
			checkStateApps(t, filepath.Join(dir, "terraform.tfstate"), 4)
			emptyPlan("the applied state's")
			emptyPlan("the applied state's", "-refresh=false")

			for _, r := range mock.Requests() {
				if !strings.HasPrefix(r.Command, "get_") {
					t.Errorf("the upgrade sent %s/%s", r.Service, r.Command)
				}
			}
			if v, on, _ := mock.Token(testAppID); v != upgradeToken || !on {
				t.Errorf("the token is now %q, enabled %v", v, on)
			}
		})
	}
}

// checkStateApps checks that the state at file records sdk_app_id for each
// of its n resource instances: the default app's, 1400000000.
func checkStateApps(t *testing.T, file string, n int) {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []struct {
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, r := range st.Resources {
		for _, i := range r.Instances {
			seen++
			got, _ := i.Attributes[attrSDKAppID].(float64)
			if uint64(got) != testAppID {
				t.Errorf("%s: sdk_app_id in the state is %v, want %d", r.Type, i.Attributes[attrSDKAppID], testAppID)
			}
		}
	}
	if seen != n {
		t.Errorf("the state holds %d resource instance(s), want %d", seen, n)
	}
}
