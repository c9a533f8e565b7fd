package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// syncBuffer lets the serving goroutine and the test share output.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func runArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(t.Context(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"serve", "-listen", "0.0.0.0:0"},
		{"serve", "-listen", ":0"},
		{"serve", "-listen", "192.0.2.1:0"},
		{"serve", "-listen", "nonsense"},
		{"serve", "-no-such-flag"},
		{"serve", "extra"},
		{"serve", "-key", ""},
		{"set-config", "-sdkappid", "1", "-url", "https://a"},
		{"set-config", "-mock", "http://127.0.0.1:1", "-url", "https://a"},
		{"set-config", "-mock", "http://127.0.0.1:1", "-sdkappid", "1"},
		{"show-config", "-mock", "http://127.0.0.1:1", "-sdkappid", "1", "-url", "x"},
	} {
		code, _, stderr := runArgs(t, args...)
		if code != 2 || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
	if code, _, stderr := runArgs(t, "serve", "-listen", "0.0.0.0:0"); !strings.Contains(stderr, "non-loopback") {
		t.Errorf("exit %d: %q", code, stderr)
	}
	if code, _, stderr := runArgs(t, "serve", "-h"); code != 0 || !strings.Contains(stderr, "-read-lag") {
		t.Errorf("serve -h: %d %q", code, stderr)
	}
	if code, stdout, _ := runArgs(t, "help"); code != 0 || !strings.Contains(stdout, "set-config") {
		t.Errorf("help: %d %q", code, stdout)
	}
}

func TestCheckLoopback(t *testing.T) {
	for addr, okay := range map[string]bool{
		"127.0.0.1:0": true, "127.0.0.2:8080": true, "[::1]:0": true, "localhost:0": true,
		"0.0.0.0:0": false, ":0": false, "[::]:0": false, "10.0.0.1:80": false, "example.com:80": false,
	} {
		if err := checkLoopback(addr); (err == nil) != okay {
			t.Errorf("checkLoopback(%q) = %v", addr, err)
		}
	}
}

func TestServeAndClients(t *testing.T) {
	urlFile := filepath.Join(t.TempDir(), "url")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-listen", "127.0.0.1:0", "-sdkappid", "1400000000",
			"-admins", "administrator,ops", "-url-file", urlFile}, &stdout, &stderr)
	}()
	var base string
	deadline := time.Now().Add(5 * time.Second)
	for base == "" {
		if b, err := os.ReadFile(urlFile); err == nil && len(b) > 0 {
			base = string(b)
		} else if time.Now().After(deadline) {
			t.Fatalf("no URL file; stderr %q", stderr.String())
		} else {
			time.Sleep(5 * time.Millisecond)
		}
	}
	if strings.HasSuffix(base, "\n") || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("URL file %q", base)
	}

	mustRun := func(want int, args ...string) string {
		t.Helper()
		code, out, errOut := runArgs(t, args...)
		if code != want {
			t.Fatalf("%q: exit %d, want %d; stderr %q", args, code, want, errOut)
		}
		return out + errOut
	}
	mustRun(1, "show-config", "-mock", base, "-sdkappid", "1400000000")
	mustRun(0, "set-config", "-mock", base, "-sdkappid", "1400000000", "-url", "https://hooks.example.com/a",
		"-commands", "Live.CallbackAfterCreateRoom, Live.CallbackAfterDestroyRoom")
	out := mustRun(0, "show-config", "-mock", base, "-sdkappid", "1400000000")
	if !strings.Contains(out, `"Url": "https://hooks.example.com/a"`) || !strings.Contains(out, `"Live.CallbackAfterDestroyRoom"`) {
		t.Fatalf("show-config printed %q", out)
	}

	// The API, signed with the default demo key, sees the out-of-band config.
	sig := mocktest.Sign(t, demoKey, 1400000000, "ops", time.Hour, time.Now())
	q := url.Values{"sdkappid": {"1400000000"}, "identifier": {"ops"}, "usersig": {sig}, "random": {"1"}, "contenttype": {"json"}}
	resp, err := http.Post(base+"/v4/live_config/get_callback?"+q.Encode(), "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"ErrorCode":0`) || !strings.Contains(string(body), "hooks.example.com/a") {
		t.Fatalf("get_callback: %s", body)
	}

	mustRun(0, "set-config", "-mock", base, "-sdkappid", "1400000000", "-service", "call_config", "-url", "https://c.example.com", "-commands", "")
	if out := mustRun(0, "show-config", "-mock", base, "-sdkappid", "1400000000", "-service", "call_config"); !strings.Contains(out, `"CallbackCommandList": []`) {
		t.Fatalf("empty commands: %q", out)
	}
	mustRun(0, "delete-config", "-mock", base, "-sdkappid", "1400000000")
	mustRun(1, "show-config", "-mock", base, "-sdkappid", "1400000000")

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d; stderr %q", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop on cancel")
	}
	if got := stdout.String(); got != "trtc-mock listening on "+base+"\n" {
		t.Fatalf("stdout %q", got)
	}
	// Unreachable mock: a clear failure, not a usage error.
	if out := mustRun(1, "delete-config", "-mock", base, "-sdkappid", "1"); !strings.Contains(out, "delete-config") {
		t.Fatalf("message %q", out)
	}
}

func TestSplitList(t *testing.T) {
	got := splitList(" a, b,,c ,")
	if strings.Join(got, "|") != "a|b|c" {
		t.Fatalf("splitList = %q", got)
	}
	if splitList("") != nil {
		t.Fatal("empty list")
	}
}
