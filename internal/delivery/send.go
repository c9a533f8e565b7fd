package delivery

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
	"unicode/utf8"
)

// DefaultTimeout is how long TRTC waits for an answer: Chat documents 2 s
// for before-events, and the products document nothing else (inference, §7).
const DefaultTimeout = 2 * time.Second

// maxAnswer bounds what is read of an answer; TRTC's is a short object.
const maxAnswer = 1 << 20

// okAnswer is the answer TRTC documents (§7).
const okAnswer = `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`

// Options tune Send. The zero value sends as TRTC does.
type Options struct {
	// Timeout bounds the whole exchange, from connecting to the last byte
	// of the answer; 0 means DefaultTimeout.
	Timeout time.Duration
	// Now is the clock for RequestTime; nil means time.Now.
	Now func() time.Time
	// RootCAs verify the receiver's certificate; nil means the system's.
	RootCAs *x509.CertPool
	// UserAgent is sent as User-Agent; "" means DefaultUserAgent. TRTC's
	// own is undocumented, so a probe says what it is.
	UserAgent string

	// dial replaces the network (tests: a name that resolves to a test
	// server). With it, no proxy is used.
	dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// DefaultUserAgent names the sender in the receiver's logs.
const DefaultUserAgent = "terraform-provider-trtc (webhook test)"

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	return o
}

// Outcome classifies a Result.
type Outcome string

// Outcomes. Only OutcomeOK is the answer TRTC documents; OutcomeAnswer is
// delivered (HTTP 200, a JSON object) with another answer in it; the
// others are failed deliveries.
const (
	OutcomeOK         Outcome = "ok"
	OutcomeAnswer     Outcome = "answer"      // 200 and a JSON object, but not ActionStatus OK and ErrorCode 0
	OutcomeNotJSON    Outcome = "not_json"    // 200 with a body that is not a JSON object
	OutcomeHTTPStatus Outcome = "http_status" // any status but 200 (redirects aside)
	OutcomeRedirect   Outcome = "redirect"    // a 3xx with a Location, not followed
	OutcomeTimeout    Outcome = "timeout"     // no complete answer within the timeout
	OutcomeTLS        Outcome = "tls"         // the handshake or the certificate failed
	OutcomeDNS        Outcome = "dns"         // the host name did not resolve
	OutcomeRefused    Outcome = "refused"     // the connection was refused
	OutcomeConnection Outcome = "connection"  // any other network failure, or no answer on an open connection
	OutcomeCancelled  Outcome = "cancelled"   // the caller's context ended first
)

// Result is what one request got. It holds neither the token nor the Sign.
type Result struct {
	Outcome Outcome
	// URL is the request's URL without Sign and RequestTime.
	URL     string
	Command string
	// StatusCode is the HTTP status, 0 when no answer arrived.
	StatusCode  int
	ContentType string
	BodySize    int
	// JSONOK: the body is a JSON object.
	JSONOK       bool
	ActionStatus string
	// ErrorCode is the answer's ErrorCode, nil when absent or not an integer.
	ErrorCode *int
	ErrorInfo string
	// Latency runs from sending to the end of the answer (or the failure).
	Latency time.Duration
	// Signed: the request carried Sign and RequestTime.
	Signed bool
	// OK: HTTP 200, a JSON object, ActionStatus "OK" and ErrorCode 0.
	OK bool
	// Error says what went wrong, in one sentence; "" when OK.
	Error string
	// Warnings are remarks that do not fail the request, e.g. that it
	// reached an address TRTC cannot deliver to.
	Warnings []string
}

// Delivered reports whether TRTC would count the request as delivered:
// HTTP 200 with a JSON body (§7). For after-events TRTC ignores the rest of
// the answer.
func (r Result) Delivered() bool { return r.StatusCode == http.StatusOK && r.JSONOK }

