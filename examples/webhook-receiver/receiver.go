// Package receiver shows how a webhook receiver checks that a delivery
// came from TRTC, with the token trtc_live_webhook_token configures. The
// provider's documentation shows this file; its test pins Tencent's
// published example.
package receiver

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"time"
)

// MaxSkew is how far RequestTime may be from the receiver's clock: older
// deliveries may be replays.
const MaxSkew = time.Minute

// Sign is what TRTC sends as Sign: the lowercase hex SHA-256 of the token
// followed by RequestTime (decimal Unix seconds, as received).
func Sign(token, requestTime string) string {
	sum := sha256.Sum256([]byte(token + requestTime))
	return hex.EncodeToString(sum[:])
}

// Verify checks the Sign and RequestTime query parameters of a delivery.
// Reject the delivery (for example with HTTP 401) when it returns an error.
func Verify(r *http.Request, token string, now time.Time) error {
	q := r.URL.Query()
	requestTime := q.Get("RequestTime")
	sent, err := strconv.ParseInt(requestTime, 10, 64)
	if err != nil {
		return errors.New("missing or malformed RequestTime")
	}
	if skew := now.Sub(time.Unix(sent, 0)); skew > MaxSkew || skew < -MaxSkew {
		return errors.New("RequestTime is more than a minute away")
	}
	want := Sign(token, requestTime)
	if subtle.ConstantTimeCompare([]byte(q.Get("Sign")), []byte(want)) != 1 {
		return errors.New("sign does not match")
	}
	return nil
}
