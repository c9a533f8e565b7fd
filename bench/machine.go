package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// machine describes where the bench ran, so figures can be compared.
type machine struct {
	GoVersion, GOOS, GOARCH string
	CPUs                    int
	CPUModel                string
}

func currentMachine() machine {
	return machine{
		GoVersion: runtime.Version(),
		GOOS:      runtime.GOOS,
		GOARCH:    runtime.GOARCH,
		CPUs:      runtime.NumCPU(),
		CPUModel:  cpuModel(),
	}
}

func (m machine) String() string {
	s := fmt.Sprintf("%s %s/%s, %d CPUs", m.GoVersion, m.GOOS, m.GOARCH, m.CPUs)
	if m.CPUModel != "" {
		s += ", " + m.CPUModel
	}
	return s
}

// cpuModel is the first "model name" of /proc/cpuinfo, or "" where there
// is no such file (macOS, Windows).
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return ""
}

// loadAverage is the 1, 5 and 15 minute load averages of /proc/loadavg,
// or "" where there is no such file. Other work on the machine moves the
// times (not the counts), so the report shows it.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if err != nil || len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// tfVersion is the part of `terraform version -json` the report shows.
type tfVersion struct {
	Version  string `json:"terraform_version"`
	Platform string `json:"platform"`
}

func terraformVersion(ctx context.Context, tf string, env []string, dir string) (tfVersion, error) {
	cmd := exec.CommandContext(ctx, tf, "version", "-json")
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return tfVersion{}, fmt.Errorf("%s version -json: %v\n%s", tf, err, stderr.String())
	}
	var v tfVersion
	if err := json.Unmarshal(out, &v); err != nil || v.Version == "" {
		return tfVersion{}, fmt.Errorf("%s version -json: unexpected output %q", tf, out)
	}
	return v, nil
}
