package receiver

import (
	"net/http/httptest"
	"testing"
	"time"
)

// Tencent's published example (docs/development/trtc-api.md §3).
const (
	exampleToken = "xxxxyyyy"
	exampleTime  = "1669872112"
	exampleSign  = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
)

func TestSignKnownAnswer(t *testing.T) {
	if got := Sign(exampleToken, exampleTime); got != exampleSign {
		t.Fatalf("Sign = %s, want %s", got, exampleSign)
	}
}

func TestVerify(t *testing.T) {
	sent := time.Unix(1669872112, 0)
	good := "/hook?Sign=" + exampleSign + "&RequestTime=" + exampleTime
	for name, c := range map[string]struct {
		target, token string
		now           time.Time
		ok            bool
	}{
		"signed, on time":         {good, exampleToken, sent.Add(30 * time.Second), true},
		"a minute late":           {good, exampleToken, sent.Add(time.Minute), true},
		"more than a minute late": {good, exampleToken, sent.Add(61 * time.Second), false},
		"from the future":         {good, exampleToken, sent.Add(-61 * time.Second), false},
		"another token":           {good, "xxxxyyyz", sent, false},
		"Sign in upper case":      {"/hook?Sign=17773BC39A671D7B9AA835458704D2A6DB81360A5940292B587D6D760D484061&RequestTime=" + exampleTime, exampleToken, sent, false},
		"time changed":            {"/hook?Sign=" + exampleSign + "&RequestTime=1669872113", exampleToken, sent, false},
		"no RequestTime":          {"/hook?Sign=" + exampleSign, exampleToken, sent, false},
		"no Sign":                 {"/hook?RequestTime=" + exampleTime, exampleToken, sent, false},
	} {
		err := Verify(httptest.NewRequest("POST", c.target, nil), c.token, c.now)
		if (err == nil) != c.ok {
			t.Errorf("%s: Verify = %v, want ok %v", name, err, c.ok)
		}
	}
}
