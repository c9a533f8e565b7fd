package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// Bad input fails the plan, naming the attribute, before any request.
func TestAccGift_validation(t *testing.T) {
	mock := startMock(t)
	long := func(n int) string { return strings.Repeat("x", n) }
	gift := func(lines ...string) string { return providerBlock(mock) + giftBlock("g", "rose", lines...) }
	category := func(lines ...string) string { return providerBlock(mock) + categoryBlock("c", "hot", lines...) }
	cases := []struct {
		config, want string
	}{
		{providerBlock(mock) + giftBlock("g", ""), `gift_id must not be empty`},
		{providerBlock(mock) + giftBlock("g", long(21)), `gift_id is 21 bytes; TRTC takes at most 20`},
		{gift(`name = "玫瑰玫瑰玫瑰玫瑰"`), `name is 24 bytes (8 characters: TRTC counts bytes, and a character beyond ASCII takes 2 to 4); TRTC takes at most 20`},
		{gift(`description = "` + long(21) + `"`), `description is 21 bytes; TRTC takes at most 20`},
		{gift(`icon_url = "https://cdn.example.com/` + long(180) + `"`), `icon_url is 204 bytes; TRTC takes at most 200`},
		{gift(`resource_url = "https://cdn.example.com/` + long(180) + `"`), `resource_url is 204 bytes; TRTC takes at most 200`},
		{gift(`extension_info = jsonencode({ k = "` + long(100) + `" })`), `extension_info is 108 bytes; TRTC takes at most 100`},
		{gift(`extension_info = "hearts"`), `extension_info must be empty or JSON, such as jsonencode({ effect = "hearts" }), got "hearts"`},
		{gift(`coins = -1`), `Attribute coins value must be at least 0, got: -1`},
		{gift(`languages = { fr = { name = "Rose" } }`), `languages has a row in "fr", which TRTC does not take: a row is in en, zh-Hans or zh-Hant.`},
		{gift(`languages = { "zh-hans" = { name = "Rose" } }`), `Did you mean "zh-Hans"? Language codes are case-sensitive.`},
		{gift(`languages = { en = { name = "` + long(21) + `" } }`), `languages["en"].name is 21 bytes; TRTC takes at most 20`},
		{gift(`languages = { en = { name = "Rose", description = "` + long(21) + `" } }`), `languages["en"].description is 21 bytes; TRTC takes at most 20`},
		{category(`description = "` + long(61) + `"`), `description is 61 bytes; TRTC takes at most 60`},
		{category(`languages = { en = { name = "Hot", description = "` + long(61) + `" } }`), `languages["en"].description is 61 bytes; TRTC takes at most 60`},
		{category(`gift_ids = ["rose", "` + long(21) + `"]`), `is 21 bytes; TRTC takes at most 20`},
		{category(`extension_info = "{"`), `extension_info must be empty or JSON`},
		{category(`name = ""`), `name must not be empty`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: c.config, PlanOnly: true, ExpectError: words(c.want)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: fastGifts(t), Steps: steps})
	if err := noRequests(mock)(nil); err != nil {
		t.Error(err)
	}
}
