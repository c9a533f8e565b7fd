package provider

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

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
