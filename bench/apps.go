package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/provider"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// planbench -apps: many apps, one read each, through one provider block
// with apps, and through an aliased provider block per app, beside the
// same number of reads of one app through one block. Terraform starts a
// provider process per provider configuration, so the aliases cost a
// process per app; one block serves every app from one process, each app
// with its own UserSig, rate limit and connections.

// setup is one way of configuring the reads.
type setup string

const (
	oneBlock setup = "one block" // provider "trtc" { apps = [N entries] }, a data source per app
	aliases  setup = "aliases"   // N aliased provider blocks, a data source through each
	oneApp   setup = "one app"   // provider "trtc" { sdk_app_id = ... }, count = N
)

var setups = []setup{oneBlock, aliases, oneApp}

// appsPlan is one configuration: n apps (or n reads of one app) in setup s.
type appsPlan struct {
	setup setup
	n     int
}

func (p appsPlan) String() string { return fmt.Sprintf("%s, N=%d", p.setup, p.n) }

// wantUserSigs is how many distinct UserSigs the plan must send: one per
// app, signed once; one for the reads of one app.
func (p appsPlan) wantUserSigs() int {
	if p.setup == oneApp {
		return 1
	}
	return p.n
}

func appsPlans(ns []int) []appsPlan {
	var ps []appsPlan
	for _, n := range ns {
		for _, s := range setups {
			ps = append(ps, appsPlan{s, n})
		}
	}
	return ps
}

// benchApp is the i-th app the mock hosts for -apps, with a key of its own
// (a fake made up for this bench).
func benchApp(i int) trtcmock.App {
	id := uint64(benchAppID + 100000 + i)
	return trtcmock.App{SDKAppID: id, Key: fmt.Sprintf("bench-only-fake-key-of-app-%d-7c3e9a1f5b", id)}
}

// appsTF is the configuration of plan p against the mock at mockURL.
func appsTF(p appsPlan, mockURL string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "terraform {\n  required_providers {\n    %s = {\n      source = %q\n    }\n  }\n}\n",
		provider.TypeName, provider.Address)
	switch p.setup {
	case oneBlock:
		fmt.Fprintf(&b, "\nprovider %q {\n  endpoint = %q\n  apps = [\n", provider.TypeName, mockURL)
		var ids []string
		for i := range p.n {
			a := benchApp(i)
			fmt.Fprintf(&b, "    { sdk_app_id = %d, secret_key = %q },\n", a.SDKAppID, a.Key)
			ids = append(ids, strconv.FormatUint(a.SDKAppID, 10))
		}
		// count, as for the reads of one app: Terraform's for_each costs
		// it more per instance than count does, which is not the provider's.
		fmt.Fprintf(&b, "  ]\n}\n\nlocals {\n  apps = [%s]\n}\n\ndata %q \"this\" {\n  count      = length(local.apps)\n  sdk_app_id = local.apps[count.index]\n}\n",
			strings.Join(ids, ", "), dataSourceType())
	case aliases:
		for i := range p.n {
			a := benchApp(i)
			fmt.Fprintf(&b, "\nprovider %q {\n  alias      = \"app%d\"\n  sdk_app_id = %d\n  secret_key = %q\n  endpoint   = %q\n}\n",
				provider.TypeName, i, a.SDKAppID, a.Key, mockURL)
			fmt.Fprintf(&b, "\ndata %q \"app%d\" {\n  provider = %s.app%d\n}\n", dataSourceType(), i, provider.TypeName, i)
		}
	case oneApp:
		a := benchApp(0)
		fmt.Fprintf(&b, "\nprovider %q {\n  sdk_app_id = %d\n  secret_key = %q\n  endpoint   = %q\n}\n\ndata %q \"this\" {\n  count = %d\n}\n",
			provider.TypeName, a.SDKAppID, a.Key, mockURL, dataSourceType(), p.n)
	}
	return b.String()
}

// appsSample is one timed plan of -apps.
type appsSample struct {
	time   time.Duration
	stats  trtcmock.Stats
	memory peakMemory
}

// appsResult is what -apps measured.
type appsResult struct {
	opts      options
	machine   machine
	terraform tfVersion
	load      string
	// memory is false where it cannot be measured (not Linux).
	memory  bool
	samples map[appsPlan][]appsSample
}

// appsBench writes a directory per plan, warms up with one untimed plan,
// then times every plan once per run, in a new random order each run.
func appsBench(ctx context.Context, o options, progress io.Writer) (*appsResult, error) {
	most := o.apps[len(o.apps)-1]
	hosted := make([]trtcmock.App, most)
	for i := range hosted {
		hosted[i] = benchApp(i)
	}
	mock, err := trtcmock.Listen("127.0.0.1:0", trtcmock.Options{Apps: hosted, Latency: o.latency})
	if err != nil {
		return nil, err
	}
	defer mock.Close()
	for _, a := range hosted {
		mock.SetConfig(a.SDKAppID, trtcmock.ServiceLive, benchConfig)
	}

	root, err := os.MkdirTemp("", "planbench-apps-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(root)
	cliConfigFile := filepath.Join(root, "cli.tfrc")
	if err := os.WriteFile(cliConfigFile, []byte(cliConfig(o.providerDir)), 0o644); err != nil {
		return nil, err
	}
	env := planEnv(os.Environ(), cliConfigFile)
	dirs := map[appsPlan]string{}
	ps := appsPlans(o.apps)
	for _, p := range ps {
		dir := filepath.Join(root, fmt.Sprintf("%s-%d", strings.ReplaceAll(string(p.setup), " ", "-"), p.n))
		if err := os.Mkdir(dir, 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(appsTF(p, mock.URL())), 0o644); err != nil {
			return nil, err
		}
		dirs[p] = dir
	}

	res := &appsResult{opts: o, machine: currentMachine(), memory: memorySupported(), samples: map[appsPlan][]appsSample{}}
	if res.terraform, err = terraformVersion(ctx, o.terraform, env, root); err != nil {
		return nil, err
	}
	fmt.Fprintln(progress, "planbench -apps: warming up (one untimed plan)...")
	if _, err := timeAppsPlan(ctx, o, env, dirs[ps[0]], ps[0]); err != nil {
		return nil, err
	}
	for run := range o.runs {
		fmt.Fprintf(progress, "planbench -apps: run %d/%d\n", run+1, o.runs)
		rand.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		for _, p := range ps {
			mock.ResetRequests()
			s, err := timeAppsPlan(ctx, o, env, dirs[p], p)
			if err != nil {
				return nil, err
			}
			s.stats = mock.Stats()
			res.samples[p] = append(res.samples[p], s)
		}
	}
	res.load = loadAverage()
	return res, nil
}

// timeAppsPlan runs one plan, sampling its providers' memory meanwhile.
func timeAppsPlan(ctx context.Context, o options, env []string, dir string, p appsPlan) (appsSample, error) {
	cmd := exec.CommandContext(ctx, o.terraform, "plan", "-input=false", "-lock=false", "-refresh=true", "-no-color",
		"-parallelism="+strconv.Itoa(o.parallelism))
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return appsSample{}, err
	}
	mem := startSampler(cmd.Process.Pid, providerBinary)
	err := cmd.Wait()
	elapsed := time.Since(start)
	peak := mem.finish()
	if err != nil {
		return appsSample{}, fmt.Errorf("terraform plan (%s): %v\n%s", p, err, out.String())
	}
	return appsSample{time: elapsed, memory: peak}, nil
}
