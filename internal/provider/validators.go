package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// stringCheck adapts a plain function to validator.String; the function
// adds diagnostics for a known, non-null value.
type stringCheck struct {
	description string
	check       func(value string, req validator.StringRequest, resp *validator.StringResponse)
}

func (v stringCheck) Description(context.Context) string         { return v.description }
func (v stringCheck) MarkdownDescription(context.Context) string { return v.description }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v.check(req.ConfigValue.ValueString(), req, resp)
}

// baseURL checks the provider's endpoint.
func baseURL() validator.String {
	return stringCheck{
		description: "must be an http or https base URL",
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			if err := checkBaseURL(value); err != nil {
				resp.Diagnostics.AddAttributeError(req.Path, "Invalid endpoint", "endpoint "+err.Error()+".")
			}
		},
	}
}

// positiveDuration checks a Go duration string such as "30s".
func positiveDuration() validator.String {
	return stringCheck{
		description: `must be a positive duration such as "30s"`,
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			if d, err := time.ParseDuration(value); err != nil || d <= 0 {
				resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
					fmt.Sprintf("%s must be a positive duration such as \"30s\", got %q.", req.Path, value))
			}
		},
	}
}

// webhookURL applies TRTC's rules for a webhook address: http or https,
// a host that is an IP or a domain the console would accept. Plain http is
// allowed with a warning: deliveries would cross the internet unencrypted.
func webhookURL() validator.String {
	return stringCheck{
		description: "must be an http:// or https:// URL with a valid host; https is recommended",
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			if err := checkWebhookURL(value); err != nil {
				resp.Diagnostics.AddAttributeError(req.Path, "Invalid webhook URL",
					fmt.Sprintf("%s %s, got %q.", req.Path, err, value))
				return
			}
			if strings.HasPrefix(value, "http://") {
				resp.Diagnostics.AddAttributeWarning(req.Path, "Webhook URL uses plain http",
					fmt.Sprintf("%s is %q: TRTC will deliver events unencrypted. Use an https:// URL.", req.Path, value))
			}
		},
	}
}

// maxDomainLength is the TRTC console's limit on a webhook domain.
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
	switch {
	case host == "":
		return fmt.Errorf("must have a host")
	case net.ParseIP(host) != nil:
		return nil
	case len(host) > maxDomainLength:
		return fmt.Errorf("must have a domain of at most %d characters", maxDomainLength)
	}
	for _, label := range strings.Split(host, ".") {
		if err := checkDomainLabel(label); err != nil {
			return fmt.Errorf("has an invalid host %q: %s", host, err)
		}
	}
	return nil
}

func checkDomainLabel(label string) error {
	switch {
	case label == "":
		return fmt.Errorf("empty label")
	case strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-"):
		return fmt.Errorf("label %q starts or ends with '-'", label)
	case strings.Contains(label, "--"):
		return fmt.Errorf("label %q contains '--'", label)
	}
	for _, r := range label {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return fmt.Errorf("label %q may only contain letters, digits and '-'", label)
		}
	}
	return nil
}

// commandWordPattern is the documented shape <Prefix>.Callback<Name>.
var commandWordPattern = regexp.MustCompile(`^[A-Z][A-Za-z]*\.Callback[A-Z][A-Za-z0-9]*$`)

// commandWord checks one callback command word of kind. A malformed word,
// a known word in the wrong case, or a word of another product is an
// error; a well-formed word missing from the documented list is only a
// warning, because Tencent adds words over time.
func commandWord(kind webhookKind) validator.String {
	return stringCheck{
		description: "must have the form <Prefix>.Callback<Name>",
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			if summary, detail, isError := judgeCommandWord(kind, value); isError {
				resp.Diagnostics.AddAttributeError(req.Path, summary, detail)
			} else if summary != "" {
				resp.Diagnostics.AddAttributeWarning(req.Path, summary, detail)
			}
		},
	}
}

// judgeCommandWord returns what to say about value, if anything.
func judgeCommandWord(kind webhookKind, value string) (summary, detail string, isError bool) {
	if slices.Contains(kind.commands, value) {
		return "", "", false
	}
	suggestion := ""
	if known := sameWordAnyCase(kind, value); known != "" {
		suggestion = fmt.Sprintf(" Did you mean %q? Command words are case-sensitive.", known)
	}
	switch {
	case !commandWordPattern.MatchString(value):
		return "Invalid callback command", fmt.Sprintf(
			"%q is not a callback command: words have the form <Prefix>.Callback<Name>, such as %q.%s",
			value, kind.commands[0], suggestion), true
	case suggestion != "":
		return "Invalid callback command", fmt.Sprintf("%q is not a %s callback command.%s",
			value, kind.product, suggestion), true
	case kind.olderSpellings[value] != "":
		return "Older callback command spelling", fmt.Sprintf(
			"%q is an older spelling of %q, which TRTC's current %s lists use. It will be sent as written.",
			value, kind.olderSpellings[value], kind.product), false
	}
	if other, ok := kindWithWord(value); ok {
		return "Callback command of another product", fmt.Sprintf(
			"%q is a %s callback command, not a %s one: configure it in %s.",
			value, other.product, kind.product, other.typeName()), true
	}
	detail = fmt.Sprintf("%q is not among the %s callback commands this provider knows: %s. "+
		"It will be sent as written; check its spelling if TRTC never delivers it.",
		value, kind.product, strings.Join(kind.commands, ", "))
	if other, ok := kindWithPrefix(kind, value); ok {
		detail += fmt.Sprintf(" Its prefix is used by %s callback commands (%s).", other.product, other.typeName())
	}
	return "Unknown callback command", detail, false
}

// sameWordAnyCase is a known word of kind that equals value but for case.
func sameWordAnyCase(kind webhookKind, value string) string {
	for _, w := range kind.commands {
		if strings.EqualFold(w, value) {
			return w
		}
	}
	return ""
}

// kindWithWord is another product that documents value.
func kindWithWord(value string) (webhookKind, bool) {
	for _, k := range webhookKinds {
		if slices.Contains(k.commands, value) {
			return k, true
		}
	}
	return webhookKind{}, false
}

// kindWithPrefix is another product whose words, unlike kind's, use
// value's prefix (such as Room. in a Live webhook).
func kindWithPrefix(kind webhookKind, value string) (webhookKind, bool) {
	prefix, _, _ := strings.Cut(value, ".")
	usesPrefix := func(k webhookKind) bool {
		return slices.ContainsFunc(k.commands, func(w string) bool { return strings.HasPrefix(w, prefix+".") })
	}
	if usesPrefix(kind) {
		return webhookKind{}, false
	}
	for _, k := range webhookKinds {
		if k.typeSuffix != kind.typeSuffix && usesPrefix(k) {
			return k, true
		}
	}
	return webhookKind{}, false
}
