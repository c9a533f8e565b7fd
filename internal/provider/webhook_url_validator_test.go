package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestWebhookURLValidator(t *testing.T) {
	for _, ok := range []string{
		"https://hooks.example.com/trtc", "https://hooks.example.com:8443/a?b=c", "https://203.0.113.7/x",
		"https://[2001:db8::1]:443/x", "https://a-b.c-d.example",
		// Internationalised domains, as punycode or as written.
		"https://xn--bcher-kva.example/hook", "https://XN--BCHER-KVA.example/hook", "https://bücher.example/hook",
		"https://b%C3%BCcher.example/hook", "https://例え.テスト/hook", "https://hooks.xn--r8jz45g/x",
		// Query parameters whose names merely contain a secret's.
		"https://hooks.example.com/x?tokens=1&monkey=2&keyword=3",
	} {
		if d := validateString(webhookURL(), ok); d.HasError() || d.WarningsCount() != 0 {
			t.Errorf("%q: %v", ok, d)
		}
	}
	d := validateString(webhookURL(), "http://hooks.example.com")
	if d.HasError() || d.WarningsCount() != 1 || !strings.Contains(d[0].Detail(), "Use an https:// URL") {
		t.Errorf("plain http: want one warning recommending https, got %v", d)
	}
	for _, bad := range []string{"", "hooks.example.com", "https://exa mple.com", "https://a..b", "https://a-.b", "https://ex%41mple.com",
		"https://a.example.com/a b", "https://a.example.com/\t", "https://a.example.com:0/", "https://a.example.com:65536/",
		"https://a.example.com:/x", "https://a.example.com/#", "https://a.example.com/x#y",
		// Hosts TRTC can never deliver to (they were accepted before).
		"https://localhost", "https://999.999.999.999/x", "https://[fe80::1%25eth0]/x"} {
		if d := validateString(webhookURL(), bad); !d.HasError() {
			t.Errorf("%q accepted", bad)
		}
	}
	// Unknown and null values are left for later.
	resp := &validator.StringResponse{}
	webhookURL().ValidateString(context.Background(), validator.StringRequest{ConfigValue: types.StringUnknown()}, resp)
	webhookURL().ValidateString(context.Background(), validator.StringRequest{ConfigValue: types.StringNull()}, resp)
	if len(resp.Diagnostics) != 0 {
		t.Errorf("unknown/null: %v", resp.Diagnostics)
	}
}

// The rules of checkWebhookURL for hosts TRTC can never deliver to, with their messages.
func TestCheckWebhookURLHosts(t *testing.T) {
	long := strings.Repeat("a", 59) + ".com" // 63 characters
	for _, tc := range []struct{ url, want string }{
		// IPv4-looking literals that are no IPv4 address.
		{"https://999.999.999.999/x", `has an invalid IPv4 address "999.999.999.999": an IPv4 address is four numbers from 0 to 255 without leading zeros, and a domain cannot be all numbers`},
		{"https://1.2.3.4.5/x", `has an invalid IPv4 address "1.2.3.4.5"`},
		{"https://1.2.3/x", `has an invalid IPv4 address "1.2.3"`},
		{"https://256.1.1.1:8080/x", `has an invalid IPv4 address "256.1.1.1"`},
		{"https://010.1.2.3/x", `has an invalid IPv4 address "010.1.2.3"`}, // octal to some parsers
		{"https://12345/x", `has an invalid IPv4 address "12345"`},
		// Single-label hosts.
		{"https://intranet/x", `must have an IP address or a domain of two or more labels, such as hooks.example.com: TRTC delivers from the internet and resolves public DNS names only, so it can never reach "intranet"`},
		{"https://localhost/", `so it can never reach "localhost"`},
		{"http://localhost:8080/x", `so it can never reach "localhost"`},
		// Doubled hyphens belong only after xn--, and punycode must decode.
		{"https://bad--host.example.com/x", `label "bad--host" contains '--'`},
		{"https://ab--cd.example.com/x", `label "ab--cd" contains '--'`},
		{"https://xn--.example.com/x", `label "xn--" starts or ends with '-'`},
		{"https://xn--zz.example.com/x", `label "xn--zz" is not valid punycode`},
		{"https://xn--abc-.example.com/x", `label "xn--abc-" starts or ends with '-'`},
		{"https://xn--bcher_kva.example.com/x", `label "xn--bcher_kva" may only contain letters, digits and '-'`},
		// Unicode labels must be valid IDNA.
		{"https://bü_cher.example/x", `label "bü_cher" is not a valid internationalised label`},
		{"https://-bücher.example/x", `label "-bücher" is not a valid internationalised label`},
		{"https://%E2%80%8B.example/x", `is not a valid internationalised label`}, // a zero-width space alone
		// The length counts the ASCII form.
		{"https://" + long + "/x", ``},
		{"https://a" + long + "/x", `must have a domain of at most 63 characters`},
	} {
		err := checkWebhookURL(tc.url)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.url, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.url, err, tc.want)
		}
	}
}

