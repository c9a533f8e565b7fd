// Package mocktest is the one home of what tests share about the mock TRTC
// data centre: the test apps and keys, a mock started on loopback, signed
// UserSigs, a settable clock, and filters over the mock's request log.
package mocktest

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

// The apps every mock hosts unless a test says otherwise. The keys are
// fakes; OtherApp exists so that a signature for the wrong app is a
// mismatch rather than an unknown app.
const (
	AppID      uint64 = 1400000000
	Key               = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
	OtherAppID uint64 = 1400000001
	OtherKey          = "fake-other-key-111111111111111111111111111111111111111111111111111"
	Admin             = "administrator"
)

// Apps are the apps a mock hosts by default.
func Apps() []trtcmock.App {
	return []trtcmock.App{{SDKAppID: AppID, Key: Key}, {SDKAppID: OtherAppID, Key: OtherKey}}
}

// Start serves a mock on loopback for the rest of the test. tweak may
// change the options; Apps defaults to Apps().
func Start(t testing.TB, tweak ...func(*trtcmock.Options)) *trtcmock.Server {
	t.Helper()
	opts := trtcmock.Options{Apps: Apps()}
	for _, f := range tweak {
		f(&opts)
	}
	s, err := trtcmock.Listen("127.0.0.1:0", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// Sign makes a UserSig, failing the test if it cannot.
func Sign(t testing.TB, key string, app uint64, identifier string, validFor time.Duration, at time.Time) string {
	t.Helper()
	s, err := usersig.Generate(key, app, identifier, validFor, nil, at)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Clock is a settable clock, safe for concurrent use. Its zero value
// follows the real clock; Fix stops it at a time, Add moves it.
type Clock struct {
	mu     sync.Mutex
	fixed  time.Time
	offset time.Duration
}

func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fixed.IsZero() {
		return time.Now().Add(c.offset)
	}
	return c.fixed.Add(c.offset)
}

// Fix stops the clock at t.
func (c *Clock) Fix(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fixed, c.offset = t, 0
}

// Add moves the clock by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

// SetOffset puts the clock d away from where Fix (or the real clock) has it.
func (c *Clock) SetOffset(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = d
}

// Requests are the logged requests to service and command, in order; an
// empty service or command matches any.
func Requests(srv *trtcmock.Server, service, command string) []trtcmock.Request {
	return slices.DeleteFunc(srv.Requests(), func(r trtcmock.Request) bool {
		return service != "" && r.Service != service || command != "" && r.Command != command
	})
}

// Count is len(Requests(srv, service, command)).
func Count(srv *trtcmock.Server, service, command string) int {
	return len(Requests(srv, service, command))
}

// Commands lists the command words sent to service, in order.
func Commands(srv *trtcmock.Server, service string) []string {
	var out []string
	for _, r := range Requests(srv, service, "") {
		out = append(out, r.Command)
	}
	return out
}

// Answers lists the ErrorCodes the mock gave command of service, in order
// (-1 where it gave none).
func Answers(srv *trtcmock.Server, service, command string) []int {
	var out []int
	for _, r := range Requests(srv, service, command) {
		out = append(out, r.ErrorCode)
	}
	return out
}
