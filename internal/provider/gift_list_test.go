package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// twoAppsBlock configures the provider for the default app and, in apps,
// the mock's other app.
func twoAppsBlock(mock *trtcmock.Server) string {
	return providerBlock(mock, fmt.Sprintf("apps = [{ sdk_app_id = %d, secret_key = %q }]", mocktest.OtherAppID, mocktest.OtherKey))
}

func giftIdentity(app uint64, idAttr, id string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{identitySDKAppID: knownvalue.Int64Exact(int64(app)), idAttr: knownvalue.StringExact(id)}
}

// terraform query finds every gift and category of every app the provider
// holds, or of the app sdk_app_id names, each with its identity; with
// include_resource, each with the whole resource, ExtensionInfo read per
// object where the list leaves it out. One list call per app.
func TestAccGiftQuery_allApps(t *testing.T) {
	mock := startMock(t)
	seedCatalogue(mock)
	mock.PutGift(mocktest.OtherAppID, trtcmock.Gift{ID: "star", Name: "Star", Coins: 1})
	gifts := "list \"trtc_live_gift\" \"all\" {\n  provider = trtc\n  include_resource = true\n}\n"
	categories := "list \"trtc_live_gift_category\" \"all\" {\n  provider = trtc\n}\n"
	other := fmt.Sprintf("list \"trtc_live_gift\" \"other\" {\n  provider = trtc\n  config {\n    sdk_app_id = %d\n  }\n}\n", mocktest.OtherAppID)
	rose := queryfilter.ByResourceIdentity(giftIdentity(testAppID, "gift_id", "rose"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: fastGifts(t),
		TerraformVersionChecks:   queryCLIs,
		Steps: []resource.TestStep{
			{Config: twoAppsBlock(mock)},
			{
				Query:  true,
				Config: gifts + categories + other,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("trtc_live_gift.all", 3),
					querycheck.ExpectIdentity("trtc_live_gift.all", giftIdentity(testAppID, "gift_id", "rose")),
					querycheck.ExpectIdentity("trtc_live_gift.all", giftIdentity(testAppID, "gift_id", "tulip")),
					querycheck.ExpectIdentity("trtc_live_gift.all", giftIdentity(mocktest.OtherAppID, "gift_id", "star")),
					querycheck.ExpectResourceDisplayName("trtc_live_gift.all", rose,
						knownvalue.StringExact(`SDKAppID 1400000000: gift "rose" (Rose, 10 coins)`)),
					querycheck.ExpectResourceKnownValues("trtc_live_gift.all", rose, []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(testApp + "/rose")},
						{Path: tfjsonpath.New("coins"), KnownValue: knownvalue.Int64Exact(10)},
						{Path: tfjsonpath.New("extension_info"), KnownValue: knownvalue.StringExact(`{"k":1}`)},
						{Path: tfjsonpath.New("languages").AtMapKey("zh-Hans").AtMapKey("name"), KnownValue: knownvalue.StringExact("玫瑰")},
					}),
					querycheck.ExpectLength("trtc_live_gift_category.all", 1),
					querycheck.ExpectIdentity("trtc_live_gift_category.all", giftIdentity(testAppID, "category_id", "hot")),
					querycheck.ExpectResourceDisplayName("trtc_live_gift_category.all",
						queryfilter.ByResourceIdentity(giftIdentity(testAppID, "category_id", "hot")),
						knownvalue.StringExact(`SDKAppID 1400000000: category "hot" (Hot, 2 gifts)`)),
					querycheck.ExpectLength("trtc_live_gift.other", 1),
					querycheck.ExpectIdentity("trtc_live_gift.other", giftIdentity(mocktest.OtherAppID, "gift_id", "star")),
				},
			},
		},
	})
	// Per app, one list for the query; the ExtensionInfo of each of the
	// three gifts, once, for include_resource.
	for _, app := range []uint64{testAppID, mocktest.OtherAppID} {
		var n int
		for _, r := range mocktest.Requests(mock, trtcapi.GiftService, "get_gift_info_list") {
			if r.SDKAppID == fmt.Sprint(app) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("SDKAppID %d: %d list calls, want 1", app, n)
		}
	}
	if n := mocktest.Count(mock, trtcapi.GiftService, "get_gift"); n != 3 {
		t.Errorf("%d get_gift requests, want 3 (one per gift, for its ExtensionInfo)", n)
	}
}

// A catalogue made by copy_default_gift_config is adopted with one
// command, with examples/gift-catalogue/adopt as committed: terraform
// query writes its resources and import blocks, applying them imports
// without writing, and the plan after is empty. This drives the CLI, with
// the provider built as a binary.
func TestAccGiftQuery_generateConfigAdopts(t *testing.T) {
	cli, name := queryCLI(t)
	// The list gives ExtensionInfo here: the binary spaces gift commands
	// 1.1 s apart, and reading 15 gifts one by one would take 17 s.
	mock := mocktest.Start(t, func(o *trtcmock.Options) { o.GiftListExtensionInfo = true })
	signer, err := trtcapi.NewKeySigner(testKey, trtcapi.App{SDKAppID: testAppID, Identifier: mocktest.Admin}, trtcapi.DefaultUserSigTTL)
	if err != nil {
		t.Fatal(err)
	}
	client, err := trtcapi.New(trtcapi.Config{BaseURL: mock.URL(), Credentials: signer})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Gifts().CopyDefault(t.Context()); err != nil {
		t.Fatal(err)
	}
	mock.PutGiftLanguage(testAppID, "default_gift_1", "en", trtcmock.GiftText{Name: "Heart", Description: "A heart"})
	dir := t.TempDir()
	for _, f := range []string{"main.tf", "catalogue.tfquery.hcl"} {
		b, err := os.ReadFile(filepath.Join(giftCatalogueExample, "adopt", f))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, f), string(b))
	}
	env := append(devOverrides(t, buildProvider(t), name), "TRTC_SECRET_KEY="+testKey,
		fmt.Sprintf("TF_VAR_sdk_app_id=%d", testAppID), "TF_VAR_endpoint="+mock.URL())
	run := cliRunner(cli, dir, env)
	if out, err := run("query", "-generate-config-out=adopted.tf"); err != nil {
		t.Fatalf("terraform query: %v\n%s", err, out)
	}
	generated, err := os.ReadFile(filepath.Join(dir, "adopted.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`resource "trtc_live_gift" "found_0"`, `resource "trtc_live_gift" "found_14"`,
		`resource "trtc_live_gift_category" "found_2"`, `gift_id = "default_gift_1"`,
		`category_id = "default_category_1"`, `gift_ids = ["default_gift_1", "default_gift_2",`,
		`en = { description = "A heart" name = "Heart" }`, `to = trtc_live_gift.found_0`,
	} {
		if !words(want).Match(generated) {
			t.Errorf("adopted.tf lacks %q:\n%s", want, generated)
		}
	}
	mock.ResetRequests()
	if out, err := run("apply", "-auto-approve"); err != nil || !strings.Contains(out, "18 imported, 0 added, 0 changed, 0 destroyed") {
		t.Fatalf("terraform apply: %v\n%s", err, out)
	}
	if out, err := run("plan", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after adopting is not empty: %v\n%s", err, out)
	}
	for _, r := range mocktest.Requests(mock, trtcapi.GiftService, "") {
		if !strings.HasPrefix(r.Command, "get_") {
			t.Errorf("adopting sent %s", r.Command)
		}
	}
}
