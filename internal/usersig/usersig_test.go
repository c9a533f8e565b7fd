package usersig

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"
)

type vectors struct {
	Key        string `json:"key"`
	SDKAppID   uint64 `json:"sdkappid"`
	Identifier string `json:"identifier"`
	Time       int64  `json:"time"`
	Expire     int64  `json:"expire"`
	Cases      []struct {
		UserBuf *string `json:"userbuf_base64"`
		Sig     string  `json:"sig"`
	} `json:"cases"`
	Token     string `json:"token"`
	ValidAt   int64  `json:"valid_at"`
	ExpiredAt int64  `json:"expired_at"`
	// Upstream are tokens exactly as the official Go library makes them at Time.
	Upstream []struct {
		Identifier string  `json:"identifier"`
		Expire     int64   `json:"expire"`
		UserBuf    *string `json:"userbuf_base64"`
		Token      string  `json:"token"`
	} `json:"upstream_tokens"`
}

func loadVectors(t testing.TB) vectors {
	t.Helper()
	raw, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSignKnownAnswers(t *testing.T) {
	v := loadVectors(t)
	for _, tc := range v.Cases {
		c := Claims{SDKAppID: v.SDKAppID, Identifier: v.Identifier, Time: v.Time, Expire: v.Expire}
		if tc.UserBuf != nil {
			buf, err := base64.StdEncoding.DecodeString(*tc.UserBuf)
			if err != nil {
				t.Fatal(err)
			}
			c.UserBuf = buf
		}
		got := base64.StdEncoding.EncodeToString(Sign(v.Key, c))
		if got != tc.Sig {
			t.Errorf("userbuf %v: sig = %s, want %s", tc.UserBuf, got, tc.Sig)
		}
	}
}

func TestVerifyKnownToken(t *testing.T) {
	v := loadVectors(t)
	c, err := Verify(v.Key, v.Token, v.SDKAppID, v.Identifier, time.Unix(v.ValidAt, 0))
	if err != nil {
		t.Fatalf("Verify at valid_at: %v", err)
	}
	if c.Time != v.Time || c.Expire != v.Expire || c.UserBuf != nil {
		t.Errorf("claims = %+v", c)
	}
	// Valid through the last second (now > time+expire is expired).
	if _, err := Verify(v.Key, v.Token, v.SDKAppID, v.Identifier, time.Unix(v.Time+v.Expire, 0)); err != nil {
		t.Errorf("Verify at the last valid second: %v", err)
	}
	if _, err := Verify(v.Key, v.Token, v.SDKAppID, v.Identifier, time.Unix(v.ExpiredAt, 0)); !errors.Is(err, ErrExpired) {
		t.Errorf("Verify at expired_at = %v, want ErrExpired", err)
	}
	if got := c.ExpiresAt().Unix(); got != v.ExpiredAt {
		t.Errorf("ExpiresAt = %d, want %d", got, v.ExpiredAt)
	}
}

// Generate must match the official library byte for byte, not just verify.
func TestGenerateMatchesUpstream(t *testing.T) {
	v := loadVectors(t)
	if len(v.Upstream) == 0 {
		t.Fatal("no upstream_tokens in testdata")
	}
	now := time.Unix(v.Time, 0)
	for _, u := range v.Upstream {
		var buf []byte
		if u.UserBuf != nil {
			var err error
			if buf, err = base64.StdEncoding.DecodeString(*u.UserBuf); err != nil {
				t.Fatal(err)
			}
		}
		got, err := Generate(v.Key, v.SDKAppID, u.Identifier, time.Duration(u.Expire)*time.Second, buf, now)
		if err != nil {
			t.Fatal(err)
		}
		if got != u.Token {
			t.Errorf("%s: Generate =\n%s\nwant\n%s", u.Identifier, got, u.Token)
		}
		c, err := Verify(v.Key, u.Token, v.SDKAppID, u.Identifier, now)
		if err != nil {
			t.Errorf("%s: Verify(upstream) = %v", u.Identifier, err)
		} else if c.Expire != u.Expire || !bytes.Equal(c.UserBuf, buf) || (c.UserBuf == nil) != (buf == nil) {
			t.Errorf("%s: claims = %+v", u.Identifier, c)
		}
	}
}

// Other signers compress differently: whatever the zlib level, the same JSON
// must verify.
func TestVerifyAcceptsAnyZlibLevel(t *testing.T) {
	v := loadVectors(t)
	c, err := Decode(v.Token)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(document{
		Version: "2.0", Identifier: c.Identifier, Sig: base64.StdEncoding.EncodeToString(c.Sig),
		SDKAppID: json.Number(fmt.Sprint(c.SDKAppID)), Expire: json.Number(fmt.Sprint(c.Expire)), Time: json.Number(fmt.Sprint(c.Time)),
	})
	if err != nil {
		t.Fatal(err)
	}
	for level := zlib.HuffmanOnly; level <= zlib.BestCompression; level++ {
		var b bytes.Buffer
		w, err := zlib.NewWriterLevel(&b, level)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(raw); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		tok := tokenReplacer.Replace(base64.StdEncoding.EncodeToString(b.Bytes()))
		if _, err := Verify(v.Key, tok, v.SDKAppID, v.Identifier, time.Unix(v.ValidAt, 0)); err != nil {
			t.Errorf("level %d: Verify = %v", level, err)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	v := loadVectors(t)
	now := time.Unix(v.Time, 0)
	for _, buf := range [][]byte{nil, {}, []byte("abc"), {0, 0xff, '+', '/'}} {
		tok, err := Generate(v.Key, v.SDKAppID, v.Identifier, time.Duration(v.Expire)*time.Second, buf, now)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Verify(v.Key, tok, v.SDKAppID, v.Identifier, now.Add(time.Hour))
		if err != nil {
			t.Fatalf("userbuf %q: %v", buf, err)
		}
		if (buf == nil) != (c.UserBuf == nil) || !bytes.Equal(buf, c.UserBuf) {
			t.Errorf("userbuf = %q, want %q", c.UserBuf, buf)
		}
		if buf == nil {
			// Without a userbuf the HMAC is the first known answer.
			if got := base64.StdEncoding.EncodeToString(c.Sig); got != v.Cases[0].Sig {
				t.Errorf("sig = %s, want %s", got, v.Cases[0].Sig)
			}
		}
	}
}

func TestGeneratedTokenAlphabet(t *testing.T) {
	v := loadVectors(t)
	// Enough variety that '+', '/' and '=' occur in the raw base64.
	for i := range 64 {
		tok, err := Generate(v.Key, v.SDKAppID, v.Identifier, time.Hour, nil, time.Unix(v.Time+int64(i), 0))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range tok {
			if r == '+' || r == '/' || r == '=' {
				t.Fatalf("token %q contains %q", tok, r)
			}
		}
	}
}

func TestVerifyFailures(t *testing.T) {
	v := loadVectors(t)
	now := time.Unix(v.Time, 0)
	tok, err := Generate(v.Key, v.SDKAppID, v.Identifier, time.Minute, nil, now)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		key, token string
		sdkAppID   uint64
		identifier string
		at         time.Time
		want       error
	}{
		{"wrong key", v.Key + "x", tok, v.SDKAppID, v.Identifier, now, ErrBadSignature},
		{"wrong app", v.Key, tok, v.SDKAppID + 1, v.Identifier, now, ErrSDKAppIDMismatch},
		{"wrong identifier", v.Key, tok, v.SDKAppID, "administrator", now, ErrIdentifierMismatch},
		{"expired", v.Key, tok, v.SDKAppID, v.Identifier, now.Add(61 * time.Second), ErrExpired},
		// Order: the app is checked before the signature.
		{"wrong app and key", "other", tok, v.SDKAppID + 1, v.Identifier, now, ErrSDKAppIDMismatch},
		{"empty", v.Key, "", v.SDKAppID, v.Identifier, now, ErrMalformed},
		{"not base64", v.Key, "!!!!", v.SDKAppID, v.Identifier, now, ErrMalformed},
		{"not zlib", v.Key, "aGVsbG8_", v.SDKAppID, v.Identifier, now, ErrMalformed},
		{"truncated", v.Key, tok[:len(tok)/2], v.SDKAppID, v.Identifier, now, ErrMalformed},
		{"not json", v.Key, compress(t, "not json"), v.SDKAppID, v.Identifier, now, ErrMalformed},
		{"short sig", v.Key, compress(t, `{"TLS.ver":"2.0","TLS.identifier":"xiaojun","TLS.sdkappid":1400000000,"TLS.expire":60,"TLS.time":1,"TLS.sig":"YWJj"}`), v.SDKAppID, v.Identifier, now, ErrMalformed},
		{"string number", v.Key, compress(t, `{"TLS.ver":"2.0","TLS.identifier":"xiaojun","TLS.sdkappid":"x","TLS.expire":60,"TLS.time":1,"TLS.sig":"YWJj"}`), v.SDKAppID, v.Identifier, now, ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Verify(tc.key, tc.token, tc.sdkAppID, tc.identifier, tc.at); !errors.Is(err, tc.want) {
				t.Errorf("Verify = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestTamperedClaimsFailSignature(t *testing.T) {
	v := loadVectors(t)
	now := time.Unix(v.Time, 0)
	tok, err := Generate(v.Key, v.SDKAppID, v.Identifier, time.Minute, nil, now)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Decode(tok)
	if err != nil {
		t.Fatal(err)
	}
	c.Expire = 1 << 30 // extend validity without re-signing
	forged, err := Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(v.Key, forged, v.SDKAppID, v.Identifier, now); !errors.Is(err, ErrBadSignature) {
		t.Errorf("Verify(forged) = %v, want ErrBadSignature", err)
	}
}

func TestGenerateRejectsBadInput(t *testing.T) {
	if _, err := Generate("k", 1, "", time.Hour, nil, time.Now()); err == nil {
		t.Error("empty identifier accepted")
	}
	if _, err := Generate("k", 1, "admin", 0, nil, time.Now()); err == nil {
		t.Error("zero expiry accepted")
	}
}

func compress(t testing.TB, s string) string {
	t.Helper()
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return tokenReplacer.Replace(base64.StdEncoding.EncodeToString(b.Bytes()))
}

func FuzzDecode(f *testing.F) {
	v := loadVectors(f)
	f.Add(v.Token)
	f.Add("")
	f.Add("eJw_")
	f.Fuzz(func(t *testing.T, token string) {
		c, err := Decode(token)
		if err != nil {
			return
		}
		// Whatever decodes must re-encode to something that decodes the same.
		again, err := Encode(c)
		if err != nil {
			t.Fatal(err)
		}
		c2, err := Decode(again)
		if err != nil {
			t.Fatalf("re-encoded token does not decode: %v", err)
		}
		if c2.SDKAppID != c.SDKAppID || c2.Identifier != c.Identifier || c2.Time != c.Time || c2.Expire != c.Expire || !bytes.Equal(c2.Sig, c.Sig) {
			t.Fatalf("round trip changed claims: %+v vs %+v", c, c2)
		}
	})
}

func BenchmarkGenerate(b *testing.B) {
	v := loadVectors(b)
	now := time.Unix(v.Time, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(v.Key, v.SDKAppID, v.Identifier, 24*time.Hour, nil, now); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	v := loadVectors(b)
	now := time.Unix(v.ValidAt, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Verify(v.Key, v.Token, v.SDKAppID, v.Identifier, now); err != nil {
			b.Fatal(err)
		}
	}
}
