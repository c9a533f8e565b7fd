package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Memory of the provider processes a plan starts, sampled from /proc:
// Linux only. Terraform starts a provider process per provider
// configuration, all at once, so the figure is the most that all of them
// held together: at each sample, the sum of VmRSS over every process named
// providerBinary below the plan's terraform process.

// memorySupported reports whether this system has the /proc this needs.
func memorySupported() bool {
	if runtime.GOOS != "linux" {
		return false
	}
	_, err := os.Stat("/proc/self/status")
	return err == nil
}

// sampleEvery is how often a sampler reads /proc while a plan runs.
const sampleEvery = 20 * time.Millisecond

// treeMemory is one sample: the providers below a process, and the sum of
// their resident memory.
type treeMemory struct {
	processes int
	rssKB     int64
}

// sampleTree finds the processes named name below root and sums their
// VmRSS. A process that exits between the steps is skipped.
func sampleTree(root int, name string) treeMemory {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return treeMemory{}
	}
	parent := map[int]int{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		raw, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		if ppid, ok := parentOf(raw); ok {
			parent[pid] = ppid
		}
	}
	var m treeMemory
	for pid := range parent {
		if !below(pid, root, parent) {
			continue
		}
		exe, err := os.Readlink("/proc/" + strconv.Itoa(pid) + "/exe")
		if err != nil || filepath.Base(strings.TrimSuffix(exe, " (deleted)")) != name {
			continue
		}
		status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
		if err != nil {
			continue
		}
		if kb, ok := vmRSS(status); ok {
			m.processes++
			m.rssKB += kb
		}
	}
	return m
}

// below reports whether pid descends from root.
func below(pid, root int, parent map[int]int) bool {
	for steps := 0; pid > 1 && steps < 64; steps++ {
		ppid, ok := parent[pid]
		if !ok {
			return false
		}
		if ppid == root {
			return true
		}
		pid = ppid
	}
	return false
}

// parentOf reads the parent PID from /proc/<pid>/stat: the second field
// after the command name, which is in parentheses and may hold spaces.
func parentOf(stat []byte) (int, bool) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 2 {
		return 0, false
	}
	ppid, err := strconv.Atoi(f[1])
	return ppid, err == nil
}

// vmRSS reads "VmRSS:   12345 kB" from /proc/<pid>/status.
func vmRSS(status []byte) (int64, bool) {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if !ok || name != "VmRSS" {
			continue
		}
		f := strings.Fields(value)
		if len(f) != 2 || f[1] != "kB" {
			return 0, false
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		return kb, err == nil
	}
	return 0, false
}

// peakMemory is what a sampler saw over one plan.
type peakMemory struct {
	// rssKB is the most the providers held together; processes the most
	// providers alive at once.
	rssKB     int64
	processes int
	samples   int
}

// sampler samples the provider processes below one process until stopped.
type sampler struct {
	stop chan struct{}
	done sync.WaitGroup
	peak peakMemory
}

// startSampler samples below root every sampleEvery; it does nothing where
// memory is not supported.
func startSampler(root int, name string) *sampler {
	s := &sampler{stop: make(chan struct{})}
	if !memorySupported() {
		return s
	}
	s.done.Go(func() {
		t := time.NewTicker(sampleEvery)
		defer t.Stop()
		for {
			m := sampleTree(root, name)
			s.peak.samples++
			s.peak.rssKB = max(s.peak.rssKB, m.rssKB)
			s.peak.processes = max(s.peak.processes, m.processes)
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	})
	return s
}

// finish stops the sampler and returns its peak.
func (s *sampler) finish() peakMemory {
	close(s.stop)
	s.done.Wait()
	return s.peak
}