// The 63-character limit counts punycode: a Unicode domain short in
// characters and in bytes can be too long, and one long in bytes can fit.
func TestCheckWebhookURLLengthCountsPunycode(t *testing.T) {
	// 52 characters, 58 bytes, 65 in punycode (xn--bergrentrgerschaftsverhltnisprfung-fzc8poa77deh8a).
	tooLong := "übergrößenträgerschaftsverhältnisprüfung.beispiel.de"
	if err := checkWebhookURL("https://" + tooLong + "/x"); err == nil || !strings.Contains(err.Error(), "must have a domain of at most 63 characters") {
		t.Errorf("%q: %v", tooLong, err)
	}
	// 48 characters, 88 bytes, 54 in punycode (xn--tdaaa...).
	fits := strings.Repeat("ü", 40) + ".example"
	if err := checkWebhookURL("https://" + fits + "/x"); err != nil {
		t.Errorf("%q: %v", fits, err)
	}
}

func TestWebhookURLWarnings(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want []string // one per warning
	}{
		{"https://10.0.0.7:8080/trtc", []string{"url has the host 10.0.0.7, a private address (RFC 1918): TRTC delivers from the internet and cannot reach it, so every delivery will fail. That is fine for tests and mocks"}},
		{"https://172.16.0.1/x", []string{"a private address (RFC 1918)"}},
		{"https://192.168.1.20/x", []string{"a private address (RFC 1918)"}},
		{"https://127.0.0.1:8080/x", []string{"a loopback address"}},
		{"https://127.200.0.1/x", []string{"a loopback address"}},
		{"https://[::1]:8080/x", []string{"host ::1, a loopback address"}},
		{"https://169.254.169.254/x", []string{"a link-local address"}},
		{"https://[fe80::1]/x", []string{"a link-local address"}},
		{"https://0.0.0.0/x", []string{"the unspecified address"}},
		{"https://[::]/x", []string{"the unspecified address"}},
		{"https://100.64.0.1/x", []string{"a carrier-grade NAT address (RFC 6598)"}},
		{"https://100.127.255.254/x", []string{"a carrier-grade NAT address (RFC 6598)"}},
		{"https://[fd12:3456::1]/x", []string{"a private address (RFC 4193)"}},
		{"https://[::ffff:192.168.0.1]/x", []string{"a private address (RFC 1918)"}},
		{"http://10.0.0.7:8080/trtc", []string{"Use an https:// URL", "a private address (RFC 1918)"}},
		// The edges of each range are public.
		{"https://100.128.0.1/x", nil},
		{"https://100.63.255.255/x", nil},
		{"https://172.32.0.1/x", nil},
		{"https://11.0.0.1/x", nil},
		// Query parameters that look like secrets: names only, each once.
		{"https://hooks.example.com/x?token=s3cr3t-value", []string{`url has the query parameter(s) "token", which look like a secret. The URL is stored in the plan and the state in plain text`}},
		{"https://hooks.example.com/x?a=1&API_KEY=s3cr3t-value&Sig=s3cr3t-value&api-key=s3cr3t-value&sig=s3cr3t-value",
			[]string{`"API_KEY", "Sig", "api-key" and "sig"`}},
		{"https://hooks.example.com/x?Token=s3cr3t-value&Token=s3cr3t-value", []string{`the query parameter(s) "Token", which`}},
		{"https://hooks.example.com/x?key=s3cr3t-value&secret=s3cr3t-value&password=s3cr3t-value&signature=s3cr3t-value&apikey=s3cr3t-value&access_token=s3cr3t-value",
			[]string{`"key", "secret", "password", "signature", "apikey" and "access_token"`}},
		{"https://hooks.example.com/x?%74oken=s3cr3t-value", []string{`"token"`}},
		{"https://hooks.example.com/x?token", []string{`"token"`}},
		{"https://hooks.example.com/x?token=s3cr3t-value", []string{"trtc_live_webhook_token ... needs no secret in its URL"}},
		{"http://10.0.0.7/x?token=s3cr3t-value", []string{"Use an https:// URL", "a private address", `"token"`}},
	} {
		d := validateString(webhookURL(), tc.url)
		if d.HasError() || d.WarningsCount() != len(tc.want) {
			t.Errorf("%q: want %d warning(s), got %v", tc.url, len(tc.want), d)
			continue
		}
		for i, want := range tc.want {
			if !containsInOrder(d[i].Detail(), want) {
				t.Errorf("%q: warning %d %q lacks %q", tc.url, i, d[i].Detail(), want)
			}
		}
		// A secret's value is never shown.
		for _, diag := range d {
			if strings.Contains(diag.Detail(), "s3cr3t") || strings.Contains(diag.Summary(), "s3cr3t") {
				t.Errorf("%q: a warning shows the secret: %q", tc.url, diag.Detail())
			}
		}
	}
}

