package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// The gift catalogue's limits (docs/development/trtc-api.md §9), checked
// when planning, before any request. TRTC counts bytes, not characters: a
// Chinese character is three.
const (
	maxGiftIDBytes          = 20
	maxGiftNameBytes        = 20
	maxGiftDescBytes        = 20
	maxCategoryDescBytes    = 60
	maxGiftURLBytes         = 200
	maxExtensionInfoBytes   = 100
	giftLanguagesInProse    = "`en`, `zh-Hans` or `zh-Hant`"
	giftLanguagesInMessages = "en, zh-Hans or zh-Hant"
)

// byteLength checks that a string is between least and most bytes long
// (least 0: it may be empty).
func byteLength(least, most int) validator.String { return byteLengthCheck(least, most) }

func byteLengthCheck(least, most int) stringCheck {
	desc := fmt.Sprintf("at most %d bytes", most)
	if least > 0 {
		desc = fmt.Sprintf("%d to %d bytes", least, most)
	}
	return stringCheck{
		description: "must be " + desc,
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			switch n := len(value); {
			case n < least:
				resp.Diagnostics.AddAttributeError(req.Path, "Value too short", fmt.Sprintf("%s must not be empty.", req.Path))
			case n > most:
				chars := ""
				if c := utf8.RuneCountInString(value); c != n {
					chars = fmt.Sprintf(" (%d characters: TRTC counts bytes, and a character beyond ASCII takes 2 to 4)", c)
				}
				resp.Diagnostics.AddAttributeError(req.Path, "Value too long", fmt.Sprintf(
					"%s is %d bytes%s; TRTC takes at most %d.", req.Path, n, chars, most))
			}
		},
	}
}

// jsonText checks extension_info: empty, or JSON of at most most bytes.
func jsonText(most int) validator.String {
	length := byteLengthCheck(0, most)
	return stringCheck{
		description: fmt.Sprintf("must be empty or JSON of at most %d bytes", most),
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			length.check(value, req, resp)
			if value != "" && !json.Valid([]byte(value)) {
				resp.Diagnostics.AddAttributeError(req.Path, "Not JSON", fmt.Sprintf(
					"%s must be empty or JSON, such as jsonencode({ effect = \"hearts\" }), got %q.", req.Path, value))
			}
		},
	}
}

// languageKeys checks the keys of a languages map.
type languageKeys struct{}

func (languageKeys) Description(context.Context) string {
	return "keys must be " + giftLanguagesInMessages
}

func (v languageKeys) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (languageKeys) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	langs := trtcapi.GiftLanguages()
	for key := range req.ConfigValue.Elements() {
		if slices.Contains(langs, key) {
			continue
		}
		hint := ""
		for _, l := range langs {
			if strings.EqualFold(l, key) {
				hint = fmt.Sprintf(" Did you mean %q? Language codes are case-sensitive.", l)
			}
		}
		resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(key), "Unknown language", fmt.Sprintf(
			"%s has a row in %q, which TRTC does not take: a row is in %s.%s Apps show the default name and "+
				"description in every other language.", req.Path, key, giftLanguagesInMessages, hint))
	}
}
