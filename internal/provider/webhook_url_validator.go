package provider

import (
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"golang.org/x/net/idna"
)

// webhookURL applies TRTC's rules for a webhook address: http or https,
// a host that is an IP or a domain the console would accept. What TRTC can
// never deliver to is an error: a host that is neither an IP address nor a
// domain, or a name public DNS cannot resolve. What it cannot deliver to
// but tests use (a private or loopback address), plain http (deliveries
// would cross the internet unencrypted) and a query that looks like it
// holds a secret are warnings.
func webhookURL() validator.String {
	return stringCheck{
		description: "must be an http:// or https:// URL with a valid host; https is recommended",
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			if err := checkWebhookURL(value); err != nil {
				resp.Diagnostics.AddAttributeError(req.Path, "Invalid webhook URL",
					fmt.Sprintf("%s %s, got %q.", req.Path, err, redactedURL(value)))
				return
			}
			if strings.HasPrefix(value, "http://") {
				resp.Diagnostics.AddAttributeWarning(req.Path, "Webhook URL uses plain http",
					fmt.Sprintf("%s is %q: TRTC will deliver events unencrypted. Use an https:// URL.", req.Path, redactedURL(value)))
			}
			u, _ := url.Parse(value) // checkWebhookURL parsed it
			if reason := unreachableAddress(u.Hostname()); reason != "" {
				resp.Diagnostics.AddAttributeWarning(req.Path, "Webhook URL TRTC cannot reach",
					fmt.Sprintf("%s has the host %s, %s: TRTC delivers from the internet and cannot reach it, so "+
						"every delivery will fail. That is fine for tests and mocks; real deliveries need a public "+
						"address or domain.", req.Path, u.Hostname(), reason))
			}
			if names := secretParameters(u.RawQuery); len(names) > 0 {
				resp.Diagnostics.AddAttributeWarning(req.Path, "Webhook URL may hold a secret",
					fmt.Sprintf("%s has the query parameter(s) %s, which look like a secret. The URL is stored in "+
						"the plan and the state in plain text, and shown in plan output. For TUILiveKit (Live) "+
						"webhooks, let TRTC sign each delivery instead (trtc_live_webhook_token: the receiver checks "+
						"the Sign and RequestTime parameters); otherwise prefer a receiver that needs no secret in "+
						"its URL (TRTC sends no custom headers), such as one that accepts only TRTC's webhook "+
						"egress addresses.", req.Path, quotedAnd(names)))
			}
		},
	}
}

// maxDomainLength is the TRTC console's limit on a webhook domain. It
// counts the ASCII form, punycode for an internationalised domain: that is
// the form DNS and TRTC's servers see, and the Unicode form would
// understate it.
const maxDomainLength = 63

func checkWebhookURL(value string) error {
	// The service checks the literal prefix, so "HTTPS://" is refused too.
	if !strings.HasPrefix(value, "https://") && !strings.HasPrefix(value, "http://") {
		return fmt.Errorf("must start with https:// or http://")
	}
	if i := strings.IndexFunc(value, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }); i >= 0 {
		return fmt.Errorf("must not contain spaces or control characters (percent-encode them)")
	}
	u, err := url.Parse(value)
	if err != nil {
		return fmt.Errorf("is not a valid URL")
	}
	switch {
	case u.User != nil:
		return fmt.Errorf("must not contain user credentials (they would be stored in state in plain text)")
	case strings.Contains(value, "#"):
		return fmt.Errorf("must not have a fragment (#...): it is never sent to the receiver")
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("must have a port from 1 to 65535")
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return fmt.Errorf("must have a port from 1 to 65535")
	}
	host := u.Hostname()
	if host == "" {
		return fmt.Errorf("must have a host")
	}
	if addr, err := netip.ParseAddr(host); err == nil && addr.Zone() == "" {
		return nil
	}
	labels := strings.Split(host, ".")
	length := len(labels) - 1 // the dots
	for i, label := range labels {
		ascii, err := asciiLabel(label)
		if err != nil {
			return fmt.Errorf("has an invalid host %q: %s", host, err)
		}
		labels[i], length = ascii, length+len(ascii)
	}
	switch {
	case !slices.ContainsFunc(labels, func(l string) bool { return strings.Trim(l, "0123456789") != "" }):
		// All numbers: not a domain (no top-level domain is numeric), and
		// not an IPv4 address either.
		return fmt.Errorf("has an invalid IPv4 address %q: an IPv4 address is four numbers from 0 to 255 "+
			"without leading zeros, and a domain cannot be all numbers", host)
	case len(labels) == 1:
		return fmt.Errorf("must have an IP address or a domain of two or more labels, such as hooks.example.com: "+
			"TRTC delivers from the internet and resolves public DNS names only, so it can never reach %q", host)
	case length > maxDomainLength:
		return fmt.Errorf("must have a domain of at most %d characters", maxDomainLength)
	}
	return nil
}

