package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/trtc/terraform-provider-trtc/internal/provider"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// The app the mock hosts. The key is a fake made up for this bench.
const (
	benchAppID = 1400000000
	benchKey   = "bench-only-fake-key-5f0c2a7e9d4b13680f7e6d5c4b3a2918"
	// providerBinary is the file name dev_overrides looks for.
	providerBinary = "terraform-provider-" + provider.TypeName
)

// benchConfig is what the mock holds and what the stub answers, so that
// both providers plan states of the same size.
var benchConfig = trtcmock.Config{
	URL:      "https://hooks.example.com/trtc",
	Commands: []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"},
}

// liveDataSourceType is the data source the bench reads.
const liveDataSourceType = provider.TypeName + "_live_webhook"

// dataSourceType is the live webhook data source's type name.
func dataSourceType() string { return liveDataSourceType }

// liveDataSource is the provider's own live webhook data source, found by
// its type name among those the provider serves.
func liveDataSource() datasource.DataSource {
	ctx := context.Background()
	for _, newDataSource := range provider.New("bench")().DataSources(ctx) {
		ds := newDataSource()
		var resp datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: provider.TypeName}, &resp)
		if resp.TypeName == liveDataSourceType {
			return ds
		}
	}
	panic("the provider serves no " + liveDataSourceType + " data source")
}

// cliConfig points the CLI at the locally built provider, so no
// `terraform init` (and no registry) is needed. The configurations name
// the provider by its full address, so OpenTofu, whose default registry
// host differs, resolves it to the same override.
func cliConfig(providerDir string) string {
	return fmt.Sprintf(`provider_installation {
  dev_overrides {
    %q = %q
  }
  direct {}
}
`, provider.Address, providerDir)
}

// mainTF is a configuration of the provider. With dataBlock it has one
// data source block whose count is var.n, so T0 (-var=n=0) and T_N plan
// the same configuration and start the provider alike; without, it is the
// provider block alone (T0').
func mainTF(mockURL string, dataBlock bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, `terraform {
  required_providers {
    %s = {
      source = %q
    }
  }
}

provider %q {
  sdk_app_id = %d
  secret_key = %q
  endpoint   = %q
}
`, provider.TypeName, provider.Address, provider.TypeName, benchAppID, benchKey, mockURL)
	if dataBlock {
		fmt.Fprintf(&b, `
variable "n" {
  type = number
}

data %q "this" {
  count = var.n
}
`, dataSourceType())
	}
	return b.String()
}

// workspace is the temporary tree the bench runs in. Both providers plan
// the same two configurations; only the CLI configuration differs.
type workspace struct {
	root string
	// cliConfig overrides the address with the provider under test,
	// stubCLIConfig with stubDir, which links to the stub.
	cliConfig, stubCLIConfig, stubDir string
	// noBlockDir holds the provider block alone, readsDir the data block.
	noBlockDir, readsDir string
}

// newWorkspace writes both CLI configurations, the stub's directory with a
// link to stubExe (planbench itself) and both configurations under a fresh
// temporary directory.
func newWorkspace(providerDir, stubExe, mockURL string) (*workspace, error) {
	root, err := os.MkdirTemp("", "planbench-")
	if err != nil {
		return nil, err
	}
	w := &workspace{
		root:          root,
		cliConfig:     filepath.Join(root, "cli.tfrc"),
		stubCLIConfig: filepath.Join(root, "cli-stub.tfrc"),
		stubDir:       filepath.Join(root, "stub"),
		noBlockDir:    filepath.Join(root, "no-block"),
		readsDir:      filepath.Join(root, "reads"),
	}
	files := map[string]string{
		w.cliConfig:                            cliConfig(providerDir),
		w.stubCLIConfig:                        cliConfig(w.stubDir),
		filepath.Join(w.noBlockDir, "main.tf"): mainTF(mockURL, false),
		filepath.Join(w.readsDir, "main.tf"):   mainTF(mockURL, true),
	}
	for _, dir := range []string{w.stubDir, w.noBlockDir, w.readsDir} {
		if err == nil {
			err = os.Mkdir(dir, 0o755)
		}
	}
	if err == nil {
		err = os.Symlink(stubExe, filepath.Join(w.stubDir, providerBinary))
	}
	for file, text := range files {
		if err == nil {
			err = os.WriteFile(file, []byte(text), 0o644)
		}
	}
	if err != nil {
		w.remove()
		return nil, err
	}
	return w, nil
}

func (w *workspace) remove() { _ = os.RemoveAll(w.root) }

// planEnv is the caller's environment without what would change the
// measurement (another CLI config, extra CLI arguments, TRTC_* fallbacks,
// a stray stub latency), plus the bench's CLI config and quiet automation
// settings. The caller's TF_LOG* variables stay, so the cost of logging
// can be measured too.
func planEnv(base []string, cliConfigFile string) []string {
	env := make([]string, 0, len(base)+3)
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "TF_CLI_CONFIG_FILE", name == "TF_IN_AUTOMATION", name == "CHECKPOINT_DISABLE", name == stubLatencyVariable,
			strings.HasPrefix(name, "TF_CLI_ARGS"), strings.HasPrefix(name, "TRTC_"):
			continue
		}
		env = append(env, kv)
	}
	return append(env, "TF_CLI_CONFIG_FILE="+cliConfigFile, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
}
