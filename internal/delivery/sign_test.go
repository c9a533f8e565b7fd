package delivery

import "testing"

// Tencent's published example (docs/development/trtc-api.md §3).
const (
	knownToken = "xxxxyyyy"
	knownTime  = 1669872112
	knownSign  = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
)

func TestSignKnownAnswer(t *testing.T) {
	if got := Sign(knownToken, knownTime); got != knownSign {
		t.Fatalf("Sign = %s, want %s", got, knownSign)
	}
	if Sign(knownToken, knownTime+1) == knownSign || Sign("xxxxyyyz", knownTime) == knownSign {
		t.Fatal("Sign ignores its inputs")
	}
}