// asciiLabel checks one label of a domain and returns its ASCII form: the
// label itself, or the punycode (xn--...) of an internationalised one.
func asciiLabel(label string) (string, error) {
	if label == "" {
		return "", fmt.Errorf("empty label")
	}
	ascii := label
	if !isASCII(label) {
		var err error
		if ascii, err = idna.Lookup.ToASCII(label); err != nil || ascii == "" {
			return "", fmt.Errorf("label %q is not a valid internationalised label", label)
		}
	}
	// Punycode labels begin "xn--", the one place a doubled '-' belongs.
	punycode := len(ascii) > 4 && strings.EqualFold(ascii[:4], "xn--")
	switch {
	case strings.HasPrefix(ascii, "-") || strings.HasSuffix(ascii, "-"):
		return "", fmt.Errorf("label %q starts or ends with '-'", label)
	case !punycode && strings.Contains(ascii, "--"):
		return "", fmt.Errorf("label %q contains '--'", label)
	}
	for _, r := range ascii {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return "", fmt.Errorf("label %q may only contain letters, digits and '-'", label)
		}
	}
	if punycode {
		// It must decode, and to something that needed encoding.
		if u, err := idna.Lookup.ToUnicode(ascii); err != nil || isASCII(u) {
			return "", fmt.Errorf("label %q is not valid punycode", label)
		}
	}
	return ascii, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// cgnat is the shared address space of carrier-grade NAT (RFC 6598).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// unreachableAddress says why TRTC cannot reach host, an IP literal that
// is not on the internet; "" for a domain or a public address.
func unreachableAddress(host string) string {
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return ""
	}
	addr = addr.Unmap() // ::ffff:10.0.0.1 is 10.0.0.1
	switch {
	case addr.IsLoopback():
		return "a loopback address"
	case addr.IsUnspecified():
		return "the unspecified address"
	case addr.IsLinkLocalUnicast():
		return "a link-local address"
	case addr.IsPrivate() && addr.Is4():
		return "a private address (RFC 1918)"
	case addr.IsPrivate():
		return "a private address (RFC 4193)"
	case cgnat.Contains(addr):
		return "a carrier-grade NAT address (RFC 6598)"
	}
	return ""
}

// secretNames are query parameter names that usually carry a secret,
// compared in lower case with '-' read as '_'.
var secretNames = []string{"token", "key", "secret", "password", "sig", "signature", "apikey", "api_key", "access_token"}

// secretParameters are the names, as written and each once, of the query's
// parameters that look like they carry a secret.
func secretParameters(rawQuery string) []string {
	var names []string
	for _, pair := range strings.Split(rawQuery, "&") {
		name, _, _ := strings.Cut(pair, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if isSecretName(name) && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

func isSecretName(name string) bool {
	return slices.Contains(secretNames, strings.ReplaceAll(strings.ToLower(name), "-", "_"))
}

// redactedURL is value as a diagnostic may show it: the values of query
// parameters that look like secrets, and a password, replaced.
func redactedURL(value string) string {
	u, err := url.Parse(value)
	if err != nil {
		return value
	}
	_, hasPassword := u.User.Password()
	if !hasPassword && len(secretParameters(u.RawQuery)) == 0 {
		return value // as written
	}
	pairs := strings.Split(u.RawQuery, "&")
	for i, pair := range pairs {
		name, _, hasValue := strings.Cut(pair, "=")
		unescaped, err := url.QueryUnescape(name)
		if err != nil {
			unescaped = name
		}
		if hasValue && isSecretName(unescaped) {
			pairs[i] = name + "=REDACTED"
		}
	}
	u.RawQuery = strings.Join(pairs, "&")
	return u.Redacted()
}

// quotedAnd is names quoted and joined by commas and "and".
func quotedAnd(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	if len(quoted) == 1 {
		return quoted[0]
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
}
