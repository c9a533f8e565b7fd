package trtcapi

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// TRTC limits each API (service/command) of each app on its own
// (docs/development/trtc-api.md §2, §9, §10), so a Client, which calls one
// app, keeps one limiter per command, made on first use:
//
//   - webhook, token and egress commands: Config.RateLimit (200/s) each,
//     with a burst of defaultRateBurst;
//   - every gift catalogue command (GiftService): one call per
//     Config.GiftCallInterval (1.1 s; TRTC allows one per second per
//     command and Tencent's console spaces its calls 1.1 s apart), no
//     burst; copy_default_gift_config, allowed once per 10 s, is spaced
//     100/11 intervals apart (10 s by default).
//
// Each attempt waits for a turn after signing and before its request, under
// the operation's context rather than the attempt's timeout: a queue of
// gift writes may wait longer than one attempt may take, and a request that
// never left is not uncertain.
type limits struct {
	perSecond    rate.Limit
	burst        int
	giftInterval time.Duration
	pacer        GiftPacer // nil: this client's own spacing only

	mu sync.Mutex // guards byCommand; never held while waiting
	// byCommand is keyed by "service/command".
	byCommand map[string]*turnLimiter
	// turned, when set (tests), hears of every turn given: the command, the
	// limiter's time for it and how long it made the caller wait, which a
	// busy scheduler cannot shift.
	turned func(command string, at time.Time, waited time.Duration)
}

// DefaultGiftCallInterval spaces two calls of one gift catalogue command.
const DefaultGiftCallInterval = 1100 * time.Millisecond

// copyDefaultCommand may be called once per 10 s (§9).
const copyDefaultCommand = "copy_default_gift_config"

// turnLimiter is one command's limiter and the mutex that orders the clock
// readings it is given (see waitTurn).
type turnLimiter struct {
	clockMu sync.Mutex
	limiter *rate.Limiter
}

func newLimits(perSecond float64, giftInterval time.Duration) *limits {
	if perSecond <= 0 {
		perSecond = DefaultRateLimit
	}
	if giftInterval <= 0 {
		giftInterval = DefaultGiftCallInterval
	}
	return &limits{
		perSecond:    rate.Limit(perSecond),
		burst:        defaultRateBurst,
		giftInterval: giftInterval,
		byCommand:    map[string]*turnLimiter{},
	}
}

// GiftPacer spaces the calls of each gift command across clients. Pace is
// called for every attempt of a gift command, after the client's own turn
// and just before the request is sent; it returns once the last call of
// command by any client it knows of is at least interval ago, and counts
// this one as the last. An error (the context ended first) stops the
// call without sending it.
type GiftPacer interface {
	Pace(ctx context.Context, command string, interval time.Duration) error
}

// pacedBy sets the pacer of the gift commands (nil: none).
func (l *limits) pacedBy(p GiftPacer) *limits {
	l.pacer = p
	return l
}

// interval is how far apart calls of a gift command are spaced; 0 for
// commands limited per second.
func (l *limits) interval(service, command string) time.Duration {
	switch {
	case service != GiftService:
		return 0
	case command == copyDefaultCommand:
		return l.giftInterval * 100 / 11
	default:
		return l.giftInterval
	}
}

// of returns the limiter of service/command, making it on first use.
func (l *limits) of(service, command string) *turnLimiter {
	k := service + "/" + command
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.byCommand[k]
	if t == nil {
		lim := rate.NewLimiter(l.perSecond, l.burst)
		if every := l.interval(service, command); every > 0 {
			lim = rate.NewLimiter(rate.Every(every), 1)
		}
		t = &turnLimiter{limiter: lim}
		l.byCommand[k] = t
	}
	return t
}

// wait takes a turn of service/command, waiting for it within ctx. It
// fails at once, giving the turn back, when the turn would come after
// ctx's deadline.
func (l *limits) wait(ctx context.Context, service, command string) error {
	t := l.of(service, command)
	at, waited, err := waitTurn(ctx, &t.clockMu, t.limiter)
	if err != nil {
		return fmt.Errorf("waiting for a turn of the %s/%s rate limit: %w", service, command, err)
	}
	if l.turned != nil {
		l.turned(command, at, waited)
	}
	if every := l.interval(service, command); every > 0 && l.pacer != nil {
		if err := l.pacer.Pace(ctx, command, every); err != nil {
			return fmt.Errorf("waiting for the last %s/%s call of another client to be %v ago: %w", service, command, every, err)
		}
	}
	return nil
}
