package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
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

// One configuration, three apps, one provider block (examples/many-apps),
// under the CLI under test, Terraform or OpenTofu, against one mock that
// hosts the three apps, each with its own key. Each app gets exactly its
// own webhook, every request signed with that app's key, and the plan
// after is empty. Retiring an app as the README says (retire = true, then
// the app leaves the map) deletes that app's webhook alone; removing an app
// from the map while its webhook is in the state fails the plan before any
// request, saying how to go on; forgetting an app's webhook with state rm
// lets the app leave without deleting it. This drives the CLI with the built
// provider, so that the example's own files are what is tested.
func TestAccManyApps(t *testing.T) {
	cli, name, _ := cliUnderTest(t)

	type app struct {
		key    string
		id     uint64
		retire bool
	}
	apps := []*app{{key: "a", id: 1400000101}, {key: "b", id: 1400000202}, {key: "c", id: 1400000303}}
	a, b, c := apps[0], apps[1], apps[2]
	keys := map[string]string{}
	var hosted []trtcmock.App
	for _, x := range apps {
		keys[x.key] = fmt.Sprintf("fake-key-of-%s-%d", x.key, x.id)
		hosted = append(hosted, trtcmock.App{SDKAppID: x.id, Key: keys[x.key]})
	}
	mock := mocktest.Start(t, func(o *trtcmock.Options) { o.Apps = hosted })
	urlOf := func(x *app) string { return hookURL + "/" + x.key }
	commands := []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom", "Live.CallbackAfterMemberStateChanged"}

	// The example as committed, with its apps pointed at the mock and the
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
	setApps := func(apps ...*app) {
		t.Helper()
		m := map[string]map[string]any{}
		for _, x := range apps {
			m[x.key] = map[string]any{"sdk_app_id": x.id, "endpoint": mock.URL(), "webhook_url": urlOf(x), "retire": x.retire}
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
			t.Fatalf("%s %s: %v; want %q in:\n%s", name, strings.Join(args, " "), err, want, out)
		}
		// The one warning expected is about dev_overrides.
		if strings.Count(out, "Warning:") > strings.Count(out, "Warning: Provider development overrides are in effect") {
			t.Errorf("%s %s warns:\n%s", name, strings.Join(args, " "), out)
		}
		return out
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
		if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &got); err != nil {
			t.Fatalf("output live_webhook_ids: %v\n%s", err, out)
		}
		wantIDs := map[string]string{}
		for _, x := range want {
			wantIDs[x.key] = strconv.FormatUint(x.id, 10)
		}
		if fmt.Sprint(got) != fmt.Sprint(wantIDs) {
			t.Errorf("live_webhook_ids = %v, want %v", got, wantIDs)
		}
	}
	// holds checks what each app stores: its own webhook, or none.
	holds := func(with ...*app) {
		t.Helper()
		for _, x := range apps {
			got, ok := mock.Config(x.id, liveWebhook.service.Name)
			switch {
			case !slices.Contains(with, x) && ok:
				t.Errorf("app %s still holds %+v", x.key, got)
			case slices.Contains(with, x) && (!ok || got.URL != urlOf(x) || !slices.Equal(slices.Sorted(slices.Values(got.Commands)), commands)):
				t.Errorf("app %s holds %+v (present %v), want %q %v", x.key, got, ok, urlOf(x), commands)
			}
		}
	}
	// writes checks the writes each app got since the last reset (none
	// for an app not named), and that every request named one of the apps
	// and was signed with that app's own key. 100301 is the read before a
	// create.
	writes := func(want map[*app][]string) {
		t.Helper()
		for _, x := range apps {
			var got []string
			for _, r := range requestsOf(mock, x.id) {
				if r.ErrorCode != 0 && r.ErrorCode != 100301 {
					t.Errorf("app %s got %s %s, answered %d", x.key, r.Service, r.Command, r.ErrorCode)
				}
				if !strings.HasPrefix(r.Command, "get_") {
					got = append(got, r.Command)
				}
			}
			if !slices.Equal(got, want[x]) {
				t.Errorf("app %s got writes %v, want %v", x.key, got, want[x])
			}
		}
		if err := signedByOwnAppKeys(mock, map[uint64]string{a.id: keys["a"], b.id: keys["b"], c.id: keys["c"]}); err != nil {
			t.Error(err)
		}
	}
	noRequests := func(apps ...*app) {
		t.Helper()
		for _, x := range apps {
			if n := len(requestsOf(mock, x.id)); n != 0 {
				t.Errorf("app %s got %d request(s), want none", x.key, n)
			}
		}
	}

	// Apply: each app gets its own webhook.
	setApps(apps...)
	must("3 added, 0 changed, 0 destroyed", "apply", "-auto-approve")
	holds(a, b, c)
	writes(map[*app][]string{a: {"set_callback"}, b: {"set_callback"}, c: {"set_callback"}})
	ids(a, b, c)
	emptyPlan("after apply")

	// Removing b from the map while its webhook is in the state: the
	// provider no longer holds b's key, so nothing reaches b, and the plan
	// says how to go on.
	mock.ResetRequests()
	setApps(a, c)
	out, err := run("plan")
	if err == nil || !words(fmt.Sprintf("Resource belongs to another app ... belongs to SDKAppID %d, and the provider "+
		"holds no credentials for it (it holds %d, %d). ... add it back (with its secret key) for this apply", b.id, a.id, c.id)).MatchString(out) {
		t.Errorf("removing b with its webhook in the state: %v\n%s", err, out)
	}
	noRequests(b)
	writes(nil)

	// Retiring b: retire = true deletes b's webhook alone, in a plain apply ...
	mock.ResetRequests()
	b.retire = true
	setApps(apps...)
	must("0 added, 0 changed, 1 destroyed", "apply", "-auto-approve")
	holds(a, c)
	writes(map[*app][]string{b: {"delete_callback"}})
	ids(a, c)
	// ... and then b leaves the map: nothing to do, nothing reaches b.
	mock.ResetRequests()
	setApps(a, c)
	must("0 added, 0 changed, 0 destroyed", "apply", "-auto-approve")
	emptyPlan("after retiring b")
	noRequests(b)
	holds(a, c)
	writes(nil)
	ids(a, c)

	// Letting go of c without deleting its webhook: forget it (a removed
	// block cannot name one instance of a for_each), then c leaves the map.
	// Its webhook stays, and nothing reaches c.
	mock.ResetRequests()
	rm := exec.Command(cli, "state", "rm", "-no-color", `trtc_live_webhook.this["c"]`) // the address last
	rm.Dir, rm.Env = dir, env
	if out, err := rm.CombinedOutput(); err != nil || !strings.Contains(string(out), "Successfully removed 1 resource instance(s).") {
		t.Fatalf("state rm: %v\n%s", err, out)
	}
	setApps(a)
	must("0 added, 0 changed, 0 destroyed", "apply", "-auto-approve")
	emptyPlan("after letting go of c")
	noRequests(b, c)
	holds(a, c)
	writes(nil)
	ids(a)
}
