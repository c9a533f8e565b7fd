package provider

import (
	"fmt"
	"strings"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// subject is one object kind of the lifecycle engine as the tests of its
// rules drive it: a webhook product, or the live webhook signing token.
// A rule that is the engine's holds for every kind, so those tests run
// over subjects(). Each subject has numbered variants: variant i and
// variant j (i != j) are two different objects of the kind.
type subject struct {
	name     string // the subtest's name
	typeName string
	service  string
	// get and set are the commands that read and create the object.
	get, set string
	// product is the webhook product; nil for the token.
	product *product
}

// subjects are every webhook product and the token.
func subjects() []subject {
	var out []subject
	for _, p := range products() {
		out = append(out, webhookSubject(p))
	}
	return append(out, tokenSubject)
}

func webhookSubject(p product) subject {
	return subject{name: p.typeSuffix, typeName: p.typeName(), service: p.service(), get: "get_callback", set: "set_callback", product: &p}
}

var tokenSubject = subject{name: liveWebhookTokenSuffix, typeName: liveWebhookTokenType, service: trtcmock.ServiceLive,
	get: "get_callback_token", set: "set_callback_token"}

// url is webhook variant i's URL.
func variantURL(i int) string { return fmt.Sprintf("%s/variant-%d", hookURL, i) }

// variantToken is token variant i.
func variantToken(i int) string { return fmt.Sprintf("tok-variant-%d-5c1e9a7b3d", i) }

// body is the resource body that configures variant i.
func (s subject) body(i int) string {
	if s.product == nil {
		return fmt.Sprintf("enabled = true\n  token   = %q", variantToken(i))
	}
	return fmt.Sprintf("url               = %q\n  callback_commands = [%q]", variantURL(i), s.product.word(0))
}

// resource is resource name of the subject's type holding variant i, with
// extra lines.
func (s subject) resource(name string, i int, extra ...string) string {
	return fmt.Sprintf("\nresource %q %q {\n  %s\n  %s\n}\n", s.typeName, name, s.body(i), strings.Join(extra, "\n  "))
}

// addr is the address of resource name.
func (s subject) addr(name string) string { return s.typeName + "." + name }

// put stores variant i out of band, as someone using the console would.
func (s subject) put(mock *trtcmock.Server, i int) {
	if s.product == nil {
		mock.SetToken(testAppID, variantToken(i), true)
		return
	}
	s.product.put(mock, variantURL(i), s.product.word(0))
}

// held is the variant the mock holds (what TRTC really holds, not what a
// lagging read shows): -1 for none, -2 for something that is no variant.
func (s subject) held(mock *trtcmock.Server, variants ...int) int {
	return s.heldIn(mock, testAppID, variants...)
}

// heldIn is held for the app sdkAppID.
func (s subject) heldIn(mock *trtcmock.Server, sdkAppID uint64, variants ...int) int {
	if s.product == nil {
		v, on, ok := mock.Token(sdkAppID)
		for _, i := range variants {
			if ok && on && v == variantToken(i) {
				return i
			}
		}
		if !ok || !on {
			return -1 // absent or disabled: no token in effect
		}
		return -2
	}
	c, ok := mock.Config(sdkAppID, s.service)
	if !ok {
		return -1
	}
	for _, i := range variants {
		if c.URL == variantURL(i) && len(c.Commands) == 1 && c.Commands[0] == s.product.word(0) {
			return i
		}
	}
	return -2
}

// holds checks that the mock holds variant i.
func (s subject) holds(mock *trtcmock.Server, i int) error {
	if got := s.held(mock, i); got != i {
		return fmt.Errorf("mock holds %s, want variant %d", s.describeHeld(mock), i)
	}
	return nil
}

// describeHeld says what the mock holds, for a failure message.
func (s subject) describeHeld(mock *trtcmock.Server) string {
	if s.product == nil {
		v, on, ok := mock.Token(testAppID)
		return fmt.Sprintf("token %q enabled=%v (present %v)", v, on, ok)
	}
	c, ok := mock.Config(testAppID, s.service)
	return fmt.Sprintf("%+v (present %v)", c, ok)
}

// count is how many requests of command the mock saw for the subject.
func (s subject) count(mock *trtcmock.Server, command string) int {
	return mocktest.Count(mock, s.service, command)
}

// shown is how a message shows variant i: the URL, or nothing for the
// token (never shown).
func (s subject) shown(i int) string {
	if s.product == nil {
		return "an enabled token (not shown)"
	}
	return variantURL(i)
}

// commands lists the commands the mock saw for s, in order.
func (s subject) commands(mock *trtcmock.Server) []string {
	return mocktest.Commands(mock, s.service)
}
