package provider

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
)

// Tests that drive the CLI themselves, with the provider built as a binary
// and installed by dev_overrides: for what plugin-testing has no step for
// (terraform query -generate-config-out), or cannot serve (several provider
// instances in one configuration; its in-process providers share one server).

// cliUnderTest is the CLI the acceptance tests run (TF_ACC_TERRAFORM_PATH),
// its name as it prints it ("Terraform" or "OpenTofu") and its version;
// the test is skipped when there is none.
func cliUnderTest(t *testing.T) (cli, name string, v *version.Version) {
	t.Helper()
	cli = os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || cli == "" {
		t.Skip("acceptance test: set TF_ACC=1 and TF_ACC_TERRAFORM_PATH")
	}
	cmd := exec.Command(cli, "version")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	// The line "Terraform v1.11.4" or "OpenTofu v1.12.6", after any warnings.
	var fields []string
	for line := range strings.Lines(string(out)) {
		if f := strings.Fields(line); len(f) == 2 && (f[0] == "Terraform" || f[0] == "OpenTofu") && strings.HasPrefix(f[1], "v") {
			fields = f
			break
		}
	}
	if err == nil && fields == nil {
		err = fmt.Errorf("no version line in %q", out)
	}
	if err == nil {
		v, err = version.NewVersion(fields[1][1:])
	}
	if err != nil {
		t.Skipf("%s does not report its name and version: %v", cli, err)
	}
	return cli, fields[0], v
}

// atLeast reports whether v, without any pre-release suffix, is least or later.
func atLeast(v *version.Version, least string) bool {
	return !v.Core().LessThan(version.Must(version.NewVersion(least)))
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

// openTofuAddress is Address on OpenTofu's registry host, where OpenTofu
// resolves source = "trtc/trtc".
var openTofuAddress = "registry.opentofu.org/" + strings.TrimPrefix(Address, "registry.terraform.io/")

// devOverrides is an environment whose CLI configuration installs the
// provider from dir, and nothing else, for the CLI called name (its
// registry host differs).
func devOverrides(t *testing.T, dir, name string) []string {
	t.Helper()
	address := Address
	if name == "OpenTofu" {
		address = openTofuAddress
	}
	rc := filepath.Join(t.TempDir(), "cli.tfrc")
	write(t, rc, fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", address, dir))
	env := []string{"TF_CLI_CONFIG_FILE=" + rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0"}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_") && !strings.HasPrefix(kv, "TRTC_") && !strings.HasPrefix(kv, "CHECKPOINT_") {
			env = append(env, kv)
		}
	}
	return env
}

// cliRunner runs cli in dir with env, adding -no-color, and returns the
// combined output.
func cliRunner(cli, dir string, env []string) func(args ...string) (string, error) {
	return func(args ...string) (string, error) {
		cmd := exec.Command(cli, append(args, "-no-color")...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
