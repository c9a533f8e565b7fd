package trtcmock_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// lastRequest is the newest log entry.
func lastRequest(t *testing.T, s *trtcmock.Server) trtcmock.Request {
	t.Helper()
	rs := s.Requests()
	if len(rs) == 0 {
		t.Fatal("empty request log")
	}
	return rs[len(rs)-1]
}

const setPath = "/v4/live_config/set_callback"

func TestFaultErrorCode(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	h.srv.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 60008, ErrorInfo: "service timeout"})
	wantCode(t, h.live("set_callback", cbBody), 60008, "service timeout")
	if _, found := h.srv.Config(mocktest.AppID, "live_config"); found {
		t.Fatal("error_code fault applied the command")
	}
	r := lastRequest(t, h.srv)
	if r.Fault != trtcmock.FaultErrorCode || r.ErrorCode != 60008 || r.HTTPStatus != 200 || r.Applied {
		t.Fatalf("log entry %+v", r)
	}
	wantCode(t, h.live("set_callback", cbBody), 0, "")

	h.srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode})
	wantCode(t, h.live("get_callback", "{}"), 100001, "")
}

func TestFaultHTTPStatus(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	h.srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 429, RetryAfter: "2"})
	h.srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHTTPStatus})
	resp, body, err := h.send(t.Context(), http.MethodPost, setPath, validQuery(t), cbBody)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "2" || json.Valid(body) || len(body) == 0 {
		t.Fatalf("got %d Retry-After=%q body %q", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	resp, body, err = h.send(t.Context(), http.MethodPost, setPath, validQuery(t), cbBody)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 502 || resp.Header.Get("Retry-After") != "" || json.Valid(body) {
		t.Fatalf("default: got %d %q", resp.StatusCode, body)
	}
	if _, found := h.srv.Config(mocktest.AppID, "live_config"); found {
		t.Fatal("http_status fault applied the command")
	}
	if r := lastRequest(t, h.srv); r.HTTPStatus != 502 || r.ErrorCode != -1 || r.Fault != trtcmock.FaultHTTPStatus {
		t.Fatalf("log entry %+v", r)
	}
}

func TestFaultNonJSON(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	h.srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultNonJSON})
	resp, body, err := h.send(t.Context(), http.MethodPost, setPath, validQuery(t), cbBody)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		json.Valid(body) || !strings.Contains(string(body), "<html>") {
		t.Fatalf("got %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if _, found := h.srv.Config(mocktest.AppID, "live_config"); found {
		t.Fatal("non_json fault applied the command")
	}
}

func TestFaultTruncated(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	h.srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultTruncated})
	resp, body, err := h.send(t.Context(), http.MethodPost, setPath, validQuery(t), cbBody)
	if err != nil {
		t.Fatalf("truncated must be well framed HTTP: %v", err)
	}
	var v any
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" ||
		!strings.HasPrefix(string(body), `{"ActionStatus"`) || json.Unmarshal(body, &v) == nil {
		t.Fatalf("got %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if _, found := h.srv.Config(mocktest.AppID, "live_config"); found {
		t.Fatal("truncated fault applied the command")
	}
}

func TestFaultHangReleasedByClient(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	h.srv.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultHang})
	ctx, cancel := context.WithTimeout(t.Context(), 150*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := h.send(ctx, http.MethodPost, setPath, validQuery(t), cbBody)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the client's deadline", err)
	}
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Fatalf("answered after %v", d)
	}
	if h.srv.PendingFaults() != 0 {
		t.Fatal("hang fault not consumed")
	}
	waitIdle(t, h.srv)
	if r := lastRequest(t, h.srv); r.Fault != trtcmock.FaultHang || r.HTTPStatus != 0 || r.ErrorCode != -1 || r.Applied {
		t.Fatalf("log entry %+v", r)
	}
	if _, found := h.srv.Config(mocktest.AppID, "live_config"); found {
		t.Fatal("hang fault applied the command")
	}
	// The server is usable afterwards.
	wantCode(t, h.live("set_callback", cbBody), 0, "")
}

func TestFaultHangReleasedByClose(t *testing.T) {
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHang})
	errc := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, srv.URL()+setPath+"?"+validQuery(t).Encode(), strings.NewReader(cbBody))
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	waitFor(t, func() bool { return srv.CountRequests("") == 1 })
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-errc:
		if err == nil {
			t.Fatal("a hung request got an answer on Close")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not release the hung request")
	}
}

