package trtcapi

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestNewKeySigner(t *testing.T) {
	t.Parallel()
	if _, err := NewKeySigner("", App{mocktest.AppID, mocktest.Admin}, time.Hour); err == nil {
		t.Error("an empty key was accepted")
	}
	for _, app := range []App{{0, mocktest.Admin}, {mocktest.AppID, ""}} {
		if _, err := NewKeySigner(mocktest.Key, app, time.Hour); err == nil {
			t.Errorf("app %+v was accepted", app)
		}
	}
	s, err := NewKeySigner(mocktest.Key, App{mocktest.AppID, mocktest.Admin}, 0)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := s.UserSig(t0)
	if err != nil {
		t.Fatal(err)
	}
	c, err := usersig.Verify(mocktest.Key, tok, mocktest.AppID, mocktest.Admin, t0)
	if err != nil {
		t.Fatalf("signature does not verify: %v", err)
	}
	if c.Expire != int64(DefaultUserSigTTL/time.Second) || c.Time != t0.Unix() {
		t.Errorf("claims %+v, want a %v signature issued at %v", c, DefaultUserSigTTL, t0)
	}
}

func TestKeySignerReusesUntilRenewAhead(t *testing.T) {
	t.Parallel()
	s := newSigner(t) // one hour; renewed five minutes ahead
	first, _ := s.UserSig(t0)
	for _, d := range []time.Duration{0, time.Second, 30 * time.Minute, 54*time.Minute + 59*time.Second} {
		if tok, _ := s.UserSig(t0.Add(d)); tok != first {
			t.Errorf("at +%v a new signature was made", d)
		}
	}
	renewed, _ := s.UserSig(t0.Add(55 * time.Minute))
	if renewed == first {
		t.Fatal("not renewed within five minutes of expiry")
	}
	c, err := usersig.Verify(mocktest.Key, renewed, mocktest.AppID, mocktest.Admin, t0.Add(55*time.Minute))
	if err != nil || c.Time != t0.Add(55*time.Minute).Unix() {
		t.Errorf("renewed claims %+v, %v", c, err)
	}

	// A short TTL renews a quarter ahead.
	short, _ := NewKeySigner(mocktest.Key, App{mocktest.AppID, mocktest.Admin}, 8*time.Second)
	a, _ := short.UserSig(t0)
	if b, _ := short.UserSig(t0.Add(5 * time.Second)); b != a {
		t.Error("8 s signature renewed after 5 s")
	}
	if b, _ := short.UserSig(t0.Add(6 * time.Second)); b == a {
		t.Error("8 s signature not renewed 2 s before expiry")
	}
}

func TestKeySignerRenew(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	stale, _ := s.UserSig(t0)
	fresh, _ := s.UserSig(t0.Add(56 * time.Minute))
	if stale == fresh {
		t.Fatal("setup: no renewal")
	}
	// A late 70001 for the stale token must not discard the newer one.
	if !s.Renew(stale) {
		t.Error("Renew reported that no fresh signature can be made")
	}
	if tok, _ := s.UserSig(t0.Add(57 * time.Minute)); tok != fresh {
		t.Error("Renew of a stale token discarded the current one")
	}
	// Renewing the current one makes the next call sign afresh, once, even
	// when many goroutines saw the same 70001.
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() { s.Renew(fresh) })
	}
	wg.Wait()
	toks := make([]string, 20)
	for i := range toks {
		wg.Go(func() { toks[i], _ = s.UserSig(t0.Add(58 * time.Minute)) })
	}
	wg.Wait()
	if slices.Contains(toks, fresh) || len(slices.Compact(slices.Sorted(slices.Values(toks)))) != 1 {
		t.Errorf("after Renew: %d distinct tokens, old one reused: %v", len(slices.Compact(slices.Sorted(slices.Values(toks)))), slices.Contains(toks, fresh))
	}
}