// Send makes one request exactly as TRTC delivers d to t, and judges the
// answer as TRTC would. No retries, no redirects followed, o.Timeout for
// everything, a fresh connection that is closed afterwards. The error is
// about the input (a bad URL, a token for a product without one); what the
// receiver did is in the Result.
func Send(ctx context.Context, t Target, d Delivery, o Options) (Result, error) {
	o = o.withDefaults()
	b, err := newRequest(t, d, o.Now(), o.UserAgent)
	if err != nil {
		return Result{}, err
	}
	res := Result{URL: b.reported, Command: d.Command, Signed: b.sign != ""}
	secrets := []string{t.Token, b.sign}

	tr := o.transport()
	defer tr.CloseIdleConnections()
	proxied := false
	if tr.Proxy != nil {
		if p, _ := tr.Proxy(b.req); p != nil {
			proxied = true
		}
	}
	client := &http.Client{
		Transport: tr,
		// TRTC does not follow redirects (inference, §7): neither does a
		// probe, which would also carry the Sign elsewhere.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}

	tctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	var remote atomic.Pointer[string]
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		addr := info.Conn.RemoteAddr().String()
		remote.Store(&addr)
	}}
	req := b.req.WithContext(httptrace.WithClientTrace(tctx, trace))

	began := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		res.Latency = time.Since(began)
		res.Outcome, res.Error = describeFailure(ctx, tctx, err, o.Timeout, res.Latency, req.URL)
		return finish(res, remote.Load(), proxied, secrets), nil
	}
	defer resp.Body.Close()
	res.StatusCode = resp.StatusCode
	res.ContentType = resp.Header.Get("Content-Type")
	headers := time.Since(began)
	data, rerr := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	res.Latency = time.Since(began)
	res.BodySize = len(data)

	switch {
	case resp.StatusCode == http.StatusOK && rerr != nil:
		res.Outcome, res.Error = describeCutOff(ctx, tctx, o.Timeout, headers)
	case resp.StatusCode != http.StatusOK:
		res.Outcome, res.Error = describeStatus(resp)
	default:
		judgeAnswer(&res, data)
	}
	return finish(res, remote.Load(), proxied, secrets), nil
}

func (o Options) transport() *http.Transport {
	dial := (&net.Dialer{Timeout: o.Timeout}).DialContext
	proxy := http.ProxyFromEnvironment
	if o.dial != nil {
		dial, proxy = o.dial, nil
	}
	return &http.Transport{
		Proxy:                  proxy,
		DialContext:            dial,
		TLSClientConfig:        &tls.Config{RootCAs: o.RootCAs},
		TLSHandshakeTimeout:    o.Timeout,
		DisableKeepAlives:      true,
		DisableCompression:     true,
		MaxResponseHeaderBytes: 64 << 10,
	}
}

// finish adds the warnings and keeps the secrets out of every string.
func finish(res Result, remote *string, proxied bool, secrets []string) Result {
	if remote != nil && !proxied {
		if w := unreachableByTRTC(*remote); w != "" {
			res.Warnings = append(res.Warnings, w)
		}
	}
	scrub := func(s string) string {
		for _, secret := range secrets {
			if secret != "" {
				s = strings.ReplaceAll(s, secret, "[redacted]")
			}
		}
		return s
	}
	res.URL, res.Error, res.ErrorInfo = scrub(res.URL), scrub(res.Error), scrub(res.ErrorInfo)
	res.ActionStatus, res.ContentType = scrub(res.ActionStatus), scrub(res.ContentType)
	for i := range res.Warnings {
		res.Warnings[i] = scrub(res.Warnings[i])
	}
	res.OK = res.Outcome == OutcomeOK
	return res
}

// unreachableByTRTC warns when the request reached an address TRTC cannot
// deliver to (§2): then its success says nothing of TRTC's deliveries.
func unreachableByTRTC(hostport string) string {
	ap, err := netip.ParseAddrPort(hostport)
	if err != nil {
		return ""
	}
	a := ap.Addr().Unmap()
	var kind string
	switch {
	case a.IsLoopback():
		kind = "a loopback address"
	case a.IsPrivate(), netip.MustParsePrefix("100.64.0.0/10").Contains(a):
		kind = "a private address"
	case a.IsLinkLocalUnicast():
		kind = "a link-local address"
	case a.IsUnspecified():
		kind = "an unspecified address"
	default:
		return ""
	}
	return fmt.Sprintf("the request reached %s, %s: TRTC cannot deliver there, so this answer says nothing of TRTC's deliveries", a, kind)
}

