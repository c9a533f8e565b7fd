package main

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func getenv(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

var required = []string{"-terraform", "/usr/bin/terraform", "-provider-dir", "/p"}

func TestParseFlagsDefaults(t *testing.T) {
	o, err := parseFlags(required, getenv(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o.terraform != "/usr/bin/terraform" || o.providerDir != "/p" || !slices.Equal(o.ns, []int{100, 300}) ||
		o.latency != 50*time.Millisecond || o.parallelism != 10 || o.runs != 5 || o.strict {
		t.Errorf("parseFlags = %+v", o)
	}
}

func TestParseFlagsTakesCountsAndStrictFromTheEnvironment(t *testing.T) {
	o, err := parseFlags(required, getenv(map[string]string{"BENCH_N": "300, 20,100,20", "BENCH_STRICT": "1"}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(o.ns, []int{20, 100, 300}) || !o.strict {
		t.Errorf("from BENCH_N and BENCH_STRICT: ns %v, strict %v", o.ns, o.strict)
	}
	o, err = parseFlags(append(required, "-n", "50", "-strict=false"),
		getenv(map[string]string{"BENCH_N": "300", "BENCH_STRICT": "1"}), io.Discard)
	if err != nil || !slices.Equal(o.ns, []int{50}) || o.strict {
		t.Errorf("flags over the environment: ns %v, strict %v, %v", o.ns, o.strict, err)
	}
	if o, _ := parseFlags(required, getenv(map[string]string{"BENCH_STRICT": "true"}), io.Discard); o.strict {
		t.Error("only BENCH_STRICT=1 is strict")
	}
}

func TestParseFlagsRejects(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-provider-dir", "/p"}, "-terraform is required"},
		{[]string{"-terraform", "/t"}, "-provider-dir is required"},
		{append(required, "-n", "100,0"), `-n: "0" is not a count of at least 1`},
		{append(required, "-n", "100,,300"), `-n: "" is not a count`},
		{append(required, "-parallelism", "0"), "-parallelism must be at least 1"},
		{append(required, "-runs", "0"), "-runs must be at least 1"},
		{append(required, "-latency", "0"), "-latency must be positive"},
		{append(required, "extra"), `unexpected argument "extra"`},
		{append(required, "-latency", "soon"), "invalid value"},
	} {
		_, err := parseFlags(c.args, getenv(nil), io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseFlags(%q) = %v, want an error containing %q", c.args, err, c.want)
		}
	}
}

func TestResolvePaths(t *testing.T) {
	dir := t.TempDir()
	tf := filepath.Join(dir, "terraform")
	if err := os.WriteFile(tf, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	o := options{terraform: tf, providerDir: dir}
	err := o.resolvePaths()
	if err == nil || !strings.Contains(err.Error(), "no executable "+providerBinary) {
		t.Fatalf("resolvePaths without a provider = %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, providerBinary), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	o = options{terraform: tf, providerDir: "."}
	if err := o.resolvePaths(); err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(o.providerDir) || !filepath.IsAbs(o.terraform) {
		t.Errorf("paths not absolute: %+v", o)
	}
	o = options{terraform: filepath.Join(dir, "missing"), providerDir: dir}
	if err := o.resolvePaths(); err == nil {
		t.Error("resolvePaths accepted a missing terraform")
	}
}
