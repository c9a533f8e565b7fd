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
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// The app every acceptance test configures, from the shared test fixtures.
const (
	testAppID = mocktest.AppID
	testKey   = mocktest.Key
	testApp   = "1400000000" // testAppID as Terraform shows it
)

const (
	hookURL  = "https://hooks.example.com/trtc"
	hookURL2 = "https://hooks.example.com/trtc/v2"
)

// testProviders runs the provider in-process, talking to a real CLI, with
// a ledger of the test's own: tests run many mock data centres on loopback,
// and a port one test used may be another's a moment later.
func testProviders(t *testing.T) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){TypeName: testProvider(t, lookupEnv)}
}

// Each CLI command (plan, apply, ...) starts the provider afresh, as
// Terraform does: each is a run of its own, sharing the test's ledger.
func testProvider(t *testing.T, getenv func(string) string) func() (tfprotov6.ProviderServer, error) {
	dir := t.TempDir()
	return func() (tfprotov6.ProviderServer, error) {
		return providerserver.NewProtocol6WithError(&TRTCProvider{version: "test", getenv: getenv, ledgerDir: dir, run: newRun()})()
	}
}

// product is one webhook kind as the acceptance tests drive it. Tests that
// hold for every product run once per product (forEachProduct), so a new
// webhookProduct gets them all.
type product struct{ webhookProduct }

// live is the product that tests of provider-wide behaviour use.
var live = product{liveWebhook}

// products are all the webhook kinds, as tests drive them.
func products() []product {
	out := make([]product, len(webhookProducts))
	for i, k := range webhookProducts {
		out[i] = product{k}
	}
	return out
}

// forOneProduct runs test for one product: for behaviour that is the
// client's and the same for every product (retries, backoff, re-signing),
// which the client's unit tests cover in depth. Once through the CLI
// shows it reaches the user; three times would only cost minutes.
func forOneProduct(t *testing.T, test func(t *testing.T, p product)) {
	t.Run(live.typeSuffix, func(t *testing.T) { test(t, live) })
}

// forEachProduct runs test as a subtest per product.
func forEachProduct(t *testing.T, test func(t *testing.T, p product)) {
	for _, p := range products() {
		t.Run(p.typeSuffix, func(t *testing.T) { test(t, p) })
	}
}

// otherProduct is a product whose first word p does not document.
func otherProduct(p product) product {
	for _, o := range products() {
		if o.typeSuffix != p.typeSuffix && !slices.Contains(p.commands, o.word(0)) {
			return o
		}
	}
	panic("a single product has no other")
}

// word is the i-th documented command word; past the documented ones, a
// well-formed word of the product's prefix (TRTC adds words over time, so
// it draws a warning, not an error). Tests need no product to document
// any particular number of words.
func (p product) word(i int) string {
	if i < len(p.commands) {
		return p.commands[i]
	}
	prefix, _, _ := strings.Cut(p.commands[0], ".")
	return fmt.Sprintf("%s.CallbackTestWord%c", prefix, 'A'+i)
}

// words are the first n words.
func (p product) words(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = p.word(i)
	}
	return out
}

func (p product) service() string { return p.webhookProduct.service.Name }

// addr is the resource "this"; dataAddr the data source "current".
func (p product) addr() string     { return p.typeName() + ".this" }
func (p product) dataAddr() string { return "data." + p.typeName() + ".current" }

// updateCommand is what an in-place update sends.
func (p product) updateCommand() string {
	if p.webhookProduct.service.Upsert {
		return "set_callback"
	}
	return "update_callback"
}

// resource is the configuration of resource "this", with extra lines.
func (p product) resource(url string, words []string, extra ...string) string {
	return fmt.Sprintf("\nresource %q \"this\" {\n  url               = %q\n  callback_commands = %s\n  %s\n}\n",
		p.typeName(), url, hclList(words), strings.Join(extra, "\n  "))
}

// dataSource is data source "current", with extra lines.
func (p product) dataSource(extra ...string) string {
	return fmt.Sprintf("\ndata %q \"current\" {\n  %s\n}\n", p.typeName(), strings.Join(extra, "\n  "))
}

func hclList(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = fmt.Sprintf("%q", w)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// put stores a configuration out of band, as someone using the console would.
func (p product) put(mock *trtcmock.Server, url string, words ...string) {
	mock.SetConfig(testAppID, p.service(), trtcmock.Config{URL: url, Commands: words})
}

// startMock serves a mock TRTC data centre on loopback for one test.
func startMock(t *testing.T, tweak ...func(*trtcmock.Options)) *trtcmock.Server {
	t.Helper()
	return mocktest.Start(t, tweak...)
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

// mockHolds checks what the mock stores for p, as a user would see it in
// the console: the URL, and the words in any order but each once.
func mockHolds(mock *trtcmock.Server, p product, url string, words ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		got, ok := mock.Config(testAppID, p.service())
		if !ok {
			return fmt.Errorf("mock holds no %s configuration, want url %q", p.service(), url)
		}
		want := slices.Sorted(slices.Values(words))
		have := slices.Sorted(slices.Values(got.Commands))
		if got.URL != url || !slices.Equal(want, have) {
			return fmt.Errorf("mock holds %q %v for %s, want %q %v", got.URL, have, p.service(), url, want)
		}
		return nil
	}
}

// mockEmpty checks that the mock holds no configuration for p.
func mockEmpty(mock *trtcmock.Server, p product) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got, ok := mock.Config(testAppID, p.service()); ok {
			return fmt.Errorf("mock still holds %+v for %s", got, p.service())
		}
		return nil
	}
}

// countRequests checks how many requests of command to p's service the
// mock saw.
func countRequests(mock *trtcmock.Server, p product, command string, want int) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := mocktest.Count(mock, p.service(), command); got != want {
			return fmt.Errorf("mock saw %d %s/%s request(s), want %d", got, p.service(), command, want)
		}
		return nil
	}
}

// confirmed is a write followed by the reads that confirm it: one that
// sees it, one more after a quiet period, in which another writer would
// have landed (lifecycle_write.go, confirm).
func confirmed(write string) []string { return []string{write, "get_callback", "get_callback"} }

// requestsExactly checks the commands p's service saw since the last reset.
func requestsExactly(mock *trtcmock.Server, p product, commands ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := mocktest.Commands(mock, p.service()); !slices.Equal(got, commands) {
			return fmt.Errorf("requests = %v, want exactly %v", got, commands)
		}
		return nil
	}
}

// requestSequence checks the first requests p's service saw, as command:code.
func requestSequence(mock *trtcmock.Server, p product, want ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		var got []string
		for _, r := range mocktest.Requests(mock, p.service(), "") {
			got = append(got, fmt.Sprintf("%s:%d", r.Command, r.ErrorCode))
		}
		if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
			return fmt.Errorf("requests = %v, want them to start %v", got, want)
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