func TestKeySignerSecrets(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	if got := s.Secrets(); !slices.Equal(got, []string{mocktest.Key}) {
		t.Errorf("before signing: %d secrets", len(got))
	}
	tok, _ := s.UserSig(t0)
	if got := s.Secrets(); !slices.Equal(got, []string{mocktest.Key, tok}) {
		t.Error("Secrets() is not the key and the current signature")
	}
	renewed, _ := s.UserSig(t0.Add(time.Hour))
	if got := s.Secrets(); !slices.Equal(got, []string{mocktest.Key, renewed}) {
		t.Error("Secrets() does not follow renewal")
	}
}

func TestStaticUserSig(t *testing.T) {
	t.Parallel()
	app := App{mocktest.AppID, mocktest.Admin}
	token := mocktest.Sign(t, mocktest.Key, mocktest.AppID, mocktest.Admin, time.Hour, t0)
	s, err := NewStaticUserSig(token, app, t0)
	if err != nil {
		t.Fatal(err)
	}
	if tok, err := s.UserSig(t0); tok != token || err != nil {
		t.Errorf("UserSig = %q, %v", tok, err)
	}
	if s.App() != app {
		t.Errorf("App = %+v, want %+v", s.App(), app)
	}
	if s.Renew(token) {
		t.Error("a static UserSig claims it can be renewed")
	}
	// A UserSig is checked against the app it is meant for: one path
	// carries the app to the signer and the query, and they must agree.
	for name, tc := range map[string]struct {
		token string
		app   App
		want  string
	}{
		"another app":     {token, App{mocktest.OtherAppID, mocktest.Admin}, fmt.Sprintf("issued for SDKAppID %d, not %d", mocktest.AppID, mocktest.OtherAppID)},
		"another account": {token, App{mocktest.AppID, "ops"}, `issued for identifier "administrator", not "ops"`},
		"not a UserSig":   {"pre-made", app, "does not decode"},
		"expired":         {mocktest.Sign(t, mocktest.Key, mocktest.AppID, mocktest.Admin, time.Minute, t0.Add(-time.Hour)), app, "the UserSig expired at"},
	} {
		if _, err := NewStaticUserSig(tc.token, tc.app, t0); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
	}
}

// One signature serves many concurrent calls.
func TestSignatureSharedAcrossGoroutines(t *testing.T) {
	t.Parallel()
	srv := mocktest.Start(t)
	c := newClient(t, srv.URL())
	var wg sync.WaitGroup
	errs := make([]error, 50)
	for i := range errs {
		wg.Go(func() { errs[i] = c.Call(t.Context(), service, "delete_callback", nil, nil) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if st := srv.Stats(); st.Requests != 50 || st.DistinctUserSigs != 1 {
		t.Errorf("stats %+v, want 50 requests with 1 distinct usersig", st)
	}
}

// The client renews its signature by the injected clock, without sleeping.
func TestClientRenewsNearExpiry(t *testing.T) {
	t.Parallel()
	var clock mocktest.Clock
	clock.Fix(time.Now())
	srv := mocktest.Start(t, func(o *trtcmock.Options) { o.Now = clock.Now })
	c := newClient(t, srv.URL(), func(cfg *Config) { cfg.Now = clock.Now })
	step := func(d time.Duration, wantDistinct int) {
		t.Helper()
		clock.Add(d)
		mustGet(t, c)
		if got := srv.Stats().DistinctUserSigs; got != wantDistinct {
			t.Errorf("after +%v: %d distinct usersigs, want %d", d, got, wantDistinct)
		}
	}
	start := clock.Now()
	step(0, 1)
	step(30*time.Minute, 1)
	step(24*time.Minute+59*time.Second, 1)
	step(2*time.Second, 2) // 55 min 1 s: within five minutes of expiry
	last := srv.Requests()[3].UserSig
	claims, err := usersig.Decode(last)
	if err != nil || claims.Time != start.Add(55*time.Minute+time.Second).Unix() {
		t.Errorf("renewed claims %+v, %v", claims, err)
	}
	step(50*time.Minute, 2)
	step(5*time.Minute, 3)
}
