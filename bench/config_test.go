package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trtc/terraform-provider-trtc/internal/provider"
)

const testMockURL = "http://127.0.0.1:12345"

func TestDataSourceTypeIsTheProvidersLiveWebhook(t *testing.T) {
	if got := dataSourceType(); got != provider.TypeName+"_live_webhook" {
		t.Errorf("dataSourceType() = %q", got)
	}
}

func TestMainTFWithTheDataBlockCountsItByVarN(t *testing.T) {
	tf := mainTF(testMockURL, true)
	checkProviderBlock(t, tf)
	if n := strings.Count(tf, "data "); n != 1 {
		t.Errorf("%d data blocks, want 1:\n%s", n, tf)
	}
	for _, want := range []string{
		fmt.Sprintf("data %q \"this\" {\n  count = var.n\n}", dataSourceType()),
		"variable \"n\" {\n  type = number\n}",
	} {
		if !strings.Contains(tf, want) {
			t.Errorf("configuration lacks\n%s\nin\n%s", want, tf)
		}
	}
}

func TestMainTFWithoutTheDataBlockIsTheProviderAlone(t *testing.T) {
	tf := mainTF(testMockURL, false)
	checkProviderBlock(t, tf)
	if strings.Contains(tf, "data ") || strings.Contains(tf, "variable") {
		t.Errorf("T0' configuration has more than the provider:\n%s", tf)
	}
}

func checkProviderBlock(t *testing.T, tf string) {
	t.Helper()
	for _, want := range []string{
		fmt.Sprintf("    %s = {\n      source = %q", provider.TypeName, provider.Address),
		fmt.Sprintf("provider %q {", provider.TypeName),
		"sdk_app_id = 1400000000",
		`secret_key = "` + benchKey + `"`,
		`endpoint   = "` + testMockURL + `"`,
	} {
		if !strings.Contains(tf, want) {
			t.Errorf("configuration lacks %s:\n%s", want, tf)
		}
	}
	if n := strings.Count(tf, "provider \""); n != 1 {
		t.Errorf("%d provider blocks, want 1", n)
	}
}

func TestCLIConfigOverridesTheProviderAddress(t *testing.T) {
	got := cliConfig("/opt/providers")
	for _, want := range []string{
		"provider_installation {",
		"dev_overrides {",
		fmt.Sprintf("%q = \"/opt/providers\"", provider.Address),
		"direct {}",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("CLI config lacks %s:\n%s", want, got)
		}
	}
}

func TestNewWorkspaceWritesBothConfigurationsAndTheStubLink(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	w, err := newWorkspace("/opt/providers", "/opt/planbench", testMockURL)
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		w.cliConfig:                            cliConfig("/opt/providers"),
		w.stubCLIConfig:                        cliConfig(w.stubDir),
		filepath.Join(w.noBlockDir, "main.tf"): mainTF(testMockURL, false),
		filepath.Join(w.readsDir, "main.tf"):   mainTF(testMockURL, true),
	} {
		if b, err := os.ReadFile(file); err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want\n%s", file, b, err, want)
		}
	}
	if target, err := os.Readlink(filepath.Join(w.stubDir, providerBinary)); err != nil || target != "/opt/planbench" {
		t.Errorf("the stub directory links %s to %q (%v), want /opt/planbench", providerBinary, target, err)
	}
	w.remove()
	if _, err := os.Stat(w.root); !os.IsNotExist(err) {
		t.Errorf("remove left %s behind (%v)", w.root, err)
	}
}

func TestPlanEnvReplacesWhatWouldSkewTheRun(t *testing.T) {
	env := planEnv([]string{
		"PATH=/bin", "TF_CLI_CONFIG_FILE=/home/u/.terraformrc", "TF_CLI_ARGS_plan=-refresh=false",
		"TRTC_MAX_RETRIES=0", "TF_LOG=trace", stubLatencyVariable + "=1s",
	}, "/x/cli.tfrc")
	got := strings.Join(env, " ")
	want := "PATH=/bin TF_LOG=trace TF_CLI_CONFIG_FILE=/x/cli.tfrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1"
	if got != want {
		t.Errorf("planEnv = %s\nwant      %s", got, want)
	}
}
