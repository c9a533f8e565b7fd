package trtcapi

import (
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
		return nil, &ConfigError{Setting: SettingSecretKey, Summary: "Invalid secret_key", Reason: "must not be empty"}
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

// SignFor signs a UserSig for another account of the same app (such as a
// user's, for trtc_user_sig); the key never leaves the signer.
func (s *KeySigner) SignFor(identifier string, validFor time.Duration, now time.Time) (string, error) {
	return usersig.Generate(s.key, s.app.SDKAppID, identifier, validFor, nil, now)
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

// NewStaticUserSig checks that token was issued for app and is still
// valid at now; the error is a *UserSigError saying why not.
func NewStaticUserSig(token string, app App, now time.Time) (StaticUserSig, error) {
	if err := app.validate(); err != nil {
		return StaticUserSig{}, err
	}
	if err := checkUserSig(token, app, now); err != nil {
		return StaticUserSig{}, err
	}
	return StaticUserSig{token: token, app: app}, nil
}

func (s StaticUserSig) App() App                          { return s.app }
func (s StaticUserSig) UserSig(time.Time) (string, error) { return s.token, nil }
func (StaticUserSig) Renew(string) bool                   { return false }
