package trtcapi

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

var (
	cfgA = WebhookConfig{URL: "https://a.example.com/trtc", Commands: []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"}}
	cfgB = WebhookConfig{URL: "https://b.example.com/hook", Commands: []string{"Mic.CallbackAfterSeatInfoChanged"}}
)

func mockConfig(c WebhookConfig) trtcmock.Config {
	return trtcmock.Config{URL: c.URL, Commands: slices.Clone(c.Commands)}
}

// stored is the mock's configuration of svc, ignoring read lag.
func stored(t *testing.T, srv *trtcmock.Server, svc string) (WebhookConfig, bool) {
	t.Helper()
	c, ok := srv.Config(mocktest.AppID, svc)
	return WebhookConfig{URL: c.URL, Commands: c.Commands}, ok
}

func wantCommands(t *testing.T, srv *trtcmock.Server, want ...string) {
	t.Helper()
	if got := mocktest.Commands(srv, ""); !slices.Equal(got, want) {
		t.Errorf("request sequence %v, want %v", got, want)
	}
}

func TestWebhookLifecycle(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	w := newClient(t, srv.URL()).Webhooks(LiveWebhooks)
	ctx := t.Context()

	if _, err := w.Get(ctx); !errors.Is(err, ErrNoConfiguration) {
		t.Fatalf("Get of nothing: %v", err)
	}
	if err := w.Create(ctx, cfgA); err != nil {
		t.Fatalf("Create: %v", err)
	}
	if got, ok := stored(t, srv, service); !ok || !got.Equal(cfgA) {
		t.Errorf("stored %+v after Create", got)
	}
	got, err := w.Get(ctx)
	if err != nil || !got.Equal(cfgA) || got.URL != cfgA.URL {
		t.Errorf("Get = %+v, %v", got, err)
	}
	if err := w.Update(ctx, cfgB); err != nil {
		t.Fatalf("Update: %v", err)
	}
	if got, _ := stored(t, srv, service); !got.Equal(cfgB) {
		t.Errorf("stored %+v after Update", got)
	}
	if err := w.Delete(ctx); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, ok := stored(t, srv, service); ok {
		t.Error("configuration still stored after Delete")
	}
	if _, err := w.Get(ctx); !errors.Is(err, ErrNoConfiguration) {
		t.Errorf("Get after Delete: %v", err)
	}
	wantCommands(t, srv, "get_callback", "set_callback", "get_callback", "update_callback", "delete_callback", "get_callback")

	// The write bodies are the documented {Url, CallbackCommandList}.
	reqs := srv.Requests()
	for _, i := range []int{1, 3} {
		var body map[string]json.RawMessage
		if err := json.Unmarshal([]byte(reqs[i].Body), &body); err != nil || len(body) != 2 || body["Url"] == nil || body["CallbackCommandList"] == nil {
			t.Errorf("%s body %s", reqs[i].Command, reqs[i].Body)
		}
	}
}

// An empty command list goes on the wire as [], never null: both fields
// are mandatory and the service wants an array.
func TestWebhookEmptyCommandList(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	w := newClient(t, srv.URL()).Webhooks(LiveWebhooks)
	if err := w.Create(t.Context(), WebhookConfig{URL: "https://a.example.com"}); err != nil {
		t.Fatalf("Create with no commands: %v", err)
	}
	if err := w.Update(t.Context(), WebhookConfig{URL: "https://b.example.com"}); err != nil {
		t.Fatalf("Update with no commands: %v", err)
	}
	for _, r := range srv.Requests() {
		if r.Body != `{"Url":"https://a.example.com","CallbackCommandList":[]}` && r.Body != `{"Url":"https://b.example.com","CallbackCommandList":[]}` {
			t.Errorf("%s body %s", r.Command, r.Body)
		}
	}
	if got, ok := stored(t, srv, service); !ok || got.URL != "https://b.example.com" || got.Commands == nil || len(got.Commands) != 0 {
		t.Errorf("stored %+v", got)
	}
}

func TestDeleteMissing(t *testing.T) {
	t.Parallel()
	for _, code := range []int{0, CodeNoConfiguration} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			t.Parallel()
			srv := mocktest.Start(t, func(o *trtcmock.Options) { o.DeleteMissingCode = code })
			if err := newClient(t, srv.URL()).Webhooks(LiveWebhooks).Delete(t.Context()); err != nil {
				t.Errorf("Delete of nothing: %v", err)
			}
			wantCommands(t, srv, "delete_callback")
			if got := srv.Requests()[0].ErrorCode; got != code {
				t.Errorf("setup: the mock answered %d", got)
			}
		})
	}
}

func TestDeleteOtherErrorsStand(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Kind: trtcmock.FaultErrorCode, ErrorCode: 100002})
	err := newClient(t, srv.URL()).Webhooks(LiveWebhooks).Delete(t.Context())
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode != 100002 {
		t.Errorf("Delete: %v", err)
	}
}

