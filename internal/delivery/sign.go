package delivery

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Sign is the Sign a Live delivery carries while the signing token is
// enabled: the lowercase hex SHA-256 of the token followed by requestTime in
// decimal Unix seconds (docs/development/trtc-api.md §3, §7).
func Sign(token string, requestTime int64) string {
	sum := sha256.Sum256([]byte(token + strconv.FormatInt(requestTime, 10)))
	return hex.EncodeToString(sum[:])
}
