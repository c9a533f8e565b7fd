package trtcmock_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

func TestMaxInFlight(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	const n = 5
	// Hung requests overlap for certain, unlike timed ones.
	h.srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultHang, Times: n})
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() { _, _, _ = h.send(ctx, http.MethodPost, getPath, validQuery(t), "{}") })
	}
	waitFor(t, func() bool {
		rs := h.srv.Requests()
		hung := 0
		for _, r := range rs {
			if r.Fault == trtcmock.FaultHang {
				hung++
			}
		}
		return hung == n
	})
	if got := h.srv.Stats().MaxInFlight; got != n {
		t.Fatalf("MaxInFlight = %d, want %d", got, n)
	}
	cancel()
	wg.Wait()
	waitIdle(t, h.srv)
	wantCode(t, h.live("get_callback", "{}"), 100301, "")
	if st := h.srv.Stats(); st.MaxInFlight != n || st.Requests != n+1 {
		t.Fatalf("Stats = %+v", st)
	}
	h.srv.ResetRequests()
	wantCode(t, h.live("get_callback", "{}"), 100301, "")
	if st := h.srv.Stats(); st.MaxInFlight != 1 || st.Requests != 1 {
		t.Fatalf("after reset: %+v", st)
	}
}

func TestDistinctUserSigsAndLog(t *testing.T) {
	h := newHarness(t, trtcmock.Options{})
	now := time.Now()
	a := mocktest.Sign(t, mocktest.Key, mocktest.AppID, mocktest.Admin, time.Hour, now)
	b := mocktest.Sign(t, mocktest.Key, mocktest.AppID, mocktest.Admin, 2*time.Hour, now)
	for _, s := range []string{a, a, b, a, b, "garbage", ""} {
		q := validQuery(t)
		q.Set("usersig", s)
		h.raw(http.MethodPost, getPath, q, "{}")
	}
	st := h.srv.Stats()
	if st.DistinctUserSigs != 3 || st.Requests != 7 {
		t.Fatalf("Stats = %+v, want 3 distinct (empty not counted) of 7", st)
	}
	rs := h.srv.Requests()
	r := rs[0]
	if r.Method != "POST" || r.Service != "live_config" || r.Command != "get_callback" || r.Body != "{}" ||
		r.UserSig != a || r.Identifier != mocktest.Admin || r.SDKAppID != appParam || r.HTTPStatus != 200 ||
		r.ErrorCode != 100301 || !requestIDPattern.MatchString(r.RequestID) || r.Query.Get("random") != "12345" ||
		!strings.HasPrefix(r.UserAgent, "Go-http-client") || time.Since(r.Time) > time.Minute {
		t.Fatalf("log entry %+v", r)
	}
	if rs[6].ErrorCode != 70002 {
		t.Fatalf("last entry %+v", rs[6])
	}
	// Requests returns a copy.
	rs[0].Query.Set("random", "1")
	if h.srv.Requests()[0].Query.Get("random") != "12345" {
		t.Fatal("Requests shares the log")
	}
	if h.srv.CountRequests("") != 7 || h.srv.CountRequests("get_callback") != 7 || h.srv.CountRequests("set_callback") != 0 {
		t.Fatal("CountRequests")
	}
	h.srv.ResetRequests()
	if st := h.srv.Stats(); st != (trtcmock.Stats{}) || len(h.srv.Requests()) != 0 {
		t.Fatalf("after reset: %+v", st)
	}
}

func TestConnections(t *testing.T) {
	srv := mocktest.Start(t)
	if !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") {
		t.Fatalf("URL = %q", srv.URL())
	}
	post := func(c *http.Client) {
		t.Helper()
		resp, err := c.Post(srv.URL()+getPath+"?"+validQuery(t).Encode(), "application/json", strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	keepAlive := &http.Client{Transport: &http.Transport{}}
	defer keepAlive.CloseIdleConnections()
	for range 3 {
		post(keepAlive)
	}
	if st := srv.Stats(); st.Connections != 1 || st.Requests != 3 {
		t.Fatalf("keep-alive: %+v", st)
	}
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for range 3 {
		post(fresh)
	}
	if st := srv.Stats(); st.Connections != 4 || st.Requests != 6 {
		t.Fatalf("no keep-alive: %+v", st)
	}
}

// Behind httptest, the Server counts connections once ConnState is wired.
func TestHTTPTestConnState(t *testing.T) {
	srv := trtcmock.New(trtcmock.Options{Apps: mocktest.Apps()})
	ts := httptest.NewUnstartedServer(srv)
	ts.Config.ConnState = srv.ConnState
	ts.Start()
	// Cleanups run last-in first-out: release hung handlers before
	// httptest waits for them.
	t.Cleanup(ts.Close)
	t.Cleanup(func() { _ = srv.Close() })
	h := &harness{t: t, srv: srv, base: ts.URL, http: ts.Client()}
	for range 3 {
		h.live("get_callback", "{}")
	}
	if st := h.srv.Stats(); st.Connections != 1 {
		t.Fatalf("Connections = %d via httptest ConnState", st.Connections)
	}
}
