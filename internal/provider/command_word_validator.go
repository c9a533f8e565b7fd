package provider

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// commandWordPattern is the documented shape <Prefix>.Callback<Name>.
var commandWordPattern = regexp.MustCompile(`^[A-Z][A-Za-z]*\.Callback[A-Z][A-Za-z0-9]*$`)

// commandWord checks one callback command word of kind. A malformed word,
// a known word in the wrong case, a near miss of a documented word (a
// likely typo) or a word of another product is an error; a well-formed
// word far from every documented one is only a warning, because Tencent
// adds words over time.
func commandWord(kind webhookProduct) validator.String {
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
func judgeCommandWord(kind webhookProduct, value string) (summary, detail string, isError bool) {
	if slices.Contains(kind.commands, value) {
		return "", "", false
	}
	suggestion := ""
	if known := sameWordAnyCase(kind, value); known != "" {
		suggestion = fmt.Sprintf(" Did you mean %q? Command words are case-sensitive.", known)
	}
	near, edits := nearMisses(kind, value)
	switch {
	case !commandWordPattern.MatchString(value):
		if suggestion == "" && len(near) > 0 {
			suggestion = " Did you mean " + quotedOr(near) + "?"
		}
		return "Invalid callback command", fmt.Sprintf(
			"%q is not a callback command: words have the form <Prefix>.Callback<Name>, such as %q.%s",
			value, kind.commands[0], suggestion), true
	case suggestion != "":
		return "Invalid callback command", fmt.Sprintf("%q is not a %s callback command.%s",
			value, kind.title, suggestion), true
	case kind.olderSpellings[value] != "":
		return "Older callback command spelling", fmt.Sprintf(
			"%q is an older spelling of %q, which TRTC's current %s lists use. It will be sent as written.",
			value, kind.olderSpellings[value], kind.title), false
	}
	if other, ok := kindWithWord(value); ok {
		return "Callback command of another product", fmt.Sprintf(
			"%q is a %s callback command, not a %s one: configure it in %s.",
			value, other.title, kind.title, other.typeName()), true
	}
	if len(near) > 0 {
		return "Misspelt callback command", fmt.Sprintf(
			"%q is not a %s callback command, but it is %d edit(s) from one. Did you mean %s? "+
				"A word this close to a documented one is refused as a likely typo; if TRTC has since "+
				"documented it, this provider's list needs an update.",
			value, kind.title, edits, quotedOr(near)), true
	}
	detail = fmt.Sprintf("%q is not among the %s callback commands this provider knows: %s. "+
		"It will be sent as written; check its spelling if TRTC never delivers it.",
		value, kind.title, strings.Join(kind.commands, ", "))
	if other, ok := kindWithPrefix(kind, value); ok {
		detail += fmt.Sprintf(" Its prefix is used by %s callback commands (%s).", other.title, other.typeName())
	}
	return "Unknown callback command", detail, false
}

// sameWordAnyCase is a known word of kind that equals value but for case;
// for an older spelling, the current one.
func sameWordAnyCase(kind webhookProduct, value string) string {
	for _, w := range kind.commands {
		if strings.EqualFold(w, value) {
			return w
		}
	}
	for older, current := range kind.olderSpellings {
		if older != value && strings.EqualFold(older, value) {
			return current
		}
	}
	return ""
}

// kindWithWord is another product that documents value.
func kindWithWord(value string) (webhookProduct, bool) {
	for _, k := range webhookProducts {
		if slices.Contains(k.commands, value) {
			return k, true
		}
	}
	return webhookProduct{}, false
}

// kindWithPrefix is another product whose words, unlike kind's, use
// value's prefix (such as Room. in a Live webhook).
func kindWithPrefix(kind webhookProduct, value string) (webhookProduct, bool) {
	prefix, _, _ := strings.Cut(value, ".")
	usesPrefix := func(k webhookProduct) bool {
		return slices.ContainsFunc(k.commands, func(w string) bool { return strings.HasPrefix(w, prefix+".") })
	}
	if usesPrefix(kind) {
		return webhookProduct{}, false
	}
	for _, k := range webhookProducts {
		if k.typeSuffix != kind.typeSuffix && usesPrefix(k) {
			return k, true
		}
	}
	return webhookProduct{}, false
}

// typoDistance is how many edits from word a value may be and still be
// taken for a typo of it. Two edits catch the usual slips (a dropped,
// doubled, swapped or wrong letter, twice over) and stay below the
// distance between the documented words of a product, which is at least 4
// but for Live.CallbackAfterSetMetadata and Live.CallbackAfterDelMetadata
// (2, which is why a value 1 edit from both names both). Three would take
// a plausible new word such as Live.CallbackAfterStopBattle (3 from
// ...StartBattle) for a typo. Words of 36 characters or more get three: a
// long word invites more slips, and every documented word that long is at
// least 9 edits from any other.
func typoDistance(word string) int {
	if utf8.RuneCountInString(word) >= 36 {
		return 3
	}
	return 2
}

// nearMisses are the documented words of kind closest to value, in
// documented order, and how many edits away they are, if that is within
// their typoDistance; a near miss of an older spelling suggests the
// current one. Case does not count: a word in the wrong case is an error
// of its own.
func nearMisses(kind webhookProduct, value string) (words []string, distance int) {
	type candidate struct{ word, suggest string }
	candidates := make([]candidate, 0, len(kind.commands)+len(kind.olderSpellings))
	for _, w := range kind.commands {
		candidates = append(candidates, candidate{w, w})
	}
	for _, older := range slices.Sorted(maps.Keys(kind.olderSpellings)) {
		candidates = append(candidates, candidate{older, kind.olderSpellings[older]})
	}
	lower := strings.ToLower(value)
	for _, c := range candidates {
		d := editDistance(lower, strings.ToLower(c.word))
		if d > typoDistance(c.word) || (words != nil && d > distance) {
			continue
		}
		if words == nil || d < distance {
			words, distance = nil, d
		}
		if !slices.Contains(words, c.suggest) {
			words = append(words, c.suggest)
		}
	}
	return words, distance
}

// editDistance is the optimal string alignment distance between a and b:
// the fewest insertions, deletions, substitutions and swaps of adjacent
// characters that turn one into the other, no character edited twice.
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// Three rows of the table: two back (for swaps), the last, this one.
	before, last, row := make([]int, len(t)+1), make([]int, len(t)+1), make([]int, len(t)+1)
	for j := range last {
		last[j] = j
	}
	for i := 1; i <= len(s); i++ {
		row[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			row[j] = min(last[j]+1, row[j-1]+1, last[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				row[j] = min(row[j], before[j-2]+1)
			}
		}
		before, last, row = last, row, before
	}
	return last[len(t)]
}

// quotedOr is words quoted and joined by "or".
func quotedOr(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = strconv.Quote(w)
	}
	return strings.Join(quoted, " or ")
}
