package trtcapi

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

const hookToken = "tok-3f9c1e7a5b2d4c6e8f0a1b3c5d7e9f1a"

// mockToken is what the mock stores for mocktest.AppID.
func mockToken(t *testing.T, srv *trtcmock.Server) (Token, bool) {
	t.Helper()
	v, on, ok := srv.Token(mocktest.AppID)
	return Token{Value: v, Enabled: on}, ok
}

func TestWebhookTokenLifecycle(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	w := newClient(t, srv.URL()).WebhookToken()
	ctx := t.Context()

	if _, err := w.Get(ctx); !errors.Is(err, ErrNoToken) {
		t.Fatalf("Get of nothing: %v", err)
	}
	want := Token{Value: hookToken, Enabled: true}
	if err := w.Set(ctx, want); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if got, err := w.Get(ctx); err != nil || got != want {
		t.Fatalf("Get = %v %v, want the token just set", got == want, err)
	}
	if err := w.SetEnabled(ctx, false); err != nil {
		t.Fatalf("SetEnabled(false): %v", err)
	}
	if got, _ := mockToken(t, srv); got != (Token{Value: hookToken}) {
		t.Errorf("after SetEnabled(false) the mock holds %q enabled=%v", got.Value, got.Enabled)
	}
	wantCommands(t, srv, "get_callback_token", "set_callback_token", "get_callback_token", "set_callback_token")

	// Set sends both fields; SetEnabled only the flag, so the value stays.
	reqs := srv.Requests()
	if b := reqs[1].Body; b != `{"Token":"`+hookToken+`","IsTokenEnable":true}` {
		t.Errorf("Set body %s", b)
	}
	if b := reqs[3].Body; b != `{"IsTokenEnable":false}` {
		t.Errorf("SetEnabled body %s", b)
	}
}

// Disable keeps the value and turns signing off in one request; with no
// token at all there is nothing to disable, which is success.
func TestWebhookTokenDisable(t *testing.T) {
	t.Parallel()
	t.Run("present", func(t *testing.T) {
		t.Parallel()
		srv := mocktest.Start(t)
		srv.SetToken(mocktest.AppID, hookToken, true)
		if err := newClient(t, srv.URL()).WebhookToken().Disable(t.Context()); err != nil {
			t.Fatalf("Disable: %v", err)
		}
		if got, _ := mockToken(t, srv); got != (Token{Value: hookToken}) {
			t.Errorf("mock holds %q enabled=%v, want the value kept and disabled", got.Value, got.Enabled)
		}
		wantCommands(t, srv, "set_callback_token")
	})
	t.Run("absent", func(t *testing.T) {
		t.Parallel()
		srv := mocktest.Start(t)
		if err := newClient(t, srv.URL()).WebhookToken().Disable(t.Context()); err != nil {
			t.Fatalf("Disable of nothing: %v", err)
		}
		if _, ok := mockToken(t, srv); ok {
			t.Error("Disable created a token")
		}
		wantCommands(t, srv, "set_callback_token", "get_callback_token")
	})
	t.Run("refused with a token present", func(t *testing.T) {
		t.Parallel()
		srv := mocktest.Start(t)
		srv.SetToken(mocktest.AppID, hookToken, true)
		srv.InjectFault(trtcmock.Fault{Command: "set_callback_token", Kind: trtcmock.FaultErrorCode, ErrorCode: CodeInvalidParameter})
		err := newClient(t, srv.URL()).WebhookToken().Disable(t.Context())
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.ErrorCode != CodeInvalidParameter {
			t.Fatalf("Disable = %v, want the 100002 to stand", err)
		}
	})
}

// Every answer to set_callback_token is lost: the error is uncertain, for
// the caller to settle by reading.
func TestWebhookTokenUncertainSet(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	srv.InjectFault(trtcmock.Fault{Command: "set_callback_token", Kind: trtcmock.FaultLoseAnswer, Times: 100})
	err := newClient(t, srv.URL(), withRetry(fastRetry(1))).WebhookToken().Set(t.Context(), Token{Value: hookToken, Enabled: true})
	if !IsUncertain(err) {
		t.Fatalf("Set = %v, want it uncertain", err)
	}
	wantCommands(t, srv, "set_callback_token", "set_callback_token")
	if v, on, ok := srv.Token(mocktest.AppID); !ok || v != hookToken || !on {
		t.Errorf("the lost write did not land: %v %v", on, ok)
	}
}

// No failure of a token call, and no printing of a Token, shows the value.
func TestWebhookTokenNeverInErrors(t *testing.T) {
	t.Parallel()
	for _, f := range []trtcmock.Fault{
		{Kind: trtcmock.FaultErrorCode, ErrorCode: CodeInvalidParameter, Times: 10},
		{Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 502, Times: 10},
		{Kind: trtcmock.FaultNonJSON, Times: 10},
		{Kind: trtcmock.FaultTruncated, Times: 10},
		{Kind: trtcmock.FaultDrop, Times: 10},
	} {
		t.Run(string(f.Kind), func(t *testing.T) {
			t.Parallel()
			srv := mocktest.Start(t)
			srv.InjectFault(f)
			w := newClient(t, srv.URL(), withRetry(fastRetry(1))).WebhookToken()
			assertNoSecrets(t, w.Set(t.Context(), Token{Value: hookToken, Enabled: true}), hookToken)
		})
	}
	tok := Token{Value: hookToken, Enabled: true}
	for _, text := range []string{fmt.Sprint(tok), fmt.Sprintf("%v %+v %#v %s", tok, tok, tok, tok), fmt.Sprint(&tok)} {
		if strings.Contains(text, hookToken) {
			t.Errorf("printing a Token shows its value: %s", text)
		}
	}
}