// Diagnostics that echo a URL hide what looks like a secret in it.
func TestRedactedURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://hooks.example.com/x?a=1":                  "https://hooks.example.com/x?a=1",
		"https://hooks.example.com/a%2Fb?a=1":              "https://hooks.example.com/a%2Fb?a=1",
		"http://hooks.example.com/x?token=abc&a=1":         "http://hooks.example.com/x?token=REDACTED&a=1",
		"https://hooks.example.com/x?a=1&Api-Key=abc&key":  "https://hooks.example.com/x?a=1&Api-Key=REDACTED&key",
		"https://user:pw@hooks.example.com/x":              "https://user:xxxxx@hooks.example.com/x",
		"https://user:pw@hooks.example.com/x?sig=abc#frag": "https://user:xxxxx@hooks.example.com/x?sig=REDACTED#frag",
		"https://exa mple.com/?token=abc":                  "https://exa mple.com/?token=abc", // not a URL: nothing to parse
	} {
		if got := redactedURL(in); got != want {
			t.Errorf("redactedURL(%q) = %q, want %q", in, got, want)
		}
	}
	d := validateString(webhookURL(), "https://user:s3cr3t@hooks.example.com/x?token=s3cr3t")
	if !d.HasError() || strings.Contains(d[0].Detail(), "s3cr3t") {
		t.Errorf("credentials: %v", d)
	}
}

// Hosts TRTC can never deliver to are errors at plan time; nothing
// reaches TRTC.
func TestAccWebhookURL_undeliverableHostsAreErrors(t *testing.T) {
	mock := startMock(t)
	for name, tc := range map[string]struct{ url, want string }{
		"invalid IPv4 literal": {"https://999.999.999.999/trtc",
			`Invalid webhook URL ... url has an invalid IPv4 address "999.999.999.999": an IPv4 address is four numbers from 0 to 255 without leading zeros`},
		"five numbers": {"https://1.2.3.4.5/trtc", `url has an invalid IPv4 address "1.2.3.4.5"`},
		"single-label host": {"https://intranet/trtc",
			`Invalid webhook URL ... url must have an IP address or a domain of two or more labels, such as hooks.example.com: TRTC delivers from the internet and resolves public DNS names only, so it can never reach "intranet"`},
		"localhost": {"http://localhost:8080/trtc", `so it can never reach "localhost"`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders(t),
				Steps: []resource.TestStep{{
					Config:      providerBlock(mock) + live.resource(tc.url, []string{live.word(0)}),
					PlanOnly:    true,
					ExpectError: words(tc.want),
				}},
			})
		})
	}
	t.Cleanup(func() {
		if n := mock.CountRequests(""); n != 0 {
			t.Errorf("an undeliverable URL sent %d request(s)", n)
		}
	})
}

// A private address and a query that looks like it holds a secret are
// warnings: they apply.
func TestAccWebhookURL_warningsApply(t *testing.T) {
	mock := startMock(t)
	const private, secret = "https://192.168.10.20:8443/trtc", "https://hooks.example.com/trtc?token=not-really-secret"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{
			{Config: providerBlock(mock) + live.resource(private, []string{live.word(0)}), Check: mockHolds(mock, live, private, live.word(0))},
			{Config: providerBlock(mock) + live.resource(secret, []string{live.word(0)}), Check: mockHolds(mock, live, secret, live.word(0))},
		},
	})
}

// Internationalised domains apply, as punycode and as written.
func TestAccWebhookURL_internationalisedHostsApply(t *testing.T) {
	mock := startMock(t)
	const punycode, unicode = "https://xn--bcher-kva.example/hook", "https://bücher.example/hook"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		Steps: []resource.TestStep{
			{Config: providerBlock(mock) + live.resource(punycode, []string{live.word(0)}), Check: mockHolds(mock, live, punycode, live.word(0))},
			{Config: providerBlock(mock) + live.resource(unicode, []string{live.word(0)}), Check: mockHolds(mock, live, unicode, live.word(0))},
		},
	})
}
