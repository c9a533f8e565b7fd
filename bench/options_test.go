package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseFlagsDefaults(t *testing.T) {
	o, err := parseFlags([]string{"-terraform", "/usr/bin/terraform", "-provider-dir", "/p"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := options{terraform: "/usr/bin/terraform", providerDir: "/p", n: 100, latency: 50 * time.Millisecond,
		parallelism: 10, runs: 5, stub: true, maxRatio: 0, maxSpanRatio: 1.2, maxVsStub: 1.25}
	if o != want {
		t.Errorf("parseFlags = %+v, want %+v", o, want)
	}
}

func TestParseFlagsRejects(t *testing.T) {
	base := []string{"-terraform", "/t", "-provider-dir", "/p"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-provider-dir", "/p"}, "-terraform is required"},
		{[]string{"-terraform", "/t"}, "-provider-dir is required"},
		{append(base, "-n", "0"), "-n must be at least 1"},
		{append(base, "-parallelism", "0"), "-parallelism must be at least 1"},
		{append(base, "-runs", "0"), "-runs must be at least 1"},
		{append(base, "-latency", "-1ms"), "-latency must not be negative"},
		{append(base, "-max-ratio", "-1"), "-max-ratio must be 0 (off) or positive"},
		{append(base, "-max-span-ratio", "-0.5"), "-max-span-ratio must be 0 (off) or positive"},
		{append(base, "-max-vs-stub", "NaN"), "-max-vs-stub must be 0 (off) or positive"},
		{append(base, "extra"), `unexpected argument "extra"`},
		{append(base, "-latency", "soon"), "invalid value"},
	} {
		_, err := parseFlags(c.args, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseFlags(%q) = %v, want an error containing %q", c.args, err, c.want)
		}
	}
}

func TestParseFlagsAcceptsDisabledGatesAndZeroLatency(t *testing.T) {
	o, err := parseFlags([]string{"-terraform", "/t", "-provider-dir", "/p", "-max-ratio", "1.5", "-max-span-ratio", "0",
		"-max-vs-stub", "0", "-stub=false", "-latency", "0", "-json"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o.maxRatio != 1.5 || o.maxSpanRatio != 0 || o.maxVsStub != 0 || o.stub || o.latency != 0 || !o.json {
		t.Errorf("got %+v", o)
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
