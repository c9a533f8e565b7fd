package trtcapi

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

// Credentials supplies the UserSig sent with every request.
type Credentials interface {
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
	sdkAppID   uint64
	identifier string
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

// NewKeySigner returns Credentials that sign with key. ttl <= 0 means
// DefaultUserSigTTL.
func NewKeySigner(key string, sdkAppID uint64, identifier string, ttl time.Duration) (*KeySigner, error) {
	if key == "" {
		return nil, errors.New("secret key is empty")
	}
	if ttl <= 0 {
		ttl = DefaultUserSigTTL
	}
	return &KeySigner{
		key:        key,
		sdkAppID:   sdkAppID,
		identifier: identifier,
		ttl:        ttl,
		renewAhead: min(defaultUserSigRenewAhead, ttl/4),
	}, nil
}

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
	token, err := usersig.Generate(s.key, s.sdkAppID, s.identifier, s.ttl, nil, now)
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
type StaticUserSig string

func (s StaticUserSig) UserSig(time.Time) (string, error) { return string(s), nil }
func (StaticUserSig) Renew(string) bool                   { return false }
