package provider

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

// What the tests of many apps in one provider share: more apps than the
// fixtures' two, each with a key of its own, provider blocks with apps
// entries, and checks of what each app's data centre saw.

// A third app beside mocktest's two, hosted on the same mock, and a fourth
// in "another region": a mock of its own, reached through its entry's
// endpoint. The keys are fakes.
const (
	thirdAppID  uint64 = 1400000002
	thirdKey           = "fake-third-key-2222222222222222222222222222222222222222222222222"
	thirdApp           = "1400000002"
	farAppID    uint64 = 1400000003
	farKey             = "fake-far-key-33333333333333333333333333333333333333333333333333"
	farApp             = "1400000003"
	otherApp           = "1400000001" // mocktest.OtherAppID as Terraform shows it
	absentAppID uint64 = 1400009999   // an app no provider in these tests holds
	// sharedKeyAppID is hosted with the default app's key, for an entry
	// that borrows the provider block's.
	sharedKeyAppID uint64 = 1400000004
)

// fleetKeys are the keys of every app these tests host.
var fleetKeys = map[uint64]string{
	testAppID: testKey, mocktest.OtherAppID: mocktest.OtherKey, thirdAppID: thirdKey, farAppID: farKey,
	sharedKeyAppID: testKey,
}

// startFleet serves a mock hosting the fixtures' two apps and the third.
func startFleet(t testing.TB, tweak ...func(*trtcmock.Options)) *trtcmock.Server {
	t.Helper()
	return mocktest.Start(t, append([]func(*trtcmock.Options){func(o *trtcmock.Options) {
		o.Apps = append(mocktest.Apps(), trtcmock.App{SDKAppID: thirdAppID, Key: thirdKey})
	}}, tweak...)...)
}

// startFar serves the far app's data centre, which hosts it alone.
func startFar(t testing.TB) *trtcmock.Server {
	t.Helper()
	return mocktest.Start(t, func(o *trtcmock.Options) {
		o.Apps = []trtcmock.App{{SDKAppID: farAppID, Key: farKey}}
	})
}

// appsBlock is providerBlock (the default app on mock) with apps entries.
func appsBlock(mock *trtcmock.Server, entries ...string) string {
	return providerBlock(mock, appsAttr(entries...))
}

// noDefaultBlock configures no default app: only apps entries, each
// with its own endpoint or the one given here.
func noDefaultBlock(mock *trtcmock.Server, entries ...string) string {
	return fmt.Sprintf("\nprovider \"trtc\" {\n  endpoint = %q\n  %s\n}\n", mock.URL(), appsAttr(entries...))
}

func appsAttr(entries ...string) string {
	if len(entries) == 0 {
		return ""
	}
	return "apps = [\n    " + strings.Join(entries, ",\n    ") + ",\n  ]"
}

// entry is one apps entry: the app, its key ("" for none) and any more
// attributes, such as `endpoint = "..."`.
func entry(id uint64, key string, extra ...string) string {
	fields := []string{fmt.Sprintf("sdk_app_id = %d", id)}
	if key != "" {
		fields = append(fields, fmt.Sprintf("secret_key = %q", key))
	}
	return "{ " + strings.Join(append(fields, extra...), ", ") + " }"
}

// ofApp is the attribute line that names an object's app.
func ofApp(id uint64) string { return fmt.Sprintf("sdk_app_id = %d", id) }

// named is resource name of p, with extra lines.
func (p product) named(name, url string, words []string, extra ...string) string {
	return fmt.Sprintf("\nresource %q %q {\n  url               = %q\n  callback_commands = %s\n  %s\n}\n",
		p.typeName(), name, url, hclList(words), strings.Join(extra, "\n  "))
}

func (p product) at(name string) string { return p.typeName() + "." + name }

// putIn stores a configuration in app id out of band, as the console would.
func (p product) putIn(mock *trtcmock.Server, id uint64, url string, words ...string) {
	mock.SetConfig(id, p.service(), trtcmock.Config{URL: url, Commands: words})
}

// holdsIn checks what mock stores for p in app id, as the console shows it.
func holdsIn(mock *trtcmock.Server, id uint64, p product, url string, words ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		got, ok := mock.Config(id, p.service())
		if !ok {
			return fmt.Errorf("SDKAppID %d holds no %s configuration, want url %q", id, p.service(), url)
		}
		want, have := slices.Sorted(slices.Values(words)), slices.Sorted(slices.Values(got.Commands))
		if got.URL != url || !slices.Equal(want, have) {
			return fmt.Errorf("SDKAppID %d holds %q %v for %s, want %q %v", id, got.URL, have, p.service(), url, want)
		}
		return nil
	}
}

// emptyIn checks that mock holds no configuration of p in app id.
func emptyIn(mock *trtcmock.Server, id uint64, p product) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got, ok := mock.Config(id, p.service()); ok {
			return fmt.Errorf("SDKAppID %d still holds %+v for %s", id, got, p.service())
		}
		return nil
	}
}

