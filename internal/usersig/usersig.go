// Package usersig implements Tencent's TLSSigAPIv2 UserSig: the signed,
// compressed token that authenticates every TRTC/Chat REST call.
//
// The reference library (github.com/tencentyun/tls-sig-api-v2-golang) is not
// available to this project, so the algorithm is implemented here and pinned
// by known-answer tests. Generate reproduces that library's tokens byte for
// byte, but other implementations lay out the JSON and compress differently,
// so a token received from elsewhere must be judged by its decoded claims,
// never by its string.
package usersig

import (
	"bytes"
	"compress/zlib"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Errors returned by Decode and Verify, in the order Verify checks them.
var (
	ErrMalformed          = errors.New("usersig: malformed token")
	ErrSDKAppIDMismatch   = errors.New("usersig: token was issued for another SDKAppID")
	ErrIdentifierMismatch = errors.New("usersig: token was issued for another identifier")
	ErrExpired            = errors.New("usersig: token has expired")
	ErrBadSignature       = errors.New("usersig: signature does not match the key")
)

// maxTokenJSON bounds decompression so a hostile token cannot exhaust memory.
const maxTokenJSON = 64 << 10

// Claims is the content of a UserSig.
type Claims struct {
	SDKAppID   uint64
	Identifier string
	Time       int64 // issue time, Unix seconds
	Expire     int64 // validity in seconds, relative to Time
	UserBuf    []byte
	Sig        []byte // HMAC-SHA256 over the signing content
}

// ExpiresAt is the first instant at which the token is expired. Tencent's
// check is "now > time + expire", so the token is still valid at time+expire.
func (c Claims) ExpiresAt() time.Time {
	return time.Unix(c.Time+c.Expire+1, 0)
}

// Generate signs a UserSig for identifier, valid for expire from now.
// userBuf is optional (nil: no userbuf field).
func Generate(key string, sdkAppID uint64, identifier string, expire time.Duration, userBuf []byte, now time.Time) (string, error) {
	if identifier == "" {
		return "", errors.New("usersig: identifier is empty")
	}
	seconds := int64(expire / time.Second)
	if seconds <= 0 {
		return "", errors.New("usersig: expire must be at least one second")
	}
	c := Claims{
		SDKAppID:   sdkAppID,
		Identifier: identifier,
		Time:       now.Unix(),
		Expire:     seconds,
		UserBuf:    userBuf,
	}
	c.Sig = Sign(key, c)
	return Encode(c)
}

// Sign returns the HMAC-SHA256, keyed with the raw bytes of key, over the
// signing content of c (c.Sig is ignored).
func Sign(key string, c Claims) []byte {
	mac := hmac.New(sha256.New, []byte(key))
	var b []byte
	b = append(b, "TLS.identifier:"...)
	b = append(b, c.Identifier...)
	b = append(b, "\nTLS.sdkappid:"...)
	b = strconv.AppendUint(b, c.SDKAppID, 10)
	b = append(b, "\nTLS.time:"...)
	b = strconv.AppendInt(b, c.Time, 10)
	b = append(b, "\nTLS.expire:"...)
	b = strconv.AppendInt(b, c.Expire, 10)
	b = append(b, '\n')
	if c.UserBuf != nil {
		b = append(b, "TLS.userbuf:"...)
		b = append(b, base64.StdEncoding.EncodeToString(c.UserBuf)...)
		b = append(b, '\n')
	}
	mac.Write(b)
	return mac.Sum(nil)
}

// document is the JSON form of a token. Pointers mark optional members. The
// member order is the official library's; Generate's exact bytes depend on it.
type document struct {
	Version    string      `json:"TLS.ver"`
	Identifier string      `json:"TLS.identifier"`
	SDKAppID   json.Number `json:"TLS.sdkappid"`
	Expire     json.Number `json:"TLS.expire"`
	Time       json.Number `json:"TLS.time"`
	UserBuf    *string     `json:"TLS.userbuf,omitempty"`
	Sig        string      `json:"TLS.sig"`
}

// Encode serialises signed claims into the token format: JSON, zlib, then
// standard base64 with '+', '/', '=' replaced by '*', '-', '_'.
func Encode(c Claims) (string, error) {
	doc := document{
		Version:    "2.0",
		Identifier: c.Identifier,
		SDKAppID:   json.Number(strconv.FormatUint(c.SDKAppID, 10)),
		Expire:     json.Number(strconv.FormatInt(c.Expire, 10)),
		Time:       json.Number(strconv.FormatInt(c.Time, 10)),
		Sig:        base64.StdEncoding.EncodeToString(c.Sig),
	}
	if c.UserBuf != nil {
		s := base64.StdEncoding.EncodeToString(c.UserBuf)
		doc.UserBuf = &s
	}
	var z bytes.Buffer
	w := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(w)
	w.Reset(&z)
	// Like the official library: json.Encoder (its trailing newline included)
	// into zlib at level 0, so TRTC sees the same bytes as from official SDKs.
	if err := json.NewEncoder(w).Encode(doc); err != nil {
		return "", fmt.Errorf("usersig: %w", err)
	}
	if err := w.Close(); err != nil {
		return "", fmt.Errorf("usersig: %w", err)
	}
	return tokenReplacer.Replace(base64.StdEncoding.EncodeToString(z.Bytes())), nil
}

// zlibWriters recycles compressors: a fresh one allocates over 700 KB, even
// at level 0. Level 0 (stored blocks) is what the official library uses.
var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.NoCompression)
	return w
}}