func TestCreateOverExisting(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.SetConfig(mocktest.AppID, service, mockConfig(cfgB))
	err := newClient(t, srv.URL()).Webhooks(LiveWebhooks).Create(t.Context(), cfgA)
	if !errors.Is(err, ErrAlreadyExists) || IsUncertain(err) {
		t.Fatalf("Create over existing: %v (uncertain %v)", err, IsUncertain(err))
	}
	if got, _ := stored(t, srv, service); !got.Equal(cfgB) {
		t.Errorf("existing configuration overwritten: %+v", got)
	}
	wantCommands(t, srv, "set_callback")
}

// Where set_callback overwrites, the client still only sends set_callback;
// reading first is the provider's business.
func TestCreateWithSetOverwrites(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t, func(o *trtcmock.Options) { o.SetOverwrites = true })
	srv.SetConfig(mocktest.AppID, service, mockConfig(cfgB))
	if err := newClient(t, srv.URL()).Webhooks(LiveWebhooks).Create(t.Context(), cfgA); err != nil {
		t.Fatal(err)
	}
	wantCommands(t, srv, "set_callback")
	if got, _ := stored(t, srv, service); !got.Equal(cfgA) {
		t.Errorf("stored %+v", got)
	}
}

// The answer to an applied set_callback is lost; the retry meets 100300.
// The client reports exactly that, marked uncertain: settling it by
// reading is the caller's (the provider's lifecycle engine).
func TestCreateLostAnswer(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultLoseAnswer})
	err := newClient(t, srv.URL()).Webhooks(LiveWebhooks).Create(t.Context(), cfgA)
	if !errors.Is(err, ErrAlreadyExists) || !IsUncertain(err) {
		t.Fatalf("Create: %v (uncertain %v), want an uncertain 100300", err, IsUncertain(err))
	}
	if got, ok := stored(t, srv, service); !ok || !got.Equal(cfgA) {
		t.Errorf("stored %+v, want exactly %+v", got, cfgA)
	}
	wantCommands(t, srv, "set_callback", "set_callback")
}

// Every answer to set_callback is lost: the error is uncertain. When the
// caller's deadline has passed, the call ends at it.
func TestCreateAllAnswersLost(t *testing.T) {
	t.Parallel()
	t.Run("retries exhausted", func(t *testing.T) {
		t.Parallel()
		srv := mocktest.Start(t)
		srv.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultLoseAnswer, Times: 100})
		err := newClient(t, srv.URL(), withRetry(fastRetry(2))).Webhooks(LiveWebhooks).Create(t.Context(), cfgA)
		if !IsUncertain(err) {
			t.Fatalf("Create: %v, want it uncertain", err)
		}
		wantCommands(t, srv, "set_callback", "set_callback", "set_callback")
	})
	t.Run("deadline passed", func(t *testing.T) {
		t.Parallel()
		srv := mocktest.Start(t)
		// The first attempt is applied and its answer lost; the retry
		// hangs until the caller's deadline.
		srv.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultLoseAnswer})
		srv.InjectFault(trtcmock.Fault{Command: "set_callback", Kind: trtcmock.FaultHang, Times: 100})
		const timeout = 200 * time.Millisecond
		ctx, cancel := context.WithTimeout(t.Context(), timeout)
		defer cancel()
		start := time.Now()
		err := newClient(t, srv.URL()).Webhooks(LiveWebhooks).Create(ctx, cfgA)
		var reqErr *RequestError
		if !errors.As(err, &reqErr) || !reqErr.TimedOut || !IsUncertain(err) {
			t.Fatalf("Create: %v; want an uncertain timeout", err)
		}
		if took := time.Since(start); took > timeout+2*time.Second { // it ends at the deadline, not after more attempts
			t.Errorf("Create took %v with a %v deadline", took, timeout)
		}
		wantCommands(t, srv, "set_callback", "set_callback")
	})
}

// No definitive answer to any set_callback: uncertain, whatever the
// failure, and nothing is read back by the client.
func TestCreateUncertain(t *testing.T) {
	t.Parallel()
	cases := map[string][]trtcmock.Fault{
		"drops": {{Command: "set_callback", Kind: trtcmock.FaultDrop, Times: 3}},
		"hangs": {{Command: "set_callback", Kind: trtcmock.FaultHang, Times: 3}},
		"502s":  {{Command: "set_callback", Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 502, Times: 3}},
		"mixed": {{Command: "set_callback", Kind: trtcmock.FaultDrop}, {Command: "set_callback", Kind: trtcmock.FaultErrorCode, ErrorCode: 100001, Times: 2}},
	}
	for name, faults := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := mocktest.Start(t)
			for _, f := range faults {
				srv.InjectFault(f)
			}
			w := newClient(t, srv.URL(), withRetry(fastRetry(2)), withAttemptTimeout(100*time.Millisecond)).Webhooks(LiveWebhooks)
			err := w.Create(t.Context(), cfgA)
			if !IsUncertain(err) {
				t.Errorf("IsUncertain = false after no definitive answer: %v", err)
			}
			if n := srv.CountRequests("set_callback"); n != 3 {
				t.Errorf("%d set_callback requests, want 3", n)
			}
			if n := srv.CountRequests("get_callback"); n != 0 {
				t.Errorf("the client read back %d time(s): settling is the caller's", n)
			}
		})
	}
}

