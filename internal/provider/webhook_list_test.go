package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// terraform query finds the app's configuration of each product: one
// result with its identity and a display name that shows the URL, or none.
func TestAccQuery_findsTheConfiguration(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mock := startMock(t)
		p.put(mock, hookURL, p.word(0), p.word(1))
		empty := startMock(t)
		list := fmt.Sprintf("list %q \"found\" {\n  provider = trtc\n}\n", p.typeName())
		listAddr := p.typeName() + ".found"
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			TerraformVersionChecks:   queryCLIs,
			Steps: []resource.TestStep{
				// The provider block lives in the .tf file; a query step's
				// Config is the .tfquery.hcl file beside it.
				{Config: providerBlock(mock)},
				{
					Query:  true,
					Config: list,
					QueryResultChecks: []querycheck.QueryResultCheck{
						querycheck.ExpectLength(listAddr, 1),
						querycheck.ExpectIdentity(listAddr, appIdentity),
						querycheck.ExpectResourceDisplayName(listAddr, queryfilter.ByResourceIdentity(appIdentity),
							knownvalue.StringExact(fmt.Sprintf("SDKAppID %s: %s (2 events)", testApp, hookURL))),
					},
				},
				{Config: providerBlock(empty)},
				{
					Query:             true,
					Config:            list,
					QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength(listAddr, 0)},
				},
			},
		})
	})
}

type skipOpenTofu struct{}

// The one-command adoption story, through the CLI as a user runs it:
// configurations made in the console are found by terraform query, which
// writes resources and import blocks; applying them imports without
// writing, and the plan after is empty. plugin-testing has no step for
// -generate-config-out, so this drives the CLI itself, with the provider
// built as a binary and installed by dev_overrides.
func TestAccQuery_generateConfigAdopts(t *testing.T) {
	cli, name := queryCLI(t)
	mock := mocktest.Start(t)
	var lists strings.Builder
	for _, p := range products() {
		p.put(mock, hookURL, p.word(0), p.word(1))
		fmt.Fprintf(&lists, "list %q \"console\" {\n  provider         = trtc\n  include_resource = true\n}\n", p.typeName())
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "main.tf"), "terraform {\n  required_providers {\n    trtc = { source = \"trtc/trtc\" }\n  }\n}\n"+providerBlock(mock))
	write(t, filepath.Join(dir, "console.tfquery.hcl"), lists.String())
	run := cliRunner(cli, dir, devOverrides(t, buildProvider(t), name))
	if out, err := run("query", "-generate-config-out=generated.tf"); err != nil {
		t.Fatalf("terraform query: %v\n%s", err, out)
	}
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range products() {
		for _, want := range []string{
			fmt.Sprintf("resource %q \"console_0\"", p.typeName()),
			fmt.Sprintf("to       = %s.console_0", p.typeName()),
			fmt.Sprintf("sdk_app_id = %d", testAppID),
			p.word(0), p.word(1), hookURL,
		} {
			if !strings.Contains(string(generated), want) {
				t.Errorf("generated.tf lacks %q:\n%s", want, generated)
			}
		}
	}
	mock.ResetRequests()
	if out, err := run("apply", "-auto-approve"); err != nil || !strings.Contains(out, "3 imported, 0 added, 0 changed, 0 destroyed") {
		t.Fatalf("terraform apply: %v\n%s", err, out)
	}
	if out, err := run("plan", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after adopting is not empty: %v\n%s", err, out)
	}
	for _, command := range []string{"set_callback", "update_callback", "delete_callback"} {
		if n := mocktest.Count(mock, "", command); n != 0 {
			t.Errorf("adopting sent %s %d time(s)", command, n)
		}
	}
}

// queryCLI is the CLI under test if it has terraform query (Terraform
// 1.14 or later, not OpenTofu); otherwise the test is skipped.
func queryCLI(t *testing.T) (cli, name string) {
	t.Helper()
	cli, name, v := cliUnderTest(t)
	if name != "Terraform" || !atLeast(v, "1.14.0") {
		t.Skipf("%s %s has no terraform query (Terraform 1.14 or later)", name, v)
	}
	return cli, name
}

// queryCLIs runs query steps only where terraform query exists: Terraform
// 1.14 and later. OpenTofu has no query, whatever its version number says.
var queryCLIs = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0), skipOpenTofu{}}

func (skipOpenTofu) CheckTerraformVersion(_ context.Context, _ tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if strings.Contains(filepath.Base(os.Getenv("TF_ACC_TERRAFORM_PATH")), "tofu") || os.Getenv("TF_ACC_PROVIDER_HOST") == "registry.opentofu.org" {
		resp.Skip = "OpenTofu has no terraform query"
	}
}
