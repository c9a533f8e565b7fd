package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

type options struct {
	terraform   string
	providerDir string
	n           int
	latency     time.Duration
	parallelism int
	runs        int
	// stub also times the stub provider, the baseline (-stub).
	stub bool
	// Gates; 0 turns one off.
	maxRatio     float64
	maxSpanRatio float64
	maxVsStub    float64
	json         bool
}

// parseFlags parses and validates args; it touches no file.
func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("planbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.terraform, "terraform", "", "terraform (or tofu) `binary` to time (required)")
	fs.StringVar(&o.providerDir, "provider-dir", "", "`dir` holding the built "+providerBinary+" (required)")
	fs.IntVar(&o.n, "n", 100, "data sources in the large configuration")
	fs.DurationVar(&o.latency, "latency", 50*time.Millisecond, "delay the mock adds to every API answer")
	fs.IntVar(&o.parallelism, "parallelism", 10, "terraform plan -parallelism")
	fs.IntVar(&o.runs, "runs", 5, "timed plans per configuration (median and min are reported)")
	fs.BoolVar(&o.stub, "stub", true, "also time a do-nothing framework provider, the baseline this one is compared with")
	fs.Float64Var(&o.maxRatio, "max-ratio", 0, "fail when the median (T_N - T0) / floor exceeds this (0 disables)")
	fs.Float64Var(&o.maxSpanRatio, "max-span-ratio", 1.2, "fail when the median API span / floor exceeds this (0 disables)")
	fs.Float64Var(&o.maxVsStub, "max-vs-stub", 1.25,
		"fail when this provider's median T_N - T0 over the stub's exceeds this (0 disables; needs -stub)")
	fs.BoolVar(&o.json, "json", false, "also print the result as one JSON line")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return o, o.validate()
}

func (o options) validate() error {
	var errs []error
	if o.terraform == "" {
		errs = append(errs, errors.New("-terraform is required"))
	}
	if o.providerDir == "" {
		errs = append(errs, errors.New("-provider-dir is required"))
	}
	if o.n < 1 {
		errs = append(errs, fmt.Errorf("-n must be at least 1, got %d", o.n))
	}
	if o.latency < 0 {
		errs = append(errs, fmt.Errorf("-latency must not be negative, got %s", o.latency))
	}
	if o.parallelism < 1 {
		errs = append(errs, fmt.Errorf("-parallelism must be at least 1, got %d", o.parallelism))
	}
	if o.runs < 1 {
		errs = append(errs, fmt.Errorf("-runs must be at least 1, got %d", o.runs))
	}
	for _, limit := range []struct {
		name  string
		value float64
	}{{"-max-ratio", o.maxRatio}, {"-max-span-ratio", o.maxSpanRatio}, {"-max-vs-stub", o.maxVsStub}} {
		if limit.value < 0 || math.IsNaN(limit.value) {
			errs = append(errs, fmt.Errorf("%s must be 0 (off) or positive, got %g", limit.name, limit.value))
		}
	}
	return errors.Join(errs...)
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
