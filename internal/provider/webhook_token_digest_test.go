package provider

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
)

// The digest recognises its token and no other, is salted afresh each
// time, and holds neither the token nor its bare hash.
func TestTokenDigest(t *testing.T) {
	a, b := newTokenDigest(hookToken), newTokenDigest(hookToken)
	if !a.matches(hookToken) || !b.matches(hookToken) {
		t.Fatal("a digest does not match its own token")
	}
	for _, other := range []string{consoleToken, hookToken + " ", strings.ToUpper(hookToken), ""} {
		if a.matches(other) {
			t.Errorf("the digest of %q matches %q", hookToken, other)
		}
	}
	if a.Salt == b.Salt || a.MAC == b.MAC {
		t.Error("two digests of one token share a salt or MAC")
	}
	raw, _ := json.Marshal(a)
	bare := sha256.Sum256([]byte(hookToken))
	if strings.Contains(string(raw), hookToken) || strings.Contains(string(raw), hex.EncodeToString(bare[:])) {
		t.Errorf("the stored digest reveals the token: %s", raw)
	}
	if (tokenDigest{}).matches("") || (tokenDigest{Salt: "zz", MAC: a.MAC}).matches(hookToken) {
		t.Error("an empty or corrupt digest matches")
	}
}