// requestsOf are the requests mock logged for app id.
func requestsOf(mock *trtcmock.Server, id uint64) []trtcmock.Request {
	want := strconv.FormatUint(id, 10)
	return slices.DeleteFunc(mock.Requests(), func(r trtcmock.Request) bool { return r.SDKAppID != want })
}

// commandsOf lists the commands mock got for app id and p's service.
func commandsOf(mock *trtcmock.Server, id uint64, p product) []string {
	var out []string
	for _, r := range requestsOf(mock, id) {
		if r.Service == p.service() {
			out = append(out, r.Command)
		}
	}
	return out
}

// writesOf are the commands that change something, of commandsOf.
func writesOf(mock *trtcmock.Server, id uint64, p product) []string {
	return slices.DeleteFunc(commandsOf(mock, id, p), func(c string) bool { return strings.HasPrefix(c, "get_") })
}

// signedByOwnApp checks every request a mock logged, as TRTC would see
// it: its sdkappid is one of hosted (the apps this data centre serves),
// its identifier is the account admins gives that app (administrator when
// not named), and its UserSig verifies with that app's own key (fleetKeys)
// for that account. No request was refused for its signature: the mock
// would have answered 70009 (another key) or 70016 (another app).
func signedByOwnApp(mock *trtcmock.Server, hosted []uint64, admins map[uint64]string) func(*terraform.State) error {
	return func(*terraform.State) error {
		keys := map[uint64]string{}
		for _, id := range hosted {
			keys[id] = fleetKeys[id]
		}
		return signedWith(mock, keys, admins)
	}
}

// signedByOwnAppKeys is signedByOwnApp for apps of keys, each signing as
// administrator.
func signedByOwnAppKeys(mock *trtcmock.Server, keys map[uint64]string) error {
	return signedWith(mock, keys, nil)
}

func signedWith(mock *trtcmock.Server, keys map[uint64]string, admins map[uint64]string) error {
	for i, r := range mock.Requests() {
		id, err := strconv.ParseUint(r.SDKAppID, 10, 64)
		key, hosted := keys[id]
		if err != nil || !hosted {
			return fmt.Errorf("request %d (%s/%s) names sdkappid %q, which this data centre does not serve",
				i, r.Service, r.Command, r.SDKAppID)
		}
		admin := admins[id]
		if admin == "" {
			admin = defaultIdentifier
		}
		if r.Identifier != admin {
			return fmt.Errorf("request %d (%s/%s) for SDKAppID %d is signed as %q, want %q", i, r.Service, r.Command, id, r.Identifier, admin)
		}
		if _, err := usersig.Verify(key, r.UserSig, id, admin, time.Now()); err != nil {
			return fmt.Errorf("request %d (%s/%s) for SDKAppID %d: its UserSig does not verify with that app's key: %v",
				i, r.Service, r.Command, id, err)
		}
		if r.ErrorCode >= 70000 && r.ErrorCode < 80000 {
			return fmt.Errorf("request %d (%s/%s) for SDKAppID %d was refused with %d", i, r.Service, r.Command, id, r.ErrorCode)
		}
	}
	return nil
}

// noRequestsFor checks that mock got no request for any of ids.
func noRequestsFor(mock *trtcmock.Server, ids ...uint64) func(*terraform.State) error {
	return func(*terraform.State) error {
		for _, id := range ids {
			if log := requestsOf(mock, id); len(log) > 0 {
				var got []string
				for _, r := range log {
					got = append(got, r.Service+"/"+r.Command)
				}
				return fmt.Errorf("SDKAppID %d got %d request(s): %v", id, len(log), got)
			}
		}
		return nil
	}
}

// noRequests checks that mock got no request at all.
func noRequests(mock *trtcmock.Server) func(*terraform.State) error {
	return func(*terraform.State) error {
		if n := len(mock.Requests()); n > 0 {
			return fmt.Errorf("the mock got %d request(s): %v", n, mocktest.Commands(mock, ""))
		}
		return nil
	}
}

// mockHoldsTokenIn checks the token app id holds, as the console shows it.
func mockHoldsTokenIn(mock *trtcmock.Server, id uint64, value string, enabled bool) func(*terraform.State) error {
	return func(*terraform.State) error {
		v, on, ok := mock.Token(id)
		if !ok || v != value || on != enabled {
			return fmt.Errorf("SDKAppID %d holds token %q enabled=%v (present %v), want %q enabled=%v", id, v, on, ok, value, enabled)
		}
		return nil
	}
}

// namedToken is a trtc_live_webhook_token named name, with extra lines.
func namedToken(name, token string, enabled bool, extra ...string) string {
	return fmt.Sprintf("\nresource %q %q {\n  enabled = %t\n  token   = %q\n  %s\n}\n",
		liveWebhookTokenType, name, enabled, token, strings.Join(extra, "\n  "))
}