// describeFailure explains a request that got no answer.
func describeFailure(parent, tctx context.Context, err error, timeout, elapsed time.Duration, u *url.URL) (Outcome, string) {
	switch {
	case parent.Err() != nil:
		return OutcomeCancelled, fmt.Sprintf("stopped after %s without an answer: the operation was cancelled or ran out of time", round(elapsed))
	case tctx.Err() != nil:
		return OutcomeTimeout, fmt.Sprintf("timed out after %s without an answer", timeout)
	}
	// Never the *url.Error's own text: it holds the signed URL.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if msg, ok := describeTLS(err, u.Hostname()); ok {
		return OutcomeTLS, msg
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		switch {
		case dnsErr.IsNotFound:
			return OutcomeDNS, "DNS: no such host " + dnsErr.Name
		case dnsErr.IsTimeout:
			return OutcomeDNS, "DNS: the lookup of " + dnsErr.Name + " timed out"
		}
		return OutcomeDNS, fmt.Sprintf("DNS: the lookup of %s failed (%s)", dnsErr.Name, dnsErr.Err)
	}
	addr := hostPort(u)
	var op *net.OpError
	if errors.As(err, &op) && op.Addr != nil {
		addr = op.Addr.String()
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return OutcomeRefused, "connection refused by " + addr
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return OutcomeConnection, "cannot reach " + addr + ": no route to it"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return OutcomeConnection, "the connection closed without an answer"
	}
	return OutcomeConnection, "the request failed: " + err.Error()
}

// describeCutOff explains an answer that did not arrive whole.
func describeCutOff(parent, tctx context.Context, timeout, headers time.Duration) (Outcome, string) {
	switch {
	case parent.Err() != nil:
		return OutcomeCancelled, "stopped before the answer was complete: the operation was cancelled or ran out of time"
	case tctx.Err() != nil:
		return OutcomeTimeout, fmt.Sprintf("timed out after %s before the answer was complete (HTTP 200 came after %s)", timeout, round(headers))
	}
	return OutcomeConnection, "the connection closed before the answer was complete"
}

const tlsHandshakeFailed = "the TLS handshake failed: "

// describeTLS explains a failed handshake or certificate.
func describeTLS(err error, host string) (string, bool) {
	var (
		invalid   x509.CertificateInvalidError
		hostname  x509.HostnameError
		authority x509.UnknownAuthorityError
		header    tls.RecordHeaderError
		verify    *tls.CertificateVerificationError
	)
	switch {
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired && invalid.Cert != nil:
		if time.Now().Before(invalid.Cert.NotBefore) {
			return "the TLS certificate is not valid before " + invalid.Cert.NotBefore.UTC().Format(time.DateOnly), true
		}
		return "the TLS certificate expired on " + invalid.Cert.NotAfter.UTC().Format(time.DateOnly), true
	case errors.As(err, &invalid):
		return "the TLS certificate is invalid: " + strings.TrimPrefix(invalid.Error(), "x509: "), true
	case errors.As(err, &hostname) && hostname.Certificate != nil:
		names := certNames(hostname.Certificate)
		if names == "" {
			return "the TLS certificate names no host (it has no subject alternative names), so it is not valid for " + host, true
		}
		return "the TLS certificate is for " + names + ", not " + host, true
	case errors.As(err, &authority):
		return "the TLS certificate is not trusted (self-signed or unknown authority)", true
	case strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return "the server answered in plain HTTP to an https:// URL: use http://, or serve TLS on this port", true
	case errors.As(err, &header):
		return "the server did not answer in TLS (the URL says https://)", true
	case errors.As(err, &verify):
		return "the TLS certificate failed verification: " + strings.TrimPrefix(verify.Err.Error(), "x509: "), true
	case strings.Contains(err.Error(), "tls:"):
		return tlsHandshakeFailed + err.Error(), true
	}
	return "", false
}

// certNames lists the names a certificate is for, at most three.
func certNames(c *x509.Certificate) string {
	names := append([]string(nil), c.DNSNames...)
	for _, ip := range c.IPAddresses {
		names = append(names, ip.String())
	}
	if len(names) > 3 {
		return strings.Join(names[:3], ", ") + fmt.Sprintf(" and %d more", len(names)-3)
	}
	return strings.Join(names, ", ")
}

// describeStatus explains any status but 200.
func describeStatus(resp *http.Response) (Outcome, string) {
	code := resp.StatusCode
	if code >= 300 && code < 400 {
		if loc, err := resp.Location(); err == nil {
			return OutcomeRedirect, fmt.Sprintf("redirect (HTTP %d) to %s not followed: TRTC does not follow redirects", code, withoutSign(loc))
		}
	}
	status := "HTTP " + strconv.Itoa(code)
	if text := http.StatusText(code); text != "" {
		status += " " + text
	}
	return OutcomeHTTPStatus, status + ": TRTC counts anything but 200 as a failed delivery"
}

