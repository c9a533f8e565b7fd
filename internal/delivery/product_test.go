package delivery

import (
	"regexp"
	"slices"
	"testing"
)

var wellFormed = regexp.MustCompile(`^[A-Z][A-Za-z]*\.Callback[A-Za-z]+$`)

func TestProducts(t *testing.T) {
	for _, c := range []struct {
		p      Product
		name   string
		signed bool
		probe  string
		words  int
	}{
		{Live, "Live", true, "Live.CallbackTerraformProbe", 20},
		{Room, "Room", false, "Room.CallbackTerraformProbe", 6},
		{Call, "Call", false, "Call.CallbackTerraformProbe", 3},
	} {
		if c.p.String() != c.name || c.p.Prefix() != c.name || c.p.Signed() != c.signed || c.p.ProbeWord() != c.probe {
			t.Errorf("%v: name %q prefix %q signed %v probe %q", c.p, c.p.String(), c.p.Prefix(), c.p.Signed(), c.p.ProbeWord())
		}
		if n := len(c.p.Words()); n != c.words {
			t.Errorf("%v: %d words, want %d", c.p, n, c.words)
		}
		for _, w := range c.p.Words() {
			if !wellFormed.MatchString(w) {
				t.Errorf("%v: malformed word %q", c.p, w)
			}
		}
		if !wellFormed.MatchString(c.p.ProbeWord()) || !IsProbe(c.p.ProbeWord()) {
			t.Errorf("%v: probe word %q", c.p, c.p.ProbeWord())
		}
		got, err := ParseProduct(c.name)
		if err != nil || got != c.p {
			t.Errorf("ParseProduct(%q) = %v, %v", c.name, got, err)
		}
	}
	if p, err := ParseProduct("LIVE"); err != nil || p != Live {
		t.Errorf("ParseProduct(LIVE) = %v, %v", p, err)
	}
	for _, bad := range []string{"", "chat", "live_config", "Live "} {
		if _, err := ParseProduct(bad); err == nil {
			t.Errorf("ParseProduct(%q) accepted", bad)
		}
	}
	if Product(0).String() != "Product(0)" {
		t.Errorf("zero Product = %q", Product(0).String())
	}
	w := Live.Words()
	w[0] = "changed"
	if Live.Words()[0] == "changed" {
		t.Fatal("Words shares the table")
	}
}

// No product documents a probe word: a receiver acknowledging unknown words
// acts on nothing when probed.
func TestProbeWordsAreUndocumented(t *testing.T) {
	for _, p := range Products() {
		for _, q := range Products() {
			if q.Documents(p.ProbeWord()) {
				t.Errorf("%v documents %v's probe word", q, p)
			}
		}
	}
	for _, w := range Live.Words() {
		if IsProbe(w) {
			t.Errorf("IsProbe(%q)", w)
		}
	}
}

func TestIsEvent(t *testing.T) {
	if Live.IsEvent(GiftNotBlock) || !Live.Documents(GiftNotBlock) {
		t.Error("the NotBlock flag is documented, but no event")
	}
	if !Live.IsEvent(GiftPreCheck) || !Room.IsEvent("Mic.CallbackAfterSeatInfoChanged") || Room.IsEvent("Live.CallbackAfterCreateRoom") {
		t.Error("IsEvent")
	}
	if !slices.Contains(Live.Words(), "Mic.CallbackAfterSeatInfoChanged") {
		t.Error("Live delivers the Mic. seat word")
	}
}
