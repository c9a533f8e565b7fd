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

// Which configuration a plan runs against. The order is the order of the
// report; the bench interleaves them.
type scenario int

const (
	scenarioNone  scenario = iota // no provider at all: the CLI's own cost
	scenarioEmpty                 // provider configured, nothing to read
	scenarioReads                 // provider configured, N data sources
	scenarioCount
)

func (s scenario) String() string {
	switch s {
	case scenarioNone:
		return "none"
	case scenarioEmpty:
		return "N=0"
	case scenarioReads:
		return "N"
	}
	return fmt.Sprintf("scenario(%d)", int(s))
}

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

// dataSourceType is the live webhook data source's type name, asked of the
// provider.
func dataSourceType() string {
	var resp datasource.MetadataResponse
	provider.NewLiveWebhookDataSource().Metadata(context.Background(),
		datasource.MetadataRequest{ProviderTypeName: provider.TypeName}, &resp)
	return resp.TypeName
}

// cliConfig points the CLI at the locally built provider, so no
// `terraform init` (and no registry) is needed.
func cliConfig(providerDir string) string {
	return fmt.Sprintf(`provider_installation {
  dev_overrides {
    %q = %q
  }
  direct {}
}
`, provider.Address, providerDir)
}

// mainTF is the configuration of one scenario; n is the number of data
// sources for scenarioReads.
func mainTF(s scenario, mockURL string, n int) string {
	if s == scenarioNone {
		return "locals {}\n"
	}
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
	if s == scenarioReads {
		// Distinct blocks rather than count: each is its own graph node,
		// as in a real configuration.
		for i := range n {
			fmt.Fprintf(&b, "\ndata %q \"d%d\" {}\n", dataSourceType(), i)
		}
	}
	return b.String()
}

// workspace is the temporary tree the bench runs in. Both providers plan
// the same configurations; only the CLI configuration differs.
type workspace struct {
	root string
	// cliConfig overrides the address with the provider under test,
	// stubCLIConfig with stubDir, which links to the stub.
	cliConfig, stubCLIConfig string
	stubDir                  string
	dirs                     [scenarioCount]string
}

// newWorkspace writes both CLI configurations, the stub's directory with a
// link to stubExe (planbench itself) and one directory per scenario under
// a fresh temporary directory.
func newWorkspace(providerDir, stubExe, mockURL string, n int) (*workspace, error) {
	root, err := os.MkdirTemp("", "planbench-")
	if err != nil {
		return nil, err
	}
	w := &workspace{
		root:          root,
		cliConfig:     filepath.Join(root, "cli.tfrc"),
		stubCLIConfig: filepath.Join(root, "cli-stub.tfrc"),
		stubDir:       filepath.Join(root, "stub"),
	}
	if err := os.Mkdir(w.stubDir, 0o755); err != nil {
		w.remove()
		return nil, err
	}
	if err := os.Symlink(stubExe, filepath.Join(w.stubDir, providerBinary)); err != nil {
		w.remove()
		return nil, err
	}
	for file, dir := range map[string]string{w.cliConfig: providerDir, w.stubCLIConfig: w.stubDir} {
		if err := os.WriteFile(file, []byte(cliConfig(dir)), 0o644); err != nil {
			w.remove()
			return nil, err
		}
	}
	for s := range scenarioCount {
		dir := filepath.Join(root, fmt.Sprintf("config-%d", int(s)))
		if err := os.Mkdir(dir, 0o755); err != nil {
			w.remove()
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(mainTF(s, mockURL, n)), 0o644); err != nil {
			w.remove()
			return nil, err
		}
		w.dirs[s] = dir
	}
	return w, nil
}

func (w *workspace) remove() { _ = os.RemoveAll(w.root) }