// withoutSign is u without Sign and RequestTime, which a receiver that
// redirects may have copied into the Location.
func withoutSign(u *url.URL) string {
	if u.RawQuery != "" {
		var kept []string
		for part := range strings.SplitSeq(u.RawQuery, "&") {
			name, _, _ := strings.Cut(part, "=")
			if n, err := url.QueryUnescape(name); err == nil && (n == "Sign" || n == "RequestTime") {
				continue
			}
			kept = append(kept, part)
		}
		u.RawQuery = strings.Join(kept, "&")
	}
	u.User = nil
	return u.String()
}

// judgeAnswer reads an HTTP 200 body as TRTC would.
func judgeAnswer(res *Result, data []byte) {
	fail := func(o Outcome, msg string) { res.Outcome, res.Error = o, msg }
	trimmed := bytes.TrimSpace(data)
	switch {
	case len(data) > maxAnswer:
		fail(OutcomeNotJSON, "the body is larger than 1 MiB: TRTC expects a short JSON answer such as "+okAnswer)
		return
	case len(trimmed) == 0:
		fail(OutcomeNotJSON, "the body is empty: TRTC needs a JSON answer such as "+okAnswer)
		return
	case !json.Valid(trimmed):
		fail(OutcomeNotJSON, fmt.Sprintf("the body is not JSON (%s, %d bytes)", mediaType(res.ContentType), len(data)))
		return
	case trimmed[0] != '{':
		fail(OutcomeNotJSON, "the body is JSON but not an object: TRTC expects "+okAnswer)
		return
	}
	res.JSONOK = true
	var members map[string]json.RawMessage
	_ = json.Unmarshal(trimmed, &members) // valid JSON, and an object

	status, statusOK := jsonString(members["ActionStatus"])
	code, codeOK := jsonInt(members["ErrorCode"])
	info, infoOK := jsonString(members["ErrorInfo"])
	if statusOK {
		res.ActionStatus = status
	}
	if codeOK {
		res.ErrorCode = &code
	}
	if infoOK {
		res.ErrorInfo = clip(info, 1000)
	}
	_, hasStatus := members["ActionStatus"]
	_, hasCode := members["ErrorCode"]
	_, hasInfo := members["ErrorInfo"]
	shownInfo := strconv.Quote(clip(info, 200))
	switch {
	case !hasStatus:
		fail(OutcomeAnswer, "the answer has no ActionStatus: TRTC expects "+okAnswer)
	case !statusOK:
		fail(OutcomeAnswer, "ActionStatus is not a string ("+clip(string(members["ActionStatus"]), 40)+")")
	case !hasCode:
		fail(OutcomeAnswer, "the answer has no ErrorCode: TRTC expects "+okAnswer)
	case !codeOK:
		fail(OutcomeAnswer, "ErrorCode is not an integer ("+clip(string(members["ErrorCode"]), 40)+")")
	case status != "OK":
		fail(OutcomeAnswer, fmt.Sprintf("ActionStatus is %q (ErrorCode %d, ErrorInfo %s)", clip(status, 40), code, shownInfo))
	case code != 0:
		fail(OutcomeAnswer, fmt.Sprintf("ErrorCode is %d, not 0 (ActionStatus \"OK\", ErrorInfo %s)", code, shownInfo))
	default:
		res.Outcome = OutcomeOK
	}
	if !hasInfo || !infoOK {
		res.Warnings = append(res.Warnings, "the answer has no ErrorInfo string; TRTC's pages list it as required beside ActionStatus and ErrorCode")
	}
}

func jsonString(raw json.RawMessage) (string, bool) {
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

func jsonInt(raw json.RawMessage) (int, bool) {
	var n json.Number
	if len(raw) == 0 || raw[0] == '"' || json.Unmarshal(raw, &n) != nil {
		return 0, false
	}
	i, err := strconv.Atoi(n.String())
	return i, err == nil
}

// mediaType is a Content-Type without parameters, for messages.
func mediaType(ct string) string {
	if ct == "" {
		return "no content type"
	}
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		return mt
	}
	return clip(ct, 60)
}

// clip shortens s to n runes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	if u.Scheme == "https" {
		return net.JoinHostPort(u.Hostname(), "443")
	}
	return net.JoinHostPort(u.Hostname(), "80")
}

// round keeps durations in messages readable.
func round(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(10 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}
