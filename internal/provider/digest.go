package provider

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
)

// A digest recognises a value without holding it: a random salt and
// HMAC-SHA256(salt, value). Anything the provider keeps about an object
// outside its state (private state, the ledger) is a digest, never the
// value: a webhook token is a secret, and a bare SHA-256 of a short token
// could be reversed with a dictionary; the salt makes each digest a fresh
// problem.
type digest struct {
	Salt string `json:"salt"` // hex, 32 random bytes
	MAC  string `json:"hmac"` // hex
}

func newDigest(value []byte) digest {
	salt := make([]byte, 32)
	_, _ = rand.Read(salt) // never fails (crypto/rand)
	return digest{Salt: hex.EncodeToString(salt), MAC: hex.EncodeToString(mac(salt, value))}
}

func mac(salt, value []byte) []byte {
	m := hmac.New(sha256.New, salt)
	m.Write(value)
	return m.Sum(nil)
}

// matches reports whether value is the one the digest was made of.
func (d digest) matches(value []byte) bool {
	salt, err1 := hex.DecodeString(d.Salt)
	sum, err2 := hex.DecodeString(d.MAC)
	return err1 == nil && err2 == nil && len(salt) > 0 && hmac.Equal(sum, mac(salt, value))
}
