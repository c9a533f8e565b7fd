package trtcapi

import (
	"errors"
	"strconv"
	"testing"
	"time"
)

// withGiftInterval lifts the gift commands' spacing (a test seam) so tests
// need not wait 1.1 s between calls of one command.
func withGiftInterval(d time.Duration) func(*Config) {
	return func(c *Config) { c.GiftCallInterval = d }
}

func TestGiftErrorCodes(t *testing.T) {
	t.Parallel()
	for code, want := range map[int]Class{
		CodeGiftRateLimited:      ClassRateLimited,
		CodeNotLiveAdministrator: ClassPermanent,
		CodeNotLiveKitEdition:    ClassPermanent,
	} {
		if got := Classify(code); got != want {
			t.Errorf("Classify(%d) = %v, want %v", code, got, want)
		}
	}
	for _, code := range []int{CodeNotLiveKitEdition, 102000, 102002, CodeNotLiveAdministrator, CodeGiftRateLimited, CodeUnknownCommand} {
		err := error(&APIError{ErrorCode: code})
		if got := errors.Is(err, ErrNotLiveKitEdition); got != (code == CodeNotLiveKitEdition) {
			t.Errorf("code %d: errors.Is(ErrNotLiveKitEdition) = %v", code, got)
		}
		if errors.Is(err, ErrNoConfiguration) || errors.Is(err, ErrAlreadyExists) || errors.Is(err, ErrNoToken) {
			t.Errorf("code %d matches a webhook sentinel", code)
		}
	}
}

// 100012 is waited out like any rate limit; 102001 and 100006 fail after
// one request.
func TestGiftCodesRetriedOrNot(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		code     int
		requests int64
	}{{CodeGiftRateLimited, 2}, {CodeNotLiveKitEdition, 1}, {CodeNotLiveAdministrator, 1}} {
		cp := newCapture(t, sequence(
			answer(`{"ActionStatus":"FAIL","ErrorCode":`+strconv.Itoa(c.code)+`,"ErrorInfo":"refused","RequestId":"Id-1"}`),
			answer(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-2"}`),
		))
		client := newClient(t, cp.URL, withGiftInterval(time.Millisecond))
		err := client.Call(t.Context(), GiftService, "add_gift", nil, nil)
		if (err == nil) != (c.requests == 2) || cp.hits.Load() != c.requests {
			t.Errorf("%d: err %v after %d requests, want %d", c.code, err, cp.hits.Load(), c.requests)
		}
	}
}
