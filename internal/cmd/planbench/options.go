package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
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
	maxRatio    float64
	json        bool
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
	fs.Float64Var(&o.maxRatio, "max-ratio", 1.2, "fail when the median ratio exceeds this (0 disables)")
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
	if o.maxRatio < 0 {
		errs = append(errs, fmt.Errorf("-max-ratio must not be negative, got %g", o.maxRatio))
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
