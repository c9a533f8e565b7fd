package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
)

// The app every acceptance test configures. The key is a fake.
const (
	testAppID = 1400000000
	testKey   = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
	service   = "live_config"
)

// testProviders runs the provider in-process, talking to a real CLI.
var testProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"trtc": providerserver.NewProtocol6WithError(New("test")()),
}

// startMock serves a mock TRTC data centre on loopback for one test.
func startMock(t *testing.T, tweak ...func(*trtcmock.Options)) *trtcmock.Server {
	t.Helper()
	opts := trtcmock.Options{Apps: []trtcmock.App{{SDKAppID: testAppID, Key: testKey}}}
	for _, f := range tweak {
		f(&opts)
	}
	s, err := trtcmock.Listen("127.0.0.1:0", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// providerBlock configures the provider against mock with the secret key,
// plus any extra attribute lines.
func providerBlock(mock *trtcmock.Server, extra ...string) string {
	return fmt.Sprintf(`
provider "trtc" {
  sdk_app_id = %d
  secret_key = %q
  endpoint   = %q
  %s
}
`, testAppID, testKey, mock.URL(), strings.Join(extra, "\n  "))
}

// webhookConfig is a trtc_live_webhook resource named "this".
func webhookConfig(url string, commands ...string) string {
	quoted := make([]string, len(commands))
	for i, c := range commands {
		quoted[i] = fmt.Sprintf("%q", c)
	}
	return fmt.Sprintf(`
resource "trtc_live_webhook" "this" {
  url               = %q
  callback_commands = [%s]
}
`, url, strings.Join(quoted, ", "))
}

// mockHolds checks what the mock stores, as a user would see it in the console.
func mockHolds(mock *trtcmock.Server, url string, commands ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		got, ok := mock.Config(testAppID, service)
		if !ok {
			return fmt.Errorf("mock holds no configuration, want url %q", url)
		}
		want := slices.Sorted(slices.Values(commands))
		have := slices.Sorted(slices.Values(got.Commands))
		if got.URL != url || !slices.Equal(want, have) {
			return fmt.Errorf("mock holds %q %v, want %q %v", got.URL, have, url, want)
		}
		return nil
	}
}

// mockEmpty checks that the mock holds no configuration.
func mockEmpty(mock *trtcmock.Server) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got, ok := mock.Config(testAppID, service); ok {
			return fmt.Errorf("mock still holds %+v", got)
		}
		return nil
	}
}

// countRequests checks how many requests of command the mock saw.
func countRequests(mock *trtcmock.Server, command string, want int) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := mock.CountRequests(command); got != want {
			return fmt.Errorf("mock saw %d %s request(s), want %d", got, command, want)
		}
		return nil
	}
}

// words turns prose into a regexp that tolerates the CLI's word wrapping;
// a "..." word matches anything, so "Id- ... Hint" matches "Id-1f3 Hint".
func words(s string) *regexp.Regexp {
	var b strings.Builder
	sep := ""
	for _, w := range strings.Fields(s) {
		if w == "..." {
			b.WriteString(`[\s\S]*`)
			sep = ""
			continue
		}
		b.WriteString(sep + regexp.QuoteMeta(w))
		sep = `\s+`
	}
	return regexp.MustCompile(b.String())
}

const (
	hookURL    = "https://hooks.example.com/trtc"
	hookURL2   = "https://hooks.example.com/trtc/v2"
	cmdCreate  = "Live.CallbackAfterCreateRoom"
	cmdDestroy = "Live.CallbackAfterDestroyRoom"
	cmdGift    = "Live.CallbackBeforeSendGift"
)