func TestFaultDrop(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	h.srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultDrop})
	_, _, err := h.send(t.Context(), http.MethodPost, setPath, validQuery(t), cbBody)
	if err == nil {
		t.Fatal("drop answered")
	}
	if _, found := h.srv.Config(mocktest.AppID, "live_config"); found {
		t.Fatal("drop fault applied the command")
	}
	if r := lastRequest(t, h.srv); r.Fault != trtcmock.FaultDrop || r.HTTPStatus != 0 || r.ErrorCode != -1 || r.Applied {
		t.Fatalf("log entry %+v", r)
	}
	if n := h.srv.CountRequests("set_callback"); n != 1 {
		t.Fatalf("the client retried: %d requests", n)
	}
}

func TestFaultLoseAnswer(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	h.srv.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultLoseAnswer})
	_, _, err := h.send(t.Context(), http.MethodPost, setPath, validQuery(t), cbBody)
	if err == nil {
		t.Fatal("lose_answer answered")
	}
	if got, found := h.srv.Config(mocktest.AppID, "live_config"); !found || !equalConfig(got, cbConfig) {
		t.Fatalf("lose_answer must apply the command; stored %+v %v", got, found)
	}
	if r := lastRequest(t, h.srv); r.Fault != trtcmock.FaultLoseAnswer || r.HTTPStatus != 0 || r.ErrorCode != 0 || !r.Applied {
		t.Fatalf("log entry %+v", r)
	}
	// A retry of the create now finds it.
	wantCode(t, h.live("set_callback", cbBody), 100300, "")

	// A lost failure is logged with the code it would have answered.
	h.srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultLoseAnswer})
	if _, _, err := h.send(t.Context(), http.MethodPost, setPath, validQuery(t), cbBody); err == nil {
		t.Fatal("lose_answer answered")
	}
	if r := lastRequest(t, h.srv); r.ErrorCode != 100300 || r.Applied {
		t.Fatalf("log entry %+v", r)
	}
}

func TestFaultTimesAndMatching(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	h.srv.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 100001, Times: 3})
	if n := h.srv.PendingFaults(); n != 3 {
		t.Fatalf("PendingFaults = %d", n)
	}
	// Other commands pass untouched.
	wantCode(t, h.live("get_callback", "{}"), 100301, "")
	for i := range 3 {
		wantCode(t, h.live("set_callback", cbBody), 100001, "")
		if n := h.srv.PendingFaults(); n != 2-i {
			t.Fatalf("PendingFaults = %d after %d", n, i+1)
		}
	}
	wantCode(t, h.live("set_callback", cbBody), 0, "")

	// FIFO among matching faults; "" matches any command.
	h.srv.InjectFault(trtcmock.Fault{Command: "update_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 1})
	h.srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 2})
	h.srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 3})
	wantCode(t, h.live("get_callback", "{}"), 2, "")
	wantCode(t, h.live("update_callback", cbBody), 1, "")
	wantCode(t, h.live("delete_callback", "{}"), 3, "")
	if n := h.srv.PendingFaults(); n != 0 {
		t.Fatalf("PendingFaults = %d", n)
	}
	if _, found := h.srv.Config(mocktest.AppID, "live_config"); !found {
		t.Fatal("faulted delete applied")
	}
}

func TestLatency(t *testing.T) {
	const lat = 100 * time.Millisecond
	h := newHarness(t, trtcmock.Options{Latency: lat})
	start := time.Now()
	wantCode(t, h.live("get_callback", "{}"), 100301, "")
	if d := time.Since(start); d < lat {
		t.Fatalf("answered after %v, want at least %v", d, lat)
	}
	// A client giving up during the latency: nothing is applied.
	h.srv.SetLatency(10 * time.Second)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, _, err := h.send(ctx, http.MethodPost, setPath, validQuery(t), cbBody); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	waitIdle(t, h.srv)
	if _, found := h.srv.Config(mocktest.AppID, "live_config"); found {
		t.Fatal("a request abandoned during latency was applied")
	}
	h.srv.SetLatency(0)
	start = time.Now()
	wantCode(t, h.live("get_callback", "{}"), 100301, "")
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("SetLatency(0) ignored: %v", d)
	}
	// Control requests are not delayed.
	h.srv.SetLatency(10 * time.Second)
	resp, _, err := h.send(t.Context(), http.MethodGet, "/_mock/stats", nil, "")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("control request: %v", err)
	}
}

// waitIdle waits until no API request is being handled.
func waitIdle(t *testing.T, s *trtcmock.Server) {
	t.Helper()
	waitFor(t, func() bool { return trtcmock.InFlight(s) == 0 })
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 5s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestFaultSkipLetsEarlierRequestsThrough(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	h.srv.InjectFault(trtcmock.Fault{Command: "get_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 100001, Skip: 2})
	for i, want := range []int{100301, 100301, 100001, 100301} {
		if got := h.live("get_callback", "{}").ErrorCode; got != want {
			t.Fatalf("request %d: ErrorCode %d, want %d", i+1, got, want)
		}
	}
}
