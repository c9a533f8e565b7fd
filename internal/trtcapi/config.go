package trtcapi

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

// Setting names a piece of client configuration, so that a caller can say
// where a user set it (an attribute, an environment variable).
type Setting int

const (
	SettingBaseURL Setting = iota
	SettingSDKAppID
	SettingIdentifier
	SettingSecretKey
	SettingUserSig
)

// ConfigError is configuration the client cannot work with. It names the
// setting and completes a sentence about it ("<setting> must ..."); the
// value is quoted only when it is not a secret.
type ConfigError struct {
	Setting Setting
	// Summary is a title such as "Invalid endpoint".
	Summary string
	// Reason completes "<setting> ...", e.g. "must start with http:// or https://".
	Reason string
}

func (e *ConfigError) Error() string { return e.Reason }

// MaxSDKAppID: SDKAppIDs are unsigned 32-bit integers.
const MaxSDKAppID = math.MaxUint32

// CheckSDKAppID is the one rule for an SDKAppID, wherever it was written.
func CheckSDKAppID(id uint64) error {
	if id == 0 || id > MaxSDKAppID {
		return &ConfigError{Setting: SettingSDKAppID, Summary: "Invalid SDKAppID",
			Reason: fmt.Sprintf("must be a whole number from 1 to %d", uint64(MaxSDKAppID))}
	}
	return nil
}

// ParseSDKAppID reads a decimal SDKAppID (an environment variable, an
// import ID).
func ParseSDKAppID(raw string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimSpace(raw), 10, 64)
	if err != nil {
		id = 0
	}
	return id, CheckSDKAppID(id)
}

// CheckBaseURL checks a base URL: http or https, a host, and nothing that
// would be lost or leaked (credentials, a query, a fragment). A path is
// allowed, for gateways; a trailing /v4 means the documented prefix.
func CheckBaseURL(raw string) error {
	bad := func(reason string) error {
		return &ConfigError{Setting: SettingBaseURL, Summary: "Invalid endpoint", Reason: reason}
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return bad("is not a URL")
	case u.Scheme != "http" && u.Scheme != "https":
		return bad(fmt.Sprintf("must start with http:// or https://, got %q", raw))
	case u.Host == "":
		return bad(fmt.Sprintf("has no host: %q", raw))
	case u.User != nil:
		return bad("must not contain credentials")
	case u.RawQuery != "" || u.Fragment != "" || strings.Contains(raw, "#"):
		return bad(fmt.Sprintf("must not have a query or fragment: %q", raw))
	}
	return nil
}

// UserSigProblem is why a pre-made UserSig cannot be used.
type UserSigProblem int

const (
	UserSigMalformed UserSigProblem = iota
	UserSigOtherApp
	UserSigOtherIdentifier
	UserSigExpired
)

// UserSigError is a pre-made UserSig that cannot serve the app: it says
// what the UserSig claims, never the UserSig itself.
type UserSigError struct {
	Problem UserSigProblem
	// Claimed is what the UserSig was issued for; Want is the app it is
	// meant to serve.
	Claimed, Want App
	ExpiredAt     time.Time
}

func (e *UserSigError) Error() string {
	switch e.Problem {
	case UserSigOtherApp:
		return fmt.Sprintf("the UserSig was issued for SDKAppID %d, not %d", e.Claimed.SDKAppID, e.Want.SDKAppID)
	case UserSigOtherIdentifier:
		return fmt.Sprintf("the UserSig was issued for identifier %q, not %q", e.Claimed.Identifier, e.Want.Identifier)
	case UserSigExpired:
		return "the UserSig expired at " + e.ExpiredAt.UTC().Format(time.RFC3339)
	}
	return "the UserSig does not decode"
}

// checkUserSig reads what a pre-made UserSig says about itself, so that a
// mismatch is refused once, before any request, rather than request by
// request (70013, 70014, 70001).
func checkUserSig(token string, app App, now time.Time) error {
	claims, err := usersig.Decode(token)
	switch {
	case err != nil:
		return &UserSigError{Problem: UserSigMalformed, Want: app}
	case claims.SDKAppID != app.SDKAppID:
		return &UserSigError{Problem: UserSigOtherApp, Claimed: App{claims.SDKAppID, claims.Identifier}, Want: app}
	case claims.Identifier != app.Identifier:
		return &UserSigError{Problem: UserSigOtherIdentifier, Claimed: App{claims.SDKAppID, claims.Identifier}, Want: app}
	case !now.Before(claims.ExpiresAt()):
		return &UserSigError{Problem: UserSigExpired, Claimed: App{claims.SDKAppID, claims.Identifier}, Want: app,
			ExpiredAt: claims.ExpiresAt()}
	}
	return nil
}

func (a App) validate() error {
	if err := CheckSDKAppID(a.SDKAppID); err != nil {
		return err
	}
	if a.Identifier == "" {
		return &ConfigError{Setting: SettingIdentifier, Summary: "Invalid identifier", Reason: "must not be empty"}
	}
	return nil
}

// errNoCredentials: a Config without Credentials.
var errNoCredentials = errors.New("credentials are required")