var (
	tokenReplacer   = strings.NewReplacer("+", "*", "/", "-", "=", "_")
	tokenUnreplacer = strings.NewReplacer("*", "+", "-", "/", "_", "=")
)

// Decode parses a token without checking its signature. It is what a holder
// of a pre-made UserSig can learn without the key: who it is for and when it
// expires.
func Decode(token string) (Claims, error) {
	compressed, err := base64.StdEncoding.DecodeString(tokenUnreplacer.Replace(token))
	if err != nil || len(compressed) == 0 {
		return Claims{}, ErrMalformed
	}
	r, err := zlib.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return Claims{}, ErrMalformed
	}
	raw, err := io.ReadAll(io.LimitReader(r, maxTokenJSON+1))
	if err != nil || len(raw) > maxTokenJSON {
		return Claims{}, ErrMalformed
	}
	var doc document
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return Claims{}, ErrMalformed
	}
	var c Claims
	c.Identifier = doc.Identifier
	if c.SDKAppID, err = strconv.ParseUint(doc.SDKAppID.String(), 10, 64); err != nil {
		return Claims{}, ErrMalformed
	}
	if c.Time, err = doc.Time.Int64(); err != nil {
		return Claims{}, ErrMalformed
	}
	if c.Expire, err = doc.Expire.Int64(); err != nil {
		return Claims{}, ErrMalformed
	}
	if c.Sig, err = base64.StdEncoding.DecodeString(doc.Sig); err != nil || len(c.Sig) != sha256.Size {
		return Claims{}, ErrMalformed
	}
	if doc.UserBuf != nil {
		if c.UserBuf, err = base64.StdEncoding.DecodeString(*doc.UserBuf); err != nil {
			return Claims{}, ErrMalformed
		}
		if c.UserBuf == nil {
			c.UserBuf = []byte{}
		}
	}
	return c, nil
}

// Verify decodes token and checks, in Tencent's order, the SDKAppID, the
// identifier, the expiry and the signature. It returns the claims with the
// first failing check's error.
func Verify(key, token string, sdkAppID uint64, identifier string, now time.Time) (Claims, error) {
	c, err := Decode(token)
	if err != nil {
		return c, err
	}
	switch {
	case c.SDKAppID != sdkAppID:
		return c, ErrSDKAppIDMismatch
	case c.Identifier != identifier:
		return c, ErrIdentifierMismatch
	case now.Unix() > c.Time+c.Expire:
		return c, ErrExpired
	case !hmac.Equal(c.Sig, Sign(key, c)):
		return c, ErrBadSignature
	}
	return c, nil
}
