package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// manyAppsExample is the example this test applies, as committed.
const manyAppsExample = "../../examples/many-apps"

// One configuration, three apps (examples/many-apps): OpenTofu's provider
// for_each makes one provider instance per app, each pointed at its own
// mock, which hosts that app alone. Each app gets exactly its own webhook,
// through its own instance, and the plan after is empty. Mixed-up app IDs
// are refused before any request. Retiring an app, in either of the two
// ways the example's README gives (a targeted destroy, or retire = true,
// then the app leaves the map), deletes that app's webhook and touches no
// other. plugin-testing's in-process providers share one server and cannot
// serve several instances, so this drives the CLI with the built provider.
func TestAccManyApps(t *testing.T) {
	cli, name, v := cliUnderTest(t)
	if name != "OpenTofu" || !atLeast(v, "1.9.0") {
		t.Skipf("%s %s has no provider for_each (needs OpenTofu 1.9 or later)", name, v)
	}

	type app struct {
		key    string
		id     uint64
		mock   *trtcmock.Server
		retire bool
	}
	apps := []*app{{key: "a", id: 1400000101}, {key: "b", id: 1400000202}, {key: "c", id: 1400000303}}
	a, b, c := apps[0], apps[1], apps[2]
	keys := map[string]string{}
	for _, a := range apps {
		keys[a.key] = fmt.Sprintf("fake-key-of-%s-%d", a.key, a.id)
		a.mock = mocktest.Start(t, func(o *trtcmock.Options) {
			o.Apps = []trtcmock.App{{SDKAppID: a.id, Key: keys[a.key]}}
		})
	}
	urlOf := func(a *app) string { return hookURL + "/" + a.key }
	commands := []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom", "Live.CallbackAfterMemberStateChanged"}

	// The example as committed, with its apps pointed at the mocks and the
	// keys passed as its README says, in TF_VAR_secret_keys.
	dir := t.TempDir()
	tfFiles, err := filepath.Glob(filepath.Join(manyAppsExample, "*.tf"))
	if err != nil || len(tfFiles) == 0 {
		t.Fatalf("no .tf files in %s: %v", manyAppsExample, err)
	}
	for _, f := range tfFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, filepath.Base(f)), string(b))
	}
	// setApps writes the apps variable, which tweak may change.
	setApps := func(apps []*app, tweak ...func(map[string]map[string]any)) {
		t.Helper()
		m := map[string]map[string]any{}
		for _, a := range apps {
			m[a.key] = map[string]any{"sdk_app_id": a.id, "endpoint": a.mock.URL(), "webhook_url": urlOf(a), "retire": a.retire}
		}
		for _, f := range tweak {
			f(m)
		}
		b, err := json.MarshalIndent(map[string]any{"apps": m}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, "apps.auto.tfvars.json"), string(b))
	}
	secrets, err := json.Marshal(keys)
	if err != nil {
		t.Fatal(err)
	}
	env := append(devOverrides(t, buildProvider(t), name), "TF_VAR_secret_keys="+string(secrets))
	run := cliRunner(cli, dir, env)
	must := func(want string, args ...string) string {
		t.Helper()
		out, err := run(args...)
		if err != nil || !strings.Contains(out, want) {
			t.Fatalf("tofu %s: %v; want %q in:\n%s", strings.Join(args, " "), err, want, out)
		}
		// The warnings expected are about dev_overrides and -target.
		expected := 0
		for _, w := range []string{"Provider development overrides are in effect", "Resource targeting is in effect", "Applied changes may be incomplete"} {
			expected += strings.Count(out, "Warning: "+w)
		}
		if strings.Count(out, "Warning:") > expected {
			t.Errorf("tofu %s warns:\n%s", strings.Join(args, " "), out)
		}
		return out
	}
	mustFail := func(want string, args ...string) {
		t.Helper()
		if out, err := run(args...); err == nil || !strings.Contains(out, want) {
			t.Fatalf("tofu %s: %v; want it to fail with %q:\n%s", strings.Join(args, " "), err, want, out)
		}
	}
	emptyPlan := func(when string) {
		t.Helper()
		if out, err := run("plan", "-detailed-exitcode"); err != nil {
			t.Fatalf("the plan %s is not empty: %v\n%s", when, err, out)
		}
	}
	ids := func(want ...*app) {
		t.Helper()
		out := must("", "output", "-json", "live_webhook_ids")
		var got map[string]string
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("output live_webhook_ids: %v\n%s", err, out)
		}
		wantIDs := map[string]string{}
		for _, a := range want {
			wantIDs[a.key] = strconv.FormatUint(a.id, 10)
		}
		if fmt.Sprint(got) != fmt.Sprint(wantIDs) {
			t.Errorf("live_webhook_ids = %v, want %v", got, wantIDs)
		}
	}
	// holds checks what each mock stores: its own app's webhook, or none.
	holds := func(with ...*app) {
		t.Helper()
		for _, a := range apps {
			got, ok := a.mock.Config(a.id, liveWebhook.service.Name)
			switch {
			case !slices.Contains(with, a) && ok:
				t.Errorf("mock of %s still holds %+v", a.key, got)
			case slices.Contains(with, a) && (!ok || got.URL != urlOf(a) || !slices.Equal(slices.Sorted(slices.Values(got.Commands)), commands)):
				t.Errorf("mock of %s holds %+v (present %v), want %q %v", a.key, got, ok, urlOf(a), commands)
			}
		}
	}
	// writes checks the writes each mock got since the last reset (none for
	// a mock not named), and that every request a mock got was for its own
	// app, signed with its key: the mock would answer 70016 to another
	// SDKAppID, 70009 to a wrong key. 100301 is the read before a create.
	writes := func(want map[*app][]string) {
		t.Helper()
		for _, a := range apps {
			var got []string
			for _, r := range a.mock.Requests() {
				if r.SDKAppID != strconv.FormatUint(a.id, 10) || r.ErrorCode != 0 && r.ErrorCode != 100301 {
					t.Errorf("mock of %s got %s %s for SDKAppID %s, answered %d", a.key, r.Service, r.Command, r.SDKAppID, r.ErrorCode)
				}
				if r.Command != "get_callback" {
					got = append(got, r.Command)
				}
			}
			if !slices.Equal(got, want[a]) {
				t.Errorf("mock of %s got writes %v, want %v", a.key, got, want[a])
			}
		}
	}
	reset := func() {
		for _, a := range apps {
			a.mock.ResetRequests()
		}
	}
	noRequests := func(apps ...*app) {
		t.Helper()
		for _, a := range apps {
			if n := len(a.mock.Requests()); n != 0 {
				t.Errorf("mock of %s got %d request(s), want none", a.key, n)
			}
		}
	}

	// Apply: each app gets its own webhook, through its own instance.
	setApps(apps)
	must("3 added, 0 changed, 0 destroyed", "apply", "-auto-approve")
	holds(a, b, c)
	writes(map[*app][]string{a: {"set_callback"}, b: {"set_callback"}, c: {"set_callback"}})
	ids(a, b, c)
	emptyPlan("after apply")

	// Mixed-up app IDs: a's instance now names c's app and c's names a's.
	// Both webhooks are refused before any request; b is untouched.
	reset()
	setApps(apps, func(m map[string]map[string]any) {
		m["a"]["sdk_app_id"], m["c"]["sdk_app_id"] = c.id, a.id
	})
	mustFail("Resource belongs to another app", "plan")
	noRequests(a, c)
	writes(nil)
	setApps(apps)

	// Why two steps: while b's webhook is in state, b cannot leave the map,
	// for its webhook would have no provider instance to delete it.
	reset()
	setApps([]*app{a, c})
	mustFail("Provider instance not present", "plan")
	writes(nil)
	setApps(apps)

	// Retiring b with a targeted destroy deletes b's webhook alone ...
	reset()
	must("1 destroyed", "destroy", "-auto-approve", `-target=trtc_live_webhook.this["b"]`)
	holds(a, c)
	writes(map[*app][]string{b: {"delete_callback"}})
	// (a targeted destroy leaves the outputs alone; the state is the record)
	if got := strings.Fields(must("", "state", "list")); !slices.Equal(got, []string{`trtc_live_webhook.this["a"]`, `trtc_live_webhook.this["c"]`}) {
		t.Errorf("state after destroying b's webhook: %q", got)
	}
	// ... and then b leaves the map: nothing to do, nothing reaches b.
	reset()
	setApps([]*app{a, c})
	must("0 added, 0 changed, 0 destroyed", "apply", "-auto-approve")
	emptyPlan("after retiring b")
	noRequests(b)
	holds(a, c)
	writes(nil)
	ids(a, c)

	// Retiring c with retire = true deletes c's webhook alone, in a plain
	// apply ...
	reset()
	c.retire = true
	setApps([]*app{a, c})
	must("0 added, 0 changed, 1 destroyed", "apply", "-auto-approve")
	holds(a)
	writes(map[*app][]string{c: {"delete_callback"}})
	ids(a)
	// ... and then c leaves the map.
	reset()
	setApps([]*app{a})
	must("0 added, 0 changed, 0 destroyed", "apply", "-auto-approve")
	emptyPlan("after retiring c")
	noRequests(b, c)
	holds(a)
	writes(nil)
	ids(a)
}