func TestUpdateMissing(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	err := newClient(t, srv.URL()).Webhooks(LiveWebhooks).Update(t.Context(), cfgA)
	if !errors.Is(err, ErrNoConfiguration) || IsUncertain(err) {
		t.Fatalf("Update of nothing: %v", err)
	}
	wantCommands(t, srv, "update_callback")
	if _, ok := stored(t, srv, service); ok {
		t.Error("Update created a configuration")
	}
}

// An applied update whose answer was lost is simply retried: it is
// idempotent.
func TestUpdateLostAnswer(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.SetConfig(mocktest.AppID, service, mockConfig(cfgB))
	srv.InjectFault(trtcmock.Fault{Command: "update_callback", Kind: trtcmock.FaultLoseAnswer})
	if err := newClient(t, srv.URL()).Webhooks(LiveWebhooks).Update(t.Context(), cfgA); err != nil {
		t.Fatal(err)
	}
	wantCommands(t, srv, "update_callback", "update_callback")
	if got, _ := stored(t, srv, service); !got.Equal(cfgA) {
		t.Errorf("stored %+v", got)
	}
}

func TestUpsertServiceUpdatesWithSetCallback(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	calls := WebhookService{Name: "call_config", Upsert: true}
	w := newClient(t, srv.URL()).Webhooks(calls)
	srv.SetConfig(mocktest.AppID, trtcmock.ServiceCall, mockConfig(cfgB))
	if err := w.Update(t.Context(), cfgA); err != nil {
		t.Fatalf("Update: %v", err)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Service != "call_config" || reqs[0].Command != "set_callback" {
		t.Fatalf("requests %v", mocktest.Commands(srv, ""))
	}
	if got, _ := stored(t, srv, trtcmock.ServiceCall); !got.Equal(cfgA) {
		t.Errorf("stored %+v", got)
	}
	if _, ok := stored(t, srv, service); ok {
		t.Error("live_config was written")
	}
	got, err := w.Get(t.Context())
	if err != nil || !got.Equal(cfgA) {
		t.Errorf("Get = %+v, %v", got, err)
	}
	if LiveWebhooks.Name != "live_config" || LiveWebhooks.Upsert {
		t.Errorf("LiveWebhooks = %+v", LiveWebhooks)
	}
}

func TestWebhookConfigEqual(t *testing.T) {
	t.Parallel()
	a := WebhookConfig{URL: "https://a.example.com", Commands: []string{"X.CallbackA", "X.CallbackB"}}
	cases := []struct {
		b    WebhookConfig
		want bool
	}{
		{WebhookConfig{URL: "https://a.example.com", Commands: []string{"X.CallbackB", "X.CallbackA"}}, true},
		{WebhookConfig{URL: "https://a.example.com", Commands: []string{"X.CallbackA", "X.CallbackB", "X.CallbackA"}}, true},
		{WebhookConfig{URL: "https://a.example.com", Commands: []string{"X.CallbackA"}}, false},
		{WebhookConfig{URL: "https://a.example.com", Commands: []string{"X.CallbackA", "X.CallbackC"}}, false},
		{WebhookConfig{URL: "https://a.example.com", Commands: []string{"X.CallbackA", "X.CallbackB", "X.CallbackC"}}, false},
		{WebhookConfig{URL: "https://A.example.com", Commands: []string{"X.CallbackA", "X.CallbackB"}}, false},
		{WebhookConfig{URL: "https://a.example.com/", Commands: []string{"X.CallbackA", "X.CallbackB"}}, false},
	}
	for i, tc := range cases {
		if got := a.Equal(tc.b); got != tc.want {
			t.Errorf("case %d: Equal = %v, want %v", i, got, tc.want)
		}
		if got := tc.b.Equal(a); got != tc.want {
			t.Errorf("case %d: not symmetric", i)
		}
	}
	if !(WebhookConfig{URL: "u"}).Equal(WebhookConfig{URL: "u", Commands: []string{}}) {
		t.Error("nil and empty command lists differ")
	}
	// Equal must not reorder the caller's slices.
	b := WebhookConfig{URL: a.URL, Commands: []string{"X.CallbackB", "X.CallbackA"}}
	_ = a.Equal(b)
	if b.Commands[0] != "X.CallbackB" {
		t.Error("Equal sorted its argument in place")
	}
}

// The service may return the list in another order; Get passes it on and
// Equal still matches.
func TestGetShuffledCommands(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t, func(o *trtcmock.Options) { o.ShuffleCommands = true })
	srv.SetConfig(mocktest.AppID, service, mockConfig(cfgA))
	got, err := newClient(t, srv.URL()).Webhooks(LiveWebhooks).Get(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(got.Commands, cfgA.Commands) {
		t.Fatal("setup: the mock did not reorder")
	}
	if !got.Equal(cfgA) {
		t.Errorf("Get = %+v does not Equal %+v", got, cfgA)
	}
}
