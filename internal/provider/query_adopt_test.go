package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// The one-command adoption story, through the CLI as a user runs it:
// configurations made in the console are found by terraform query, which
// writes resources and import blocks; applying them imports without
// writing, and the plan after is empty. plugin-testing has no step for
// -generate-config-out, so this drives the CLI itself, with the provider
// built as a binary and installed by dev_overrides.
func TestAccQuery_generateConfigAdopts(t *testing.T) {
	cli := queryCLI(t)
	mock := mocktest.Start(t)
	var lists strings.Builder
	for _, p := range products() {
		p.put(mock, hookURL, p.word(0), p.word(1))
		fmt.Fprintf(&lists, "list %q \"console\" {\n  provider         = trtc\n  include_resource = true\n}\n", p.typeName())
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "main.tf"), "terraform {\n  required_providers {\n    trtc = { source = \"trtc/trtc\" }\n  }\n}\n"+providerBlock(mock))
	write(t, filepath.Join(dir, "console.tfquery.hcl"), lists.String())
	env := devOverrides(t, buildProvider(t))

	run := func(args ...string) (string, error) {
		cmd := exec.Command(cli, append(args, "-no-color")...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
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
func queryCLI(t *testing.T) string {
	t.Helper()
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || cli == "" {
		t.Skip("acceptance test: set TF_ACC=1 and TF_ACC_TERRAFORM_PATH")
	}
	out, err := exec.Command(cli, "version", "-json").Output()
	var v struct {
		TerraformVersion string `json:"terraform_version"`
	}
	if err != nil || json.Unmarshal(out, &v) != nil {
		t.Skipf("%s does not report a Terraform version: %v", cli, err)
	}
	got, err := version.NewVersion(v.TerraformVersion)
	if err != nil || got.Core().LessThan(version.Must(version.NewVersion("1.14.0"))) || strings.Contains(filepath.Base(cli), "tofu") {
		t.Skipf("%s %s has no terraform query", filepath.Base(cli), v.TerraformVersion)
	}
	return cli
}

// buildProvider builds this module's provider binary into a new directory.
func buildProvider(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-trtc"), "github.com/trtc/terraform-provider-trtc")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}

// devOverrides is an environment whose CLI configuration installs the
// provider from dir, and nothing else.
func devOverrides(t *testing.T, dir string) []string {
	t.Helper()
	rc := filepath.Join(t.TempDir(), "cli.tfrc")
	write(t, rc, fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", Address, dir))
	env := []string{"TF_CLI_CONFIG_FILE=" + rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0"}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_") && !strings.HasPrefix(kv, "TRTC_") && !strings.HasPrefix(kv, "CHECKPOINT_") {
			env = append(env, kv)
		}
	}
	return env
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
