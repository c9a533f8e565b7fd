package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestTokenLengthValidator(t *testing.T) {
	for _, tc := range []struct {
		name, token string
		isError     bool
		want        string // the diagnostic's detail, "" for none
	}{
		{"one character", "a", false, ""},
		{"128 ASCII characters", strings.Repeat("a", 128), false, ""},
		{"128 bytes of two-byte characters", strings.Repeat("é", 64), false, ""},
		{"empty", "", true, "Attribute url UTF-8 character count must be between 1 and 128, got: 0"},
		{"129 ASCII characters", strings.Repeat("a", 129), true, "Attribute url UTF-8 character count must be between 1 and 128, got: 129"},
		{"129 two-byte characters", strings.Repeat("é", 129), true, "got: 129"},
		{"129 bytes", strings.Repeat("a", 127) + "é", false,
			"url is 128 characters but 129 bytes in UTF-8; TRTC documents 1–128 characters without saying how multi-byte characters count, so it may refuse it: prefer ASCII."},
		{"100 × é", strings.Repeat("é", 100), false, "url is 100 characters but 200 bytes in UTF-8"},
		{"128 characters, 244 bytes", "tok-rotated-" + strings.Repeat("é", 116), false, "128 characters but 244 bytes"},
		{"four-byte characters", strings.Repeat("🔑", 33), false, "33 characters but 132 bytes"},
	} {
		d := validateString(tokenLength(), tc.token)
		switch {
		case tc.want == "" && len(d) != 0:
			t.Errorf("%s: %v", tc.name, d)
		case tc.want == "":
		case len(d) != 1 || d.HasError() != tc.isError || !strings.Contains(d[0].Detail(), tc.want):
			t.Errorf("%s: got %v, want one diagnostic (error=%v) containing %q", tc.name, d, tc.isError, tc.want)
		}
	}
}

// The token never appears in a diagnostic, whatever its length.
func TestTokenLengthValidatorHidesTheToken(t *testing.T) {
	for _, token := range []string{strings.Repeat("s3cr3t", 30), strings.Repeat("sécrèt", 20)} { // an error, a warning
		d := validateString(tokenLength(), token)
		if len(d) != 1 {
			t.Fatalf("%q: %v", token, d)
		}
		for _, diag := range d {
			if text := diag.Summary() + diag.Detail(); strings.Contains(text, "s3cr3t") || strings.Contains(text, "sécrèt") {
				t.Errorf("%q: a diagnostic shows the token: %q", token, diag.Detail())
			}
		}
	}
}

// A token of 100 two-byte characters plans, with a warning; one of 129
// characters is an error at plan time and nothing reaches TRTC.
func TestAccWebhookToken_validationLength(t *testing.T) {
	mock := startMock(t)
	t.Run("200 bytes", func(t *testing.T) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config:             providerBlock(mock) + storedToken(strings.Repeat("é", 100), true),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			}},
		})
	})
	t.Run("129 characters", func(t *testing.T) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			Steps: []resource.TestStep{{
				Config:      providerBlock(mock) + storedToken(strings.Repeat("x", 129), true),
				PlanOnly:    true,
				ExpectError: words(`Invalid Attribute Value Length ... Attribute token UTF-8 character count must be between 1 and 128, got: 129`),
			}},
		})
	})
	t.Run("token_wo of 129 characters", func(t *testing.T) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			TerraformVersionChecks:   writeOnlyCLIs,
			Steps: []resource.TestStep{{
				Config: providerBlock(mock) + fmt.Sprintf("resource %q \"this\" {\n  enabled          = true\n  token_wo         = %q\n  token_wo_version = 1\n}\n",
					liveWebhookTokenType, strings.Repeat("é", 129)),
				PlanOnly:    true,
				ExpectError: words(`Attribute token_wo UTF-8 character count must be between 1 and 128, got: 129`),
			}},
		})
	})
	t.Cleanup(func() {
		if n := mock.CountRequests(""); n != 0 {
			t.Errorf("planning sent %d request(s)", n)
		}
	})
}
