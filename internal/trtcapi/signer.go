package trtcapi

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

// App is the app a client calls and the App administrator account its
// requests are signed as. It reaches the client only through Credentials,
// so the query parameters and the UserSig cannot name different apps or
// accounts.
type App struct {
	SDKAppID   uint64
	Identifier string
}

func (a App) validate() error {
	switch {
	case a.SDKAppID == 0:
		return errors.New("SDKAppID must be positive")
	case a.Identifier == "":
		return errors.New("identifier must not be empty")
	}
	return nil
}

// Credentials supplies the UserSig sent with every request.
type Credentials interface {
	// App is whom the UserSigs are for; the client calls this app as this account.
	App() App
	// UserSig returns a UserSig valid at now.
	UserSig(now time.Time) (string, error)
	// Renew discards a UserSig the server reported expired (70001) and
	// reports whether a fresh one can be made.
	Renew(expired string) bool
}

// KeySigner signs UserSigs with the app's secret key. A signature is reused
// until shortly before it expires, so a provider instance signs once: the
// hot path is one atomic load, with no lock held across requests.
type KeySigner struct {
	key        string
	app        App
	ttl        time.Duration
	renewAhead time.Duration

	current atomic.Pointer[signed]
	mu      sync.Mutex // serialises signing only, never requests
}

type signed struct {
	token   string
	renewAt time.Time
}

// Default lifetime of generated UserSigs. Provider processes live for one
// Terraform phase, so an hour is ample and limits the worth of a leaked one.
const (
	DefaultUserSigTTL        = time.Hour
	defaultUserSigRenewAhead = 5 * time.Minute
)

// NewKeySigner returns Credentials that sign for app with key. ttl <= 0
// means DefaultUserSigTTL.
func NewKeySigner(key string, app App, ttl time.Duration) (*KeySigner, error) {
	if key == "" {
		return nil, errors.New("secret key is empty")
	}
	if err := app.validate(); err != nil {
		return nil, err
	}
	if ttl <= 0 {
		ttl = DefaultUserSigTTL
	}
	return &KeySigner{
		key:        key,
		app:        app,
		ttl:        ttl,
		renewAhead: min(defaultUserSigRenewAhead, ttl/4),
	}, nil
}

// App is the app and account the signatures are for.
func (s *KeySigner) App() App { return s.app }

// UserSig returns the cached signature, signing a new one when none is
// cached or the cached one is near expiry.
func (s *KeySigner) UserSig(now time.Time) (string, error) {
	if cur := s.current.Load(); cur != nil && now.Before(cur.renewAt) {
		return cur.token, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur := s.current.Load(); cur != nil && now.Before(cur.renewAt) {
		return cur.token, nil // another goroutine signed while we waited
	}
	token, err := usersig.Generate(s.key, s.app.SDKAppID, s.app.Identifier, s.ttl, nil, now)
	if err != nil {
		return "", err
	}
	s.current.Store(&signed{token: token, renewAt: now.Add(s.ttl - s.renewAhead)})
	return token, nil
}

// Renew drops the cached signature if it is the one reported expired; when
// many requests see the same 70001 at once, only one new signature is made.
func (s *KeySigner) Renew(expired string) bool {
	if cur := s.current.Load(); cur != nil && cur.token == expired {
		s.current.CompareAndSwap(cur, nil)
	}
	return true
}

// Secrets returns what logs must mask: the key and the current signature.
func (s *KeySigner) Secrets() []string {
	out := []string{s.key}
	if cur := s.current.Load(); cur != nil {
		out = append(out, cur.token)
	}
	return out
}

// StaticUserSig is a pre-made UserSig, for teams that keep the key elsewhere.
// It cannot be renewed.
type StaticUserSig struct {
	token string
	app   App
}

// NewStaticUserSig checks that token was issued for app: a UserSig for
// another app or account would only be refused (70013, 70014) request by
// request.
func NewStaticUserSig(token string, app App) (StaticUserSig, error) {
	if err := app.validate(); err != nil {
		return StaticUserSig{}, err
	}
	claims, err := usersig.Decode(token)
	switch {
	case err != nil:
		return StaticUserSig{}, errors.New("the UserSig does not decode")
	case claims.SDKAppID != app.SDKAppID:
		return StaticUserSig{}, fmt.Errorf("the UserSig was issued for SDKAppID %d, not %d", claims.SDKAppID, app.SDKAppID)
	case claims.Identifier != app.Identifier:
		return StaticUserSig{}, fmt.Errorf("the UserSig was issued for identifier %q, not %q", claims.Identifier, app.Identifier)
	}
	return StaticUserSig{token: token, app: app}, nil
}

func (s StaticUserSig) App() App                          { return s.app }
func (s StaticUserSig) UserSig(time.Time) (string, error) { return s.token, nil }
func (StaticUserSig) Renew(string) bool                   { return false }
