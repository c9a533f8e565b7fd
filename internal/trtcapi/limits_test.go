package trtcapi

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// releases is an in-memory network that answers every request OK and
// records when each command's request got through the rate limits.
type releases struct {
	mu    sync.Mutex
	times map[string][]time.Time // by command: when the limiter gave each turn
	waits map[string][]time.Duration
	// respond, when set, gives the body of the n-th request (from 1).
	respond func(n int64) string
	n       atomic.Int64
}

func (rl *releases) RoundTrip(r *http.Request) (*http.Response, error) {
	body := `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-limits"}`
	if rl.respond != nil {
		body = rl.respond(rl.n.Add(1))
	}
	return cannedResponse(r, body), nil
}

func (rl *releases) of(command string) []time.Time {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	out := slices.Clone(rl.times[command])
	slices.SortFunc(out, time.Time.Compare)
	return out
}

// turn records a turn the limiter gave. Turns are compared by the
// limiter's own times, so that a busy machine (a goroutine scheduled late
// between its turn and its request) cannot fail a test of the limiter.
func (rl *releases) turn(command string, at time.Time, waited time.Duration) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if rl.times == nil {
		rl.times, rl.waits = map[string][]time.Time{}, map[string][]time.Duration{}
	}
	rl.times[command] = append(rl.times[command], at)
	rl.waits[command] = append(rl.waits[command], waited)
}

// waited is the longest any turn of command made its caller wait.
func (rl *releases) waited(command string) time.Duration {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	var most time.Duration
	for _, w := range rl.waits[command] {
		most = max(most, w)
	}
	return most
}

// limitedClient calls rl with gift commands spaced interval apart.
func limitedClient(t *testing.T, rl *releases, interval time.Duration) *Client {
	c := newClient(t, "https://adminapisgp.im.qcloud.com", func(c *Config) {
		c.Transport, c.GiftCallInterval = rl, interval
	})
	c.limits.turned = rl.turn
	return c
}

// timerSlack allows for a clock reading taken a little after the turn it
// measures.
const timerSlack = 3 * time.Millisecond

func assertSpaced(t *testing.T, what string, times []time.Time, want int, interval time.Duration) {
	t.Helper()
	if len(times) != want {
		t.Fatalf("%s: %d requests, want %d", what, len(times), want)
	}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < interval-timerSlack {
			t.Errorf("%s: requests %d and %d were %v apart, want ≥ %v", what, i, i+1, gap, interval)
		}
	}
}

func TestGiftLimitDefaults(t *testing.T) {
	t.Parallel()
	l := newLimits(0, 0)
	for _, c := range []struct {
		service, command string
		want             time.Duration
	}{
		{GiftService, "add_gift", 1100 * time.Millisecond},
		{GiftService, "get_gift_info_list", 1100 * time.Millisecond},
		{GiftService, "copy_default_gift_config", 10 * time.Second},
		{LiveWebhooks.Name, "set_callback", 0},
		{tokenService, "get_callback_token", 0},
		{"ConfigSvc", "GetIPList", 0},
	} {
		if got := l.interval(c.service, c.command); got != c.want {
			t.Errorf("%s/%s: interval %v, want %v", c.service, c.command, got, c.want)
		}
	}
	if lim := l.of(LiveWebhooks.Name, "get_callback").limiter; lim.Limit() != DefaultRateLimit || lim.Burst() != defaultRateBurst {
		t.Errorf("webhook limiter %v/s burst %d", lim.Limit(), lim.Burst())
	}
	if lim := l.of(GiftService, "add_gift").limiter; lim.Burst() != 1 {
		t.Errorf("gift limiter burst %d, want 1", lim.Burst())
	}
	if first := l.of(GiftService, "add_gift"); first != l.of(GiftService, "add_gift") || first == l.of(GiftService, "edit_gift") {
		t.Error("want one limiter per command")
	}
}

// The timing tests below are not parallel (see transport_test.go).

