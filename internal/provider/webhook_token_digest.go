package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// A write-only token never reaches the state, so drift is detected from
// its digest in private state (digest.go): the token itself is never kept.
const privateKeyTokenDigest = "token_wo_digest"

// storedTokenDigest reads the digest; ok is false when there is none
// (token mode, or state from an import).
func storedTokenDigest(ctx context.Context, private privateGetter) (digest, bool) {
	raw, _ := private.GetKey(ctx, privateKeyTokenDigest)
	var d digest
	if len(raw) == 0 || json.Unmarshal(raw, &d) != nil || d.Salt == "" {
		return digest{}, false
	}
	return d, true
}

// keepTokenDigest stores the digest of token, or removes it when token is
// "" (the token is then in the state, and compared there).
func keepTokenDigest(ctx context.Context, private privateSetter, token string) diag.Diagnostics {
	var raw []byte
	if token != "" {
		raw, _ = json.Marshal(newDigest([]byte(token)))
	}
	return private.SetKey(ctx, privateKeyTokenDigest, raw)
}
