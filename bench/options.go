package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

type options struct {
	terraform   string
	providerDir string
	// ns are the data-source counts to time, ascending.
	ns          []int
	latency     time.Duration
	parallelism int
	runs        int
	// strict also gates the wall-clock ratios (strictSpanRatio,
	// strictVsStub; with apps, appsVsOneApp and appsMemoryMB); without it
	// they are only printed.
	strict bool
	// apps are the app counts of the -apps comparison, ascending; when
	// set, planbench runs that instead of the data-source counts.
	apps []int
}

// parseFlags parses and validates args; getenv supplies the defaults of -n
// (BENCH_N) and -strict (BENCH_STRICT=1). It touches no file.
func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (options, error) {
	o := options{strict: getenv("BENCH_STRICT") == "1"}
	counts := getenv("BENCH_N")
	if counts == "" {
		counts = "100,300"
	}
	fs := flag.NewFlagSet("planbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.terraform, "terraform", "", "terraform (or tofu) `binary` to time (required)")
	fs.StringVar(&o.providerDir, "provider-dir", "", "`dir` holding the built "+providerBinary+" (required)")
	fs.StringVar(&counts, "n", counts, "data-source `counts` to time, comma-separated (default from BENCH_N)")
	fs.DurationVar(&o.latency, "latency", 50*time.Millisecond, "delay the mock (and the stub) adds to every read")
	fs.IntVar(&o.parallelism, "parallelism", 10, "terraform plan -parallelism")
	fs.IntVar(&o.runs, "runs", 5, "timed plans per configuration and provider (the median is reported)")
	fs.BoolVar(&o.strict, "strict", o.strict, "also fail on the wall-clock ratios (default from BENCH_STRICT=1)")
	var apps string
	fs.StringVar(&apps, "apps", "", "app `counts`, comma-separated: plan N apps × 1 read through one provider block "+
		"(apps), through N aliased blocks and as N reads of one app, instead of -n")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var errs []error
	for c := range strings.SplitSeq(counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			errs = append(errs, fmt.Errorf("-n: %q is not a count of at least 1", c))
		}
		o.ns = append(o.ns, n)
	}
	slices.Sort(o.ns)
	o.ns = slices.Compact(o.ns)
	if apps != "" {
		for c := range strings.SplitSeq(apps, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(c))
			if err != nil || n < 1 {
				errs = append(errs, fmt.Errorf("-apps: %q is not a count of at least 1", c))
			}
			o.apps = append(o.apps, n)
		}
		slices.Sort(o.apps)
		o.apps = slices.Compact(o.apps)
	}
	if o.terraform == "" {
		errs = append(errs, errors.New("-terraform is required"))
	}
	if o.providerDir == "" {
		errs = append(errs, errors.New("-provider-dir is required"))
	}
	if o.latency <= 0 {
		errs = append(errs, fmt.Errorf("-latency must be positive (the floor is counted in it), got %s", o.latency))
	}
	if o.parallelism < 1 {
		errs = append(errs, fmt.Errorf("-parallelism must be at least 1, got %d", o.parallelism))
	}
	if o.runs < 1 {
		errs = append(errs, fmt.Errorf("-runs must be at least 1, got %d", o.runs))
	}
	return o, errors.Join(errs...)
}

// resolvePaths makes both paths absolute, because terraform runs in other
// directories and dev_overrides wants an absolute path, and checks that
// both binaries are there before any time is spent.
func (o *options) resolvePaths() error {
	tf, err := exec.LookPath(o.terraform)
	if err != nil {
		return fmt.Errorf("-terraform: %w", err)
	}
	if o.terraform, err = filepath.Abs(tf); err != nil {
		return err
	}
	if o.providerDir, err = filepath.Abs(o.providerDir); err != nil {
		return err
	}
	bin := filepath.Join(o.providerDir, providerBinary)
	if info, err := os.Stat(bin); err != nil || info.IsDir() || info.Mode()&0o111 == 0 {
		return fmt.Errorf("-provider-dir: no executable %s in %s (run `make build`)", providerBinary, o.providerDir)
	}
	return nil
}
