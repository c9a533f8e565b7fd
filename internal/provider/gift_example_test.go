package provider

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// giftCatalogueExample is the example TestAccGiftCatalogueExample applies,
// as committed.
const giftCatalogueExample = "../../examples/gift-catalogue"

// The CLI as a user runs it, with the provider built as a binary (and so
// TRTC's real spacing of gift commands):
//
//   - examples/gift-catalogue as committed, its apps pointed at the mock:
//     every gift and category of catalogue.yaml lands in both apps through
//     one provider block; the plan after is empty; a gift made by hand
//     shows in the unmanaged output; removing a gift from the catalogue and
//     its category deletes it and updates the category in both apps.
//   - a category listing a gift the app does not have: the apply warns,
//     naming it, and the next plan shows it missing.
func TestAccGiftCLI(t *testing.T) {
	cli, name, _ := cliUnderTest(t)
	env := devOverrides(t, buildProvider(t), name)
	t.Run("example", func(t *testing.T) { t.Parallel(); giftCatalogueExampleRun(t, cli, env) })
	t.Run("unknown gift", func(t *testing.T) { t.Parallel(); unknownGiftWarns(t, cli, env) })
}

func giftCatalogueExampleRun(t *testing.T, cli string, env []string) {
	mock := mocktest.Start(t)
	dir := t.TempDir()
	for _, pattern := range []string{"*.tf", "*.yaml"} {
		files, err := filepath.Glob(filepath.Join(giftCatalogueExample, pattern))
		if err != nil || len(files) == 0 {
			t.Fatalf("no %s in %s: %v", pattern, giftCatalogueExample, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(dir, filepath.Base(f)), string(b))
		}
	}
	apps, _ := json.Marshal(map[string]any{"apps": map[string]any{
		"prod":    map[string]any{"sdk_app_id": testAppID, "endpoint": mock.URL()},
		"staging": map[string]any{"sdk_app_id": mocktest.OtherAppID, "endpoint": mock.URL()},
	}})
	write(t, filepath.Join(dir, "apps.auto.tfvars.json"), string(apps))
	keys, _ := json.Marshal(map[string]string{"prod": mocktest.Key, "staging": mocktest.OtherKey})
	run := cliRunner(cli, dir, append(env, "TF_VAR_secret_keys="+string(keys)))
	must := func(want string, args ...string) string {
		t.Helper()
		out, err := run(args...)
		if err != nil || !strings.Contains(out, want) {
			t.Fatalf("terraform %s: %v; want %q in:\n%s", strings.Join(args, " "), err, want, out)
		}
		return out
	}

	must("Apply complete! Resources: 10 added, 0 changed, 0 destroyed.", "apply", "-auto-approve")
	for _, app := range []uint64{testAppID, mocktest.OtherAppID} {
		check(t, mockHoldsGift(mock, app, trtcmock.Gift{ID: "rocket", Name: "Rocket", Coins: 500, Level: 3,
			IconURL: "https://cdn.example.com/gifts/rocket.png", ResourceURL: "https://cdn.example.com/gifts/rocket.pag",
			ExtensionInfo: `{"effect":"fullscreen"}`}, map[string]trtcmock.GiftText{"zh-Hans": {Name: "火箭"}}))
		check(t, mockHoldsGift(mock, app, trtcmock.Gift{ID: "rose", Name: "Rose", Description: "A red rose", Coins: 10,
			IconURL: "https://cdn.example.com/gifts/rose.png", ResourceURL: "https://cdn.example.com/gifts/rose.svga"},
			map[string]trtcmock.GiftText{"en": {Name: "Rose", Description: "A red rose"}, "zh-Hans": {Name: "玫瑰", Description: "一朵红玫瑰"}}))
		check(t, mockHoldsCategory(mock, app, trtcmock.GiftCategory{ID: "popular", Name: "Popular", Description: "What viewers send most"},
			map[string]trtcmock.GiftText{"zh-Hans": {Name: "热门"}}, "rose", "heart"))
		check(t, mockHoldsCategory(mock, app, trtcmock.GiftCategory{ID: "premium", Name: "Premium"}, nil, "rocket"))
	}
	if out, err := run("plan", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after the apply is not empty: %v\n%s", err, out)
	}

	mock.PutGift(mocktest.OtherAppID, trtcmock.Gift{ID: "handmade", Name: "Handmade", Coins: 3})
	must("Apply complete!", "apply", "-refresh-only", "-auto-approve")
	var unmanaged map[string]struct{ Gifts, Categories []string }
	if err := json.Unmarshal([]byte(must("", "output", "-json", "unmanaged")), &unmanaged); err != nil {
		t.Fatal(err)
	}
	if got := unmanaged["staging"].Gifts; !slices.Equal(got, []string{"handmade"}) || len(unmanaged["prod"].Gifts) != 0 {
		t.Errorf("unmanaged = %+v, want staging's handmade gift alone", unmanaged)
	}

	// heart leaves the catalogue and the popular category; rose costs more.
	yaml, err := os.ReadFile(filepath.Join(dir, "catalogue.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.NewReplacer("  heart:\n    name: Heart\n    coins: 1\n", "", "gifts: [rose, heart]", "gifts: [rose]", "    coins: 10\n", "    coins: 20\n").Replace(string(yaml))
	if edited == string(yaml) || strings.Contains(edited, "Heart") {
		t.Fatalf("catalogue.yaml no longer has the lines this test edits:\n%s", yaml)
	}
	write(t, filepath.Join(dir, "catalogue.yaml"), edited)
	mock.ResetRequests()
	must("Apply complete! Resources: 0 added, 4 changed, 2 destroyed.", "apply", "-auto-approve")
	for _, app := range []uint64{testAppID, mocktest.OtherAppID} {
		check(t, mockHasNoGift(mock, app, "heart"))
		check(t, mockHoldsCategory(mock, app, trtcmock.GiftCategory{ID: "popular", Name: "Popular", Description: "What viewers send most"},
			map[string]trtcmock.GiftText{"zh-Hans": {Name: "热门"}}, "rose"))
	}
	check(t, noRateLimited(mock))
}

func unknownGiftWarns(t *testing.T, cli string, env []string) {
	mock := mocktest.Start(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "main.tf"), "terraform {\n  required_providers {\n    trtc = { source = \"trtc/trtc\" }\n  }\n}\n"+
		providerBlock(mock)+giftBlock("rose", "rose")+
		categoryBlock("hot", "hot", `gift_ids = [trtc_live_gift.rose.gift_id, "ghost"]`))
	run := cliRunner(cli, dir, env)
	out, err := run("apply", "-auto-approve")
	if err != nil || !words(`Warning: Gifts not added to the category ... TRTC did not add "ghost" to TUILiveKit gift category "hot" of `+
		`SDKAppID 1400000000: the app has no such gift (InvalidGiftIdList). The rest of the category was written, and the next plan `+
		`shows them missing from gift_ids.`).MatchString(out) {
		t.Fatalf("terraform apply: %v; want the warning in:\n%s", err, out)
	}
	check(t, mockHoldsCategory(mock, testAppID, trtcmock.GiftCategory{ID: "hot", Name: "Category hot"}, nil, "rose"))
	out, err = run("plan", "-detailed-exitcode")
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || !words(`~ gift_ids ... + "ghost"`).MatchString(out) {
		t.Fatalf("terraform plan: %v; want it to show ghost missing (exit code 2):\n%s", err, out)
	}
}

func check(t *testing.T, f func(*terraform.State) error) {
	t.Helper()
	if err := f(nil); err != nil {
		t.Error(err)
	}
}
