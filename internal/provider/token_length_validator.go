package provider

import (
	"fmt"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// maxTokenLength is TRTC's documented limit, in characters.
const maxTokenLength = 128

// tokenLength checks the Live webhook signing token against TRTC's 1–128
// characters. TRTC's API pages do not say whether a multi-byte character
// counts as one or as its bytes, so a token that is certainly too long (or
// empty) is an error, and one over 128 bytes but not over 128 characters
// is a warning. Neither diagnostic shows the token: it is a secret.
func tokenLength() validator.String {
	return stringCheck{
		description: fmt.Sprintf("must be 1 to %d characters; over %[1]d bytes in UTF-8 draws a warning", maxTokenLength),
		check: func(value string, req validator.StringRequest, resp *validator.StringResponse) {
			chars, bytes := utf8.RuneCountInString(value), len(value)
			switch {
			case chars < 1 || chars > maxTokenLength:
				// The wording of the framework's UTF8LengthBetween, which
				// this validator replaced.
				resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value Length",
					fmt.Sprintf("Attribute %s UTF-8 character count must be between 1 and %d, got: %d", req.Path, maxTokenLength, chars))
			case bytes > maxTokenLength:
				resp.Diagnostics.AddAttributeWarning(req.Path, "Token may be too long for TRTC",
					fmt.Sprintf("%s is %d characters but %d bytes in UTF-8; TRTC documents 1–%d characters without "+
						"saying how multi-byte characters count, so it may refuse it: prefer ASCII.",
						req.Path, chars, bytes, maxTokenLength))
			}
		},
	}
}
