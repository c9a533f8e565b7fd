package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cliDir is a working directory that the CLI under test applies with the
// built provider: one Terraform state of its own. Its provider processes
// keep their ledger in a temporary directory of the test's (the ledger is
// per machine: directories that share one are on one machine).
type cliDir struct {
	t    *testing.T
	dir  string
	name string // the CLI's name, for messages
	run  func(args ...string) (string, error)
}

// cliMachine is what the working directories of one machine share: the
// CLI, the built provider and the ledger.
type cliMachine struct {
	cli, name, providerDir string
	tmp                    string // TMPDIR: the provider's ledger lives under it
}

// newCLIMachine is a machine of its own for the CLI under test and the
// provider built in providerDir.
func newCLIMachine(t *testing.T, cli, name, providerDir string) cliMachine {
	return cliMachine{cli: cli, name: name, providerDir: providerDir, tmp: t.TempDir()}
}

// dir is a new working directory on machine m.
func (m cliMachine) dir(t *testing.T) *cliDir {
	dir := t.TempDir()
	env := append(devOverrides(t, m.providerDir, m.name), "TMPDIR="+m.tmp)
	return &cliDir{t: t, dir: dir, name: m.name, run: cliRunner(m.cli, dir, env)}
}

// cliHeader makes Terraform and OpenTofu resolve "trtc" to this provider.
const cliHeader = "terraform {\n  required_providers {\n    trtc = { source = \"trtc/trtc\" }\n  }\n}\n"

// configure writes the configuration (main.tf), after cliHeader.
func (d *cliDir) configure(hcl string) {
	d.t.Helper()
	write(d.t, filepath.Join(d.dir, "main.tf"), cliHeader+hcl)
}

// must runs the CLI and fails the test if it fails.
func (d *cliDir) must(args ...string) string {
	d.t.Helper()
	out, err := d.run(args...)
	if err != nil {
		d.t.Fatalf("%s %s: %v\n%s", d.name, strings.Join(args, " "), err, out)
	}
	return out
}

// exitCode is the CLI's exit code for err (0 for nil).
func exitCode(err error) int {
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	}
	return -1
}

// planExit runs plan -detailed-exitcode: 0 is an empty plan, 2 one with
// changes, 1 an error.
func (d *cliDir) planExit(args ...string) (int, string) {
	out, err := d.run(append([]string{"plan", "-detailed-exitcode"}, args...)...)
	return exitCode(err), out
}

// stateResources are the managed resources of the state, by address, as
// terraform show -json gives their values.
func (d *cliDir) stateResources() map[string]map[string]any {
	d.t.Helper()
	out := d.must("show", "-json")
	var shown struct {
		Values *struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Mode    string         `json:"mode"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		d.t.Fatalf("%s show -json: %v\n%s", d.name, err, out)
	}
	got := map[string]map[string]any{}
	if shown.Values == nil {
		return got // no state
	}
	for _, r := range shown.Values.RootModule.Resources {
		if r.Mode == "managed" {
			got[r.Address] = r.Values
		}
	}
	return got
}

// stateVariant is the variant of s that the state's resource addr holds:
// -1 when the state has no such resource, -2 when it holds no variant.
func (s subject) stateVariant(res map[string]map[string]any, addr string, variants ...int) int {
	v, ok := res[addr]
	if !ok {
		return -1
	}
	for _, i := range variants {
		if s.product == nil {
			if v["token"] == variantToken(i) && v["enabled"] == true {
				return i
			}
			continue
		}
		words, _ := v["callback_commands"].([]any)
		if v["url"] == variantURL(i) && len(words) == 1 && words[0] == s.product.word(0) {
			return i
		}
	}
	return -2
}

// cliResult is one CLI run: its output, its error and how long it took.
type cliResult struct {
	out  string
	err  error
	took time.Duration
}

// timed runs the CLI and times it.
func (d *cliDir) timed(args ...string) cliResult {
	start := time.Now()
	out, err := d.run(args...)
	return cliResult{out: out, err: err, took: time.Since(start)}
}

// countOf is how many times the CLI's output shows a diagnostic summary.
func countOf(out, severity, summary string) int {
	return strings.Count(out, fmt.Sprintf("%s: %s", severity, summary))
}
