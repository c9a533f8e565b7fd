// Package trtcapi is a client for TRTC's server-side REST API (the
// /v4/{service}/{command} family). It signs requests, parses the envelope,
// retries what is worth retrying and returns typed errors. It knows nothing
// of Terraform.
package trtcapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Documented per-API rate limit (each command of each app has its own;
// the gift catalogue's are slower: see limits.go).
const (
	DefaultRateLimit      = 200 // requests per second, per command
	defaultRateBurst      = 20
	DefaultAttemptTimeout = 30 * time.Second
)

// Config configures a Client. Zero values pick documented defaults.
type Config struct {
	// BaseURL is the scheme and host of the data centre, e.g.
	// "https://adminapisgp.im.qcloud.com" (see RegionBaseURL).
	BaseURL string
	// Credentials sign the requests and name the app and account they are
	// for (Credentials.App): the client has no other source for them.
	Credentials Credentials

	// UserAgent is sent with every request.
	UserAgent string
	// AttemptTimeout bounds one request; the caller's context bounds the call.
	AttemptTimeout time.Duration
	Retry          RetryPolicy
	// RateLimit in requests per second for each command outside the gift
	// catalogue; 0 means DefaultRateLimit.
	RateLimit float64
	// GiftCallInterval spaces two calls of one gift catalogue command
	// (GiftService); 0 means DefaultGiftCallInterval (1.1 s), which is
	// what TRTC allows. It is a test seam, so that tests need not wait
	// seconds: anything shorter makes TRTC answer 100012.
	GiftCallInterval time.Duration
	// GiftPacer, when set, spaces gift commands across clients: every
	// client of a Terraform run's provider processes (one per operation
	// phase, one per provider configuration) has limiters of its own, and
	// TRTC counts the calls of them all. See GiftPacer.
	GiftPacer GiftPacer
	// Observer, when set, is told about every attempt (for logging).
	Observer func(context.Context, Attempt)

	// Transport replaces the network layer (tests). The client's own
	// round-trippers still wrap it.
	Transport http.RoundTripper
	// Now replaces the clock (tests).
	Now func() time.Time
}

// Client calls one app's REST API. It is safe for concurrent use and holds
// no lock across requests.
type Client struct {
	app            App
	prefix         string // "{base}/v4/"
	appQuery       string // "sdkappid=...&identifier=..."
	http           *http.Client
	creds          Credentials
	limits         *limits
	attemptTimeout time.Duration
	retry          RetryPolicy
	observer       func(context.Context, Attempt)
	now            func() time.Time
}

// New validates cfg and builds a Client. Configuration it cannot use is a
// *ConfigError naming the setting.
func New(cfg Config) (*Client, error) {
	if err := CheckBaseURL(cfg.BaseURL); err != nil {
		return nil, err
	}
	base, _ := url.Parse(cfg.BaseURL) // CheckBaseURL parsed it
	if cfg.Credentials == nil {
		return nil, errNoCredentials
	}
	app := cfg.Credentials.App()
	if err := app.validate(); err != nil {
		return nil, err
	}
	if cfg.AttemptTimeout <= 0 {
		cfg.AttemptTimeout = DefaultAttemptTimeout
	}
	if cfg.RateLimit <= 0 {
		cfg.RateLimit = DefaultRateLimit
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-trtc"
	}
	var next http.RoundTripper = newBaseTransport()
	if cfg.Transport != nil {
		next = cfg.Transport
	}
	next = userAgentTransport(cfg.UserAgent, next)

	return &Client{
		app:      app,
		prefix:   apiPrefix(base),
		appQuery: "sdkappid=" + strconv.FormatUint(app.SDKAppID, 10) + "&identifier=" + url.QueryEscape(app.Identifier),
		http: &http.Client{
			Transport: next,
			// A redirect would resend the UserSig to another URL, and turn
			// the POST into a GET: report it instead of following it.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		creds:          cfg.Credentials,
		limits:         newLimits(cfg.RateLimit, cfg.GiftCallInterval).pacedBy(cfg.GiftPacer),
		attemptTimeout: cfg.AttemptTimeout,
		retry:          cfg.Retry.withDefaults(),
		observer:       cfg.Observer,
		now:            cfg.Now,
	}, nil
}

// apiPrefix is "{base}/v4/". A base that already ends in /v4 (as the
// documented request URLs do) means the same thing.
func apiPrefix(base *url.URL) string {
	p := strings.TrimSuffix(base.String(), "/")
	return strings.TrimSuffix(p, "/v4") + "/v4/"
}

// App is the app this client calls, and the account it calls as.
func (c *Client) App() App { return c.app }

// endpoint builds the request URL. random is fresh per request, as the API
// requires.
func (c *Client) endpoint(service, command, sig string, random uint32) string {
	var b strings.Builder
	b.Grow(len(c.prefix) + len(service) + len(command) + len(c.appQuery) + len(sig) + 64)
	b.WriteString(c.prefix)
	b.WriteString(service)
	b.WriteByte('/')
	b.WriteString(command)
	b.WriteByte('?')
	b.WriteString(c.appQuery)
	b.WriteString("&usersig=")
	b.WriteString(url.QueryEscape(sig))
	b.WriteString("&random=")
	b.WriteString(strconv.FormatUint(uint64(random), 10))
	b.WriteString("&contenttype=json")
	return b.String()
}
