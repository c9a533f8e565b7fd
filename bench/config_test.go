package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const testMockURL = "http://127.0.0.1:12345"

var dataBlock = regexp.MustCompile(`(?m)^data "trtc_live_webhook" "(d\d+)" \{\}$`)

func TestMainTFReadsHasOneDataSourcePerRead(t *testing.T) {
	tf := mainTF(scenarioReads, testMockURL, 100)
	blocks := dataBlock.FindAllStringSubmatch(tf, -1)
	if len(blocks) != 100 {
		t.Fatalf("got %d data blocks, want 100", len(blocks))
	}
	names := map[string]bool{}
	for _, b := range blocks {
		names[b[1]] = true
	}
	if len(names) != 100 {
		t.Errorf("got %d distinct data source names, want 100", len(names))
	}
	if strings.Contains(tf, "count") || strings.Contains(tf, "for_each") {
		t.Error("data sources must be distinct blocks")
	}
	if n := strings.Count(tf, "data \""); n != 100 {
		t.Errorf("%d data blocks of any type, want 100", n)
	}
	checkProviderBlock(t, tf)
}

func TestMainTFEmptyHasProviderButNoReads(t *testing.T) {
	tf := mainTF(scenarioEmpty, testMockURL, 100)
	if strings.Contains(tf, "data ") {
		t.Errorf("N=0 configuration has a data source:\n%s", tf)
	}
	checkProviderBlock(t, tf)
}

func TestMainTFNoneHasNoTRTC(t *testing.T) {
	tf := mainTF(scenarioNone, testMockURL, 100)
	if strings.Contains(tf, "trtc") || strings.Contains(tf, "provider") {
		t.Errorf("baseline configuration mentions the provider:\n%s", tf)
	}
}

func checkProviderBlock(t *testing.T, tf string) {
	t.Helper()
	for _, want := range []string{
		`source = "registry.terraform.io/trtc/trtc"`,
		`provider "trtc" {`,
		`sdk_app_id = 1400000000`,
		`secret_key = "` + benchKey + `"`,
		`endpoint   = "` + testMockURL + `"`,
	} {
		if !strings.Contains(tf, want) {
			t.Errorf("configuration lacks %s:\n%s", want, tf)
		}
	}
	if n := strings.Count(tf, `provider "trtc"`); n != 1 {
		t.Errorf("%d provider blocks, want 1", n)
	}
}

func TestCLIConfigOverridesTheProviderAddress(t *testing.T) {
	got := cliConfig("/opt/providers")
	for _, want := range []string{
		"provider_installation {",
		"dev_overrides {",
		`"registry.terraform.io/trtc/trtc" = "/opt/providers"`,
		"direct {}",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("CLI config lacks %s:\n%s", want, got)
		}
	}
}

func TestNewWorkspaceWritesEveryScenario(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	w, err := newWorkspace("/opt/providers", "/opt/planbench", testMockURL, 7)
	if err != nil {
		t.Fatal(err)
	}
	defer w.remove()
	for s := range scenarioCount {
		b, err := os.ReadFile(filepath.Join(w.dirs[s], "main.tf"))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != mainTF(s, testMockURL, 7) {
			t.Errorf("%s: main.tf differs from mainTF", s)
		}
	}
	for file, dir := range map[string]string{w.cliConfig: "/opt/providers", w.stubCLIConfig: w.stubDir} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != cliConfig(dir) {
			t.Errorf("%s overrides with the wrong directory:\n%s", file, b)
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
		"TRTC_MAX_RETRIES=0", "TF_LOG=trace", "PLANBENCH_STUB_LATENCY=1s",
	}, "/x/cli.tfrc")
	got := strings.Join(env, " ")
	want := "PATH=/bin TF_LOG=trace TF_CLI_CONFIG_FILE=/x/cli.tfrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1"
	if got != want {
		t.Errorf("planEnv = %s\nwant      %s", got, want)
	}
}