func TestGiftCallsOfOneCommandAreSpaced(t *testing.T) {
	const interval = 60 * time.Millisecond
	rl := &releases{}
	c := limitedClient(t, rl, interval)
	for range 3 {
		if err := c.Call(t.Context(), GiftService, "get_gift", nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	assertSpaced(t, "get_gift", rl.of("get_gift"), 3, interval)
}

func TestGiftCommandsDoNotDelayEachOther(t *testing.T) {
	const interval = 400 * time.Millisecond
	rl := &releases{}
	c := limitedClient(t, rl, interval)
	commands := []string{"get_gift", "add_gift", "edit_gift", "get_gift_category", "set_gift_language", "get_gift_info_list", "copy_default_gift_config"}
	for _, command := range commands {
		if err := c.Call(t.Context(), GiftService, command, nil, nil); err != nil {
			t.Fatal(err)
		}
		if w := rl.waited(command); w > 0 {
			t.Errorf("%s waited %v for another command's turn", command, w)
		}
	}
}

func TestWebhookCommandsAreNotDelayedByGiftCommands(t *testing.T) {
	const interval = 400 * time.Millisecond
	rl := &releases{}
	c := limitedClient(t, rl, interval)
	if err := c.Call(t.Context(), GiftService, "add_gift", nil, nil); err != nil {
		t.Fatal(err)
	}
	// A second add_gift waits for its turn meanwhile.
	done := make(chan error, 1)
	go func() { done <- c.Call(context.Background(), GiftService, "add_gift", nil, nil) }()
	for range 30 {
		if err := c.Call(t.Context(), service, "get_callback", nil, nil); err != nil {
			t.Fatal(err)
		}
		if err := c.Call(t.Context(), tokenService, "get_callback_token", nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	// 30 calls of one command at 200/s with a burst of 20 wait at most 50 ms
	// for their own limiter; a queue behind add_gift would be 400 ms.
	for _, command := range []string{"get_callback", "get_callback_token"} {
		if w := rl.waited(command); w > interval/4 {
			t.Errorf("%s waited %v beside a waiting gift call", command, w)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	assertSpaced(t, "add_gift", rl.of("add_gift"), 2, interval)
}

// Concurrent callers of one gift command go one by one, each an interval
// after the last; their reservations are taken under one short mutex per
// limiter (golang/go#71360), so none slips in early.
func TestGiftLimitHoldsForConcurrentCallers(t *testing.T) {
	const interval, n = 30 * time.Millisecond, 8
	rl := &releases{}
	c := limitedClient(t, rl, interval)
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { errs[i] = c.Call(t.Context(), GiftService, "set_gift_language", nil, nil) })
	}
	// Another command is not queued behind them.
	if err := c.Call(t.Context(), GiftService, "get_gift", nil, nil); err != nil {
		t.Fatal(err)
	}
	if w := rl.waited("get_gift"); w > 0 {
		t.Errorf("get_gift waited %v behind set_gift_language", w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	assertSpaced(t, "set_gift_language", rl.of("set_gift_language"), n, interval)
}

func TestCopyDefaultIsSpacedTenIntervals(t *testing.T) {
	const interval = 11 * time.Millisecond // copy: 100 ms
	rl := &releases{}
	c := limitedClient(t, rl, interval)
	for range 2 {
		if err := c.Call(t.Context(), GiftService, copyDefaultCommand, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	assertSpaced(t, copyDefaultCommand, rl.of(copyDefaultCommand), 2, 100*time.Millisecond)
}

// A retry takes a turn like any attempt.
func TestGiftRetryWaitsForItsTurn(t *testing.T) {
	const interval = 50 * time.Millisecond
	rl := &releases{respond: func(n int64) string {
		if n == 1 {
			return `{"ActionStatus":"FAIL","ErrorCode":100001,"ErrorInfo":"internal error","RequestId":"Id-1"}`
		}
		return `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-2"}`
	}}
	c := limitedClient(t, rl, interval)
	if err := c.Call(t.Context(), GiftService, "add_gift", nil, nil); err != nil {
		t.Fatal(err)
	}
	assertSpaced(t, "add_gift", rl.of("add_gift"), 2, interval)
}

// A turn that would come after the operation's deadline ends the call at
// once: it says it timed out, and it is not uncertain, since no request
// was sent for it. A cancelled wait says it was cancelled.
func TestGiftTurnBeyondTheDeadline(t *testing.T) {
	rl := &releases{}
	c := limitedClient(t, rl, 5*time.Second)
	if err := c.Call(t.Context(), GiftService, "del_gift", nil, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	start := time.Now()
	err := c.Call(ctx, GiftService, "del_gift", nil, nil)
	var re *RequestError
	if !errors.As(err, &re) || !re.TimedOut || re.Attempts != 0 || IsUncertain(err) {
		t.Fatalf("err = %#v, want a certain RequestError that timed out after 0 attempts", err)
	}
	// Waiting toward the deadline would take 2 s; refusing takes none.
	if el := time.Since(start); el > 1500*time.Millisecond {
		t.Errorf("refusing a turn beyond the deadline took %v", el)
	}
	if !strings.Contains(err.Error(), "live_engine_http_srv/del_gift rate limit") {
		t.Errorf("err = %v, want it to name the rate limit", err)
	}

	ctx2, cancel2 := context.WithCancel(t.Context())
	time.AfterFunc(20*time.Millisecond, cancel2)
	err = c.Call(ctx2, GiftService, "del_gift", nil, nil)
	if !errors.As(err, &re) || re.TimedOut || !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "cancelled") {
		t.Fatalf("cancelled wait: %v", err)
	}
	if got := len(rl.of("del_gift")); got != 1 {
		t.Errorf("%d requests sent, want 1", got)
	}
}

// A rate-limited answer followed by no turn before the deadline keeps the
// answer for the user.
func TestNoTurnKeepsTheLastAnswer(t *testing.T) {
	rl := &releases{respond: func(int64) string {
		return `{"ActionStatus":"FAIL","ErrorCode":60011,"ErrorInfo":"SDKAppID request rate limited","RequestId":"Id-rl"}`
	}}
	c := newClient(t, "https://adminapisgp.im.qcloud.com", func(c *Config) {
		c.Transport, c.GiftCallInterval = rl, time.Second
		c.Retry = RetryPolicy{MaxRetries: 3, BaseDelay: time.Millisecond, RateLimitBaseDelay: time.Millisecond, RateLimitMaxDelay: time.Millisecond}
	})
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	err := c.Call(ctx, GiftService, "edit_gift", nil, nil)
	var apiErr *APIError
	var re *RequestError
	if !errors.As(err, &re) || !re.TimedOut || re.Attempts != 1 || !errors.As(err, &apiErr) || apiErr.ErrorCode != 60011 || apiErr.RequestID != "Id-rl" {
		t.Fatalf("err = %v", err)
	}
}

// recordingPacer spaces nothing and records what it was asked.
type recordingPacer struct {
	mu    sync.Mutex
	asked []string
	err   error
}

func (p *recordingPacer) Pace(_ context.Context, command string, interval time.Duration) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.asked = append(p.asked, command+" "+interval.String())
	return p.err
}

// Every attempt of a gift command, and only those, asks the pacer with
// the command's interval; a pacer's error stops the call unsent.
func TestGiftPacer(t *testing.T) {
	t.Parallel()
	rl := &releases{}
	p := &recordingPacer{}
	c := newClient(t, "https://adminapisgp.im.qcloud.com", func(c *Config) {
		c.Transport, c.GiftCallInterval, c.GiftPacer = rl, time.Millisecond, p
	})
	for _, call := range [][2]string{{GiftService, "add_gift"}, {LiveWebhooks.Name, "get_callback"}, {GiftService, "copy_default_gift_config"}} {
		if err := c.Call(t.Context(), call[0], call[1], nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"add_gift 1ms", "copy_default_gift_config 9.090909ms"}
	if !slices.Equal(p.asked, want) {
		t.Errorf("the pacer was asked %v, want %v", p.asked, want)
	}
	p.err = errors.New("another process holds the turn")
	if err := c.Call(t.Context(), GiftService, "edit_gift", nil, nil); err == nil || !strings.Contains(err.Error(), "another process holds the turn") {
		t.Errorf("Call = %v, want the pacer's error", err)
	}
	if n := len(rl.of("edit_gift")); n != 0 {
		t.Errorf("%d edit_gift request(s) sent after the pacer refused", n)
	}
}
