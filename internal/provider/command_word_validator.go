package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

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
