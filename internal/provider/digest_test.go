package provider

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
)

// A digest recognises its value and no other, is salted afresh each time,
// and holds neither the value nor its bare hash.
func TestDigest(t *testing.T) {
	token := []byte(hookToken)
	a, b := newDigest(token), newDigest(token)
	if !a.matches(token) || !b.matches(token) {
		t.Fatal("a digest does not match its own value")
	}
	for _, other := range []string{consoleToken, hookToken + " ", strings.ToUpper(hookToken), ""} {
		if a.matches([]byte(other)) {
			t.Errorf("the digest of %q matches %q", hookToken, other)
		}
	}
	if a.Salt == b.Salt || a.MAC == b.MAC {
		t.Error("two digests of one value share a salt or MAC")
	}
	raw, _ := json.Marshal(a)
	bare := sha256.Sum256(token)
	if strings.Contains(string(raw), hookToken) || strings.Contains(string(raw), hex.EncodeToString(bare[:])) {
		t.Errorf("the stored digest reveals the value: %s", raw)
	}
	if (digest{}).matches(nil) || (digest{Salt: "zz", MAC: a.MAC}).matches(token) {
		t.Error("an empty or corrupt digest matches")
	}
}
