package provider

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// A write-only token never reaches the state, so drift is detected from a
// digest in private state: a random salt and HMAC-SHA256(salt, token). A
// bare SHA-256 of a short token could be reversed with a dictionary; the
// salt makes every digest a fresh problem, and the token itself is never
// kept anywhere.
const privateKeyTokenDigest = "token_wo_digest"

type tokenDigest struct {
	Salt string `json:"salt"` // hex, 32 random bytes
	MAC  string `json:"hmac"` // hex
}

func newTokenDigest(token string) tokenDigest {
	salt := make([]byte, 32)
	_, _ = rand.Read(salt) // never fails (crypto/rand)
	return tokenDigest{Salt: hex.EncodeToString(salt), MAC: hex.EncodeToString(tokenMAC(salt, token))}
}

func tokenMAC(salt []byte, token string) []byte {
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(token))
	return m.Sum(nil)
}

// matches reports whether token is the one the digest was made of.
func (d tokenDigest) matches(token string) bool {
	salt, err1 := hex.DecodeString(d.Salt)
	mac, err2 := hex.DecodeString(d.MAC)
	return err1 == nil && err2 == nil && len(salt) > 0 && hmac.Equal(mac, tokenMAC(salt, token))
}

// storedDigest reads the digest; ok is false when there is none (token
// mode, or state from an import).
func storedDigest(ctx context.Context, private privateGetter) (tokenDigest, bool) {
	raw, _ := private.GetKey(ctx, privateKeyTokenDigest)
	var d tokenDigest
	if len(raw) == 0 || json.Unmarshal(raw, &d) != nil || d.Salt == "" {
		return tokenDigest{}, false
	}
	return d, true
}

// keepDigest stores the digest of token, or removes it when token is ""
// (the token is then in the state, and compared there).
func keepDigest(ctx context.Context, private privateSetter, token string) diag.Diagnostics {
	var raw []byte
	if token != "" {
		raw, _ = json.Marshal(newTokenDigest(token))
	}
	return private.SetKey(ctx, privateKeyTokenDigest, raw)
}
