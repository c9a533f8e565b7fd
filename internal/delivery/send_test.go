package delivery

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSendOK(t *testing.T) {
	t.Parallel()
	var got received
	srv := server(t, got.wrap(okHandler))
	target, d := probeTo(srv.URL + "/hooks/trtc")
	res, err := Send(t.Context(), target, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK || res.Outcome != OutcomeOK || res.Error != "" || !res.Delivered() {
		t.Fatalf("result %+v", res)
	}
	if res.StatusCode != 200 || !res.JSONOK || res.ActionStatus != "OK" || res.ErrorCode == nil || *res.ErrorCode != 0 ||
		res.ErrorInfo != "" || res.Signed || res.Command != "Live.CallbackTerraformProbe" || res.ContentType != "application/json" {
		t.Fatalf("result %+v", res)
	}
	want := srv.URL + "/hooks/trtc?SdkAppid=1400000000&CallbackCommand=Live.CallbackTerraformProbe&contenttype=json&ClientIP=192.0.2.1&OptPlatform=RESTAPI"
	if res.URL != want {
		t.Errorf("URL %s\nwant %s", res.URL, want)
	}
	if res.Latency <= 0 || res.Latency > 2*time.Second {
		t.Errorf("latency %v", res.Latency)
	}
	// A loopback receiver answers, but TRTC could never reach it.
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "127.0.0.1, a loopback address: TRTC cannot deliver there") {
		t.Errorf("warnings %q", res.Warnings)
	}
	if Explain(res, nil) != "" {
		t.Error("an OK result needs no explanation")
	}
	if got.count() != 1 {
		t.Fatalf("%d requests", got.count())
	}
	r, body := got.last()
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || !strings.Contains(body, `"CallbackCommand":"Live.CallbackTerraformProbe"`) {
		t.Errorf("request %s %v %s", r.Method, r.Header, body)
	}
	if !r.Close {
		t.Error("the connection must not be kept alive")
	}
}

// One sentence per outcome a person can act on, and TRTC's verdict.
func TestSendOutcomes(t *testing.T) {
	t.Parallel()
	html := "<html>" + strings.Repeat("x", 499) + "</html>"
	for name, c := range map[string]struct {
		handler   http.HandlerFunc
		outcome   Outcome
		err       string
		delivered bool
		code      *int
		warn      string
	}{
		"404":         {handler: answerWith(404, "text/plain", "no"), outcome: OutcomeHTTPStatus, err: "HTTP 404 Not Found: TRTC counts anything but 200 as a failed delivery"},
		"500":         {handler: answerWith(500, "", ""), outcome: OutcomeHTTPStatus, err: "HTTP 500 Internal Server Error: TRTC counts anything but 200 as a failed delivery"},
		"204":         {handler: answerWith(204, "", ""), outcome: OutcomeHTTPStatus, err: "HTTP 204 No Content: TRTC counts anything but 200 as a failed delivery"},
		"201 with OK": {handler: answerWith(201, "application/json", okAnswer), outcome: OutcomeHTTPStatus, err: "HTTP 201 Created: TRTC counts anything but 200 as a failed delivery"},
		"304":         {handler: answerWith(304, "", ""), outcome: OutcomeHTTPStatus, err: "HTTP 304 Not Modified: TRTC counts anything but 200 as a failed delivery"},
		"599":         {handler: answerWith(599, "", ""), outcome: OutcomeHTTPStatus, err: "HTTP 599: TRTC counts anything but 200 as a failed delivery"},
		"html":        {handler: answerWith(200, "text/html; charset=utf-8", html), outcome: OutcomeNotJSON, err: "the body is not JSON (text/html, 512 bytes)"},
		"no type": {handler: func(w http.ResponseWriter, _ *http.Request) {
			w.Header()["Content-Type"] = nil
			_, _ = w.Write([]byte("OK"))
		}, outcome: OutcomeNotJSON, err: "the body is not JSON (no content type, 2 bytes)"},
		"empty":          {handler: answerWith(200, "application/json", ""), outcome: OutcomeNotJSON, err: "the body is empty: TRTC needs a JSON answer such as " + okAnswer},
		"truncated":      {handler: answerWith(200, "application/json", `{"ActionStatus":"OK","Err`), outcome: OutcomeNotJSON, err: "the body is not JSON (application/json, 25 bytes)"},
		"array":          {handler: answerWith(200, "application/json", `[]`), outcome: OutcomeNotJSON, err: "the body is JSON but not an object: TRTC expects " + okAnswer},
		"FAIL":           {handler: answerWith(200, "application/json", `{"ActionStatus":"FAIL","ErrorInfo":"gift not found","ErrorCode":1}`), outcome: OutcomeAnswer, delivered: true, code: ptr(1), err: `ActionStatus is "FAIL" (ErrorCode 1, ErrorInfo "gift not found")`},
		"OK but code 2":  {handler: answerWith(200, "application/json", `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}`), outcome: OutcomeAnswer, delivered: true, code: ptr(2), err: `ErrorCode is 2, not 0 (ActionStatus "OK", ErrorInfo "")`},
		"no status":      {handler: answerWith(200, "application/json", `{"ErrorInfo":"","ErrorCode":0}`), outcome: OutcomeAnswer, delivered: true, code: ptr(0), err: "the answer has no ActionStatus: TRTC expects " + okAnswer},
		"status number":  {handler: answerWith(200, "application/json", `{"ActionStatus":0,"ErrorInfo":"","ErrorCode":0}`), outcome: OutcomeAnswer, delivered: true, code: ptr(0), err: "ActionStatus is not a string (0)"},
		"no code":        {handler: answerWith(200, "application/json", `{"ActionStatus":"OK","ErrorInfo":""}`), outcome: OutcomeAnswer, delivered: true, err: "the answer has no ErrorCode: TRTC expects " + okAnswer},
		"code string":    {handler: answerWith(200, "application/json", `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":"0"}`), outcome: OutcomeAnswer, delivered: true, err: `ErrorCode is not an integer ("0")`},
		"code fraction":  {handler: answerWith(200, "application/json", `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0.5}`), outcome: OutcomeAnswer, delivered: true, err: `ErrorCode is not an integer (0.5)`},
		"lower-case ok":  {handler: answerWith(200, "application/json", `{"ActionStatus":"ok","ErrorInfo":"","ErrorCode":0}`), outcome: OutcomeAnswer, delivered: true, code: ptr(0), err: `ActionStatus is "ok" (ErrorCode 0, ErrorInfo "")`},
		"no ErrorInfo":   {handler: answerWith(200, "text/plain", `{"ErrorCode":0,"ActionStatus":"OK"}`), outcome: OutcomeOK, delivered: true, code: ptr(0), warn: "the answer has no ErrorInfo string"},
		"extra members":  {handler: answerWith(200, "application/json", ` {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"Extra":[1]} `), outcome: OutcomeOK, delivered: true, code: ptr(0)},
		"long ErrorInfo": {handler: answerWith(200, "application/json", `{"ActionStatus":"FAIL","ErrorInfo":"`+strings.Repeat("é", 300)+`","ErrorCode":1}`), outcome: OutcomeAnswer, delivered: true, code: ptr(1), err: `ActionStatus is "FAIL" (ErrorCode 1, ErrorInfo "` + strings.Repeat("é", 200) + `…")`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var got received
			srv := server(t, got.wrap(c.handler))
			target, d := probeTo(srv.URL)
			res, err := Send(t.Context(), target, d, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != c.outcome || res.Error != c.err || res.Delivered() != c.delivered || res.OK != (c.outcome == OutcomeOK) {
				t.Fatalf("outcome %q delivered %v OK %v\nerror %q\nwant  %q", res.Outcome, res.Delivered(), res.OK, res.Error, c.err)
			}
			if (res.ErrorCode == nil) != (c.code == nil) || c.code != nil && *res.ErrorCode != *c.code {
				t.Errorf("ErrorCode %v, want %v", res.ErrorCode, c.code)
			}
			if c.warn != "" && !strings.Contains(strings.Join(res.Warnings, "\n"), c.warn) {
				t.Errorf("warnings %q lack %q", res.Warnings, c.warn)
			}
			if got.count() != 1 {
				t.Errorf("%d requests: a probe is never retried", got.count())
			}
		})
	}
}

func ptr(i int) *int { return &i }

// A redirect is reported, not followed: the target receives nothing, and
// the Sign the receiver copied into its Location is not shown.
func TestSendRedirectNotFollowed(t *testing.T) {
	t.Parallel()
	for _, status := range []int{301, 302, 303, 307, 308} {
		var final received
		target := server(t, final.wrap(okHandler))
		src := server(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, target.URL+"/final?"+r.URL.RawQuery, status)
		})
		const token = "redirect-token-secret"
		now := time.Unix(knownTime, 0)
		res, err := Send(t.Context(), Target{URL: src.URL + "/hook", SDKAppID: 1400000000, Token: token}, Probe(Live, now), Options{Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		want := "redirect (HTTP " + strconv.Itoa(status) + ") to " + target.URL +
			"/final?SdkAppid=1400000000&CallbackCommand=Live.CallbackTerraformProbe&contenttype=json&ClientIP=192.0.2.1&OptPlatform=RESTAPI" +
			" not followed: TRTC does not follow redirects"
		if res.Outcome != OutcomeRedirect || res.Error != want || res.Delivered() {
			t.Errorf("%d: outcome %q\nerror %q\nwant  %q", status, res.Outcome, res.Error, want)
		}
		if n := final.count(); n != 0 {
			t.Errorf("%d: the redirect target received %d requests", status, n)
		}
		if s := texts(res); strings.Contains(s, Sign(token, knownTime)) || strings.Contains(s, token) || strings.Contains(s, "RequestTime=") {
			t.Errorf("%d: the result shows the signature: %s", status, s)
		}
	}
}

// The timeout bounds the exchange: Send returns at it, not when the
// handler would have answered.
func TestSendTimeout(t *testing.T) {
	t.Parallel()
	slow := hanging(t, nil)
	// Headers at once, then the body never completes.
	stalls := hanging(t, func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "100")
		_, _ = w.Write([]byte(`{"ActionStatus":`))
		w.(http.Flusher).Flush()
	})
	for _, c := range []struct {
		url, err  string
		allowlist bool
	}{
		{slow.URL, "timed out after 300ms without an answer", true},
		{stalls.URL, "timed out after 300ms before the answer was complete (HTTP 200 came after ", false},
	} {
		target, d := probeTo(c.url)
		began := time.Now()
		res, err := Send(t.Context(), target, d, Options{Timeout: 300 * time.Millisecond})
		took := time.Since(began)
		if err != nil {
			t.Fatal(err)
		}
		if res.Outcome != OutcomeTimeout || !strings.HasPrefix(res.Error, c.err) || res.OK {
			t.Errorf("outcome %q error %q", res.Outcome, res.Error)
		}
		if took < 300*time.Millisecond || took > 2*time.Second {
			t.Errorf("Send took %v for a 300ms timeout", took)
		}
		if strings.Contains(Explain(res, nil), "allowlists") != c.allowlist {
			t.Errorf("a timeout before any answer may be a firewall, not after one: %s", Explain(res, nil))
		}
		if !c.allowlist && res.StatusCode != 200 {
			t.Errorf("status %d", res.StatusCode)
		}
	}
	// The default is TRTC's 2 s.
	target, d := probeTo(slow.URL)
	began := time.Now()
	res, _ := Send(t.Context(), target, d, Options{})
	if took := time.Since(began); res.Error != "timed out after 2s without an answer" || took < 2*time.Second || took > 4*time.Second {
		t.Errorf("default timeout: %q after %v", res.Error, took)
	}
}

// The caller's context ending first is not the receiver's fault.
func TestSendCancelled(t *testing.T) {
	t.Parallel()
	srv := hanging(t, nil)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	target, d := probeTo(srv.URL)
	res, err := Send(ctx, target, d, Options{})
	if err != nil || res.Outcome != OutcomeCancelled || !strings.HasPrefix(res.Error, "stopped after ") {
		t.Fatalf("%+v, %v", res, err)
	}
	if e := Explain(res, nil); !strings.Contains(e, "stopped before the receiver answered") {
		t.Errorf("explain %q", e)
	}
}

func TestSendRefused(t *testing.T) {
	t.Parallel()
	addr := closedPort(t)
	target, d := probeTo("http://" + addr + "/hook")
	res, err := Send(t.Context(), target, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != OutcomeRefused || res.Error != "connection refused by "+addr || res.StatusCode != 0 {
		t.Fatalf("%+v", res)
	}
}

func TestSendDNS(t *testing.T) {
	t.Parallel()
	notFound := func(context.Context, string, string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "hooks.example.com", IsNotFound: true}}
	}
	failing := func(context.Context, string, string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "server misbehaving", Name: "hooks.example.com", Server: "10.0.0.53:53"}}
	}
	for dial, want := range map[*func(context.Context, string, string) (net.Conn, error)]string{
		&notFound: "DNS: no such host hooks.example.com",
		&failing:  "DNS: the lookup of hooks.example.com failed (server misbehaving)",
	} {
		target, d := probeTo("https://hooks.example.com/hook")
		res, err := Send(t.Context(), target, d, Options{dial: *dial})
		if err != nil || res.Outcome != OutcomeDNS || res.Error != want {
			t.Errorf("%+v, %v; want %q", res, err, want)
		}
	}
	// The real resolver, where it answers .invalid (RFC 6761) as it must.
	target, d := probeTo("https://no-such-host.invalid/hook")
	res, err := Send(t.Context(), target, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != OutcomeDNS {
		t.Skipf("this machine's resolver answers .invalid with %q", res.Error)
	}
	if res.Error != "DNS: no such host no-such-host.invalid" {
		t.Errorf("error %q", res.Error)
	}
}

func TestSendTLS(t *testing.T) {
	t.Parallel()
	ca := newAuthority(t)
	now := time.Now()
	valid := func(names ...string) tls.Certificate {
		return leaf(t, &ca, names, now.Add(-time.Hour), now.Add(time.Hour))
	}
	expiredOn := now.Add(-48 * time.Hour)
	startsOn := now.Add(48 * time.Hour)
	other := newAuthority(t)
	for name, c := range map[string]struct {
		cert    tls.Certificate
		trusted bool
		outcome Outcome
		err     string
	}{
		"valid":              {cert: valid("hooks.example.com"), trusted: true, outcome: OutcomeOK},
		"expired":            {cert: leaf(t, &ca, []string{"hooks.example.com"}, now.Add(-30*24*time.Hour), expiredOn), trusted: true, outcome: OutcomeTLS, err: "the TLS certificate expired on " + expiredOn.UTC().Format("2006-01-02")},
		"expired, untrusted": {cert: leaf(t, nil, []string{"hooks.example.com"}, now.Add(-30*24*time.Hour), expiredOn), outcome: OutcomeTLS, err: "the TLS certificate expired on " + expiredOn.UTC().Format("2006-01-02")},
		"not yet valid":      {cert: leaf(t, &ca, []string{"hooks.example.com"}, startsOn, startsOn.Add(time.Hour)), trusted: true, outcome: OutcomeTLS, err: "the TLS certificate is not valid before " + startsOn.UTC().Format("2006-01-02")},
		"self-signed":        {cert: leaf(t, nil, []string{"hooks.example.com"}, now.Add(-time.Hour), now.Add(time.Hour)), trusted: true, outcome: OutcomeTLS, err: "the TLS certificate is not trusted (self-signed or unknown authority)"},
		"unknown CA":         {cert: leaf(t, &other, []string{"hooks.example.com"}, now.Add(-time.Hour), now.Add(time.Hour)), trusted: true, outcome: OutcomeTLS, err: "the TLS certificate is not trusted (self-signed or unknown authority)"},
		"system roots":       {cert: valid("hooks.example.com"), outcome: OutcomeTLS, err: "the TLS certificate is not trusted (self-signed or unknown authority)"},
		"wrong name":         {cert: valid("other.example"), trusted: true, outcome: OutcomeTLS, err: "the TLS certificate is for other.example, not hooks.example.com"},
		"many names":         {cert: valid("a.example", "b.example", "c.example", "d.example", "e.example"), trusted: true, outcome: OutcomeTLS, err: "the TLS certificate is for a.example, b.example, c.example and 2 more, not hooks.example.com"},
		"wildcard":           {cert: valid("*.example.com"), trusted: true, outcome: OutcomeOK},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var got received
			srv := tlsServer(t, c.cert, got.wrap(okHandler))
			o := Options{dial: dialTo(srv.Listener.Addr().String())}
			if c.trusted {
				o.RootCAs = ca.pool
			}
			target, d := probeTo("https://hooks.example.com/hook")
			res, err := Send(t.Context(), target, d, o)
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != c.outcome || res.Error != c.err {
				t.Fatalf("outcome %q\nerror %q\nwant  %q", res.Outcome, res.Error, c.err)
			}
			if c.outcome != OutcomeOK && got.count() != 0 {
				t.Errorf("%d requests crossed a failed handshake", got.count())
			}
			if c.outcome == OutcomeTLS && strings.Contains(Explain(res, nil), "allowlists") {
				t.Errorf("a certificate of the receiver's own is no allowlist: %s", Explain(res, nil))
			}
		})
	}
}

// https:// to a plain HTTP port.
func TestSendTLSToPlainHTTP(t *testing.T) {
	t.Parallel()
	srv := server(t, okHandler)
	u, _ := url.Parse(srv.URL)
	target, d := probeTo("https://" + u.Host + "/hook")
	res, err := Send(t.Context(), target, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != OutcomeTLS || res.Error != "the server answered in plain HTTP to an https:// URL: use http://, or serve TLS on this port" {
		t.Fatalf("%+v", res)
	}
	// A port that answers neither TLS nor HTTP.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			_, _ = conn.Write([]byte("SSH-2.0-OpenSSH_9.6\r\n"))
			_ = conn.Close()
		}
	}()
	target, d = probeTo("https://" + ln.Addr().String() + "/hook")
	res, err = Send(t.Context(), target, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != OutcomeTLS || res.Error != "the server did not answer in TLS (the URL says https://)" {
		t.Fatalf("%+v", res)
	}
}

// A server that closes the connection without an answer.
func TestSendConnectionClosed(t *testing.T) {
	t.Parallel()
	srv := server(t, func(w http.ResponseWriter, _ *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	})
	target, d := probeTo(srv.URL)
	res, err := Send(t.Context(), target, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != OutcomeConnection || res.Error != "the connection closed without an answer" {
		t.Fatalf("%+v", res)
	}
}

func TestSendInputErrors(t *testing.T) {
	t.Parallel()
	const token = "input-token-secret"
	probe := Probe(Live, time.Now())
	for name, c := range map[string]struct {
		target Target
		d      Delivery
		has    string
	}{
		"no scheme":     {Target{URL: "hooks.example.com/x", SDKAppID: 1}, probe, "must start with http:// or https://"},
		"ftp":           {Target{URL: "ftp://hooks.example.com/x", SDKAppID: 1}, probe, "must start with http:// or https://"},
		"no host":       {Target{URL: "https:///x", SDKAppID: 1}, probe, "has no host"},
		"not a URL":     {Target{URL: "https://a b/%zz", SDKAppID: 1}, probe, "is not a URL"},
		"user info":     {Target{URL: "https://u:" + token + "@hooks.example.com/", SDKAppID: 1}, probe, "user name or password"},
		"no app":        {Target{URL: "https://hooks.example.com/"}, probe, "SDKAppID"},
		"Room token":    {Target{URL: "https://hooks.example.com/", SDKAppID: 1, Token: token}, Probe(Room, time.Now()), "Room deliveries carry no Sign"},
		"Call token":    {Target{URL: "https://hooks.example.com/", SDKAppID: 1, Token: token}, Probe(Call, time.Now()), "Call deliveries carry no Sign"},
		"no product":    {Target{URL: "https://hooks.example.com/", SDKAppID: 1}, Delivery{Command: "Live.CallbackX", Body: []byte(`{"CallbackCommand":"Live.CallbackX"}`)}, "unknown product"},
		"body mismatch": {Target{URL: "https://hooks.example.com/", SDKAppID: 1}, Delivery{Product: Live, Command: "Live.CallbackX", Body: []byte(`{"CallbackCommand":"Live.CallbackY"}`)}, "must repeat the query's Live.CallbackX"},
		"case matters":  {Target{URL: "https://hooks.example.com/", SDKAppID: 1}, Delivery{Product: Live, Command: "Live.CallbackX", Body: []byte(`{"callbackcommand":"Live.CallbackX"}`)}, "must repeat"},
		"not an object": {Target{URL: "https://hooks.example.com/", SDKAppID: 1}, Delivery{Product: Live, Command: "Live.CallbackX", Body: []byte(`["Live.CallbackX"]`)}, "JSON object"},
		"no command":    {Target{URL: "https://hooks.example.com/", SDKAppID: 1}, Delivery{Product: Live, Body: []byte(`{}`)}, "no command word"},
	} {
		_, err := Send(t.Context(), c.target, c.d, Options{})
		if err == nil || !strings.Contains(err.Error(), c.has) {
			t.Errorf("%s: %v, want %q", name, err, c.has)
		}
		if err != nil && strings.Contains(err.Error(), token) {
			t.Errorf("%s: the error shows the token: %v", name, err)
		}
	}
}

// The query follows an existing one after "&" (undocumented, §7), and a
// fragment, which is never sent, is dropped.
func TestSendURLShapes(t *testing.T) {
	t.Parallel()
	var got received
	srv := server(t, got.wrap(okHandler))
	const ours = "SdkAppid=1400000000&CallbackCommand=Live.CallbackTerraformProbe&contenttype=json&ClientIP=192.0.2.1&OptPlatform=RESTAPI"
	for configured, want := range map[string]string{
		srv.URL:                       srv.URL + "?" + ours,
		srv.URL + "/":                 srv.URL + "/?" + ours,
		srv.URL + "/x?":               srv.URL + "/x?" + ours,
		srv.URL + "/x?key=a%26b&n=1":  srv.URL + "/x?key=a%26b&n=1&" + ours,
		srv.URL + "/x#frag":           srv.URL + "/x?" + ours,
		srv.URL + "/a%2Fb/c?q=1#frag": srv.URL + "/a%2Fb/c?q=1&" + ours,
	} {
		target, d := probeTo(configured)
		res, err := Send(t.Context(), target, d, Options{})
		if err != nil || !res.OK {
			t.Fatalf("%s: %+v, %v", configured, res, err)
		}
		if res.URL != want {
			t.Errorf("%s: URL %s\nwant %s", configured, res.URL, want)
		}
		r, _ := got.last()
		if sent := strings.TrimPrefix(want, srv.URL); r.RequestURI != sent && r.RequestURI != "/"+sent {
			t.Errorf("%s: sent %s", configured, r.RequestURI)
		}
	}
}

// The token and the Sign reach the receiver and nothing else.
func TestSendKeepsTheSecret(t *testing.T) {
	t.Parallel()
	const token = "S3cret-Token-Value-0123456789"
	now := time.Unix(1700000000, 0)
	sign := Sign(token, now.Unix())
	echo := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json; q="+r.URL.Query().Get("Sign"))
			w.WriteHeader(status)
			_, _ = w.Write([]byte(`{"ActionStatus":"FAIL ` + r.URL.RawQuery + `","ErrorInfo":"` + r.URL.RawQuery + ` ` + token + `","ErrorCode":1}`))
		}
	}
	handlers := map[string]http.HandlerFunc{
		"OK":       okHandler,
		"echo":     echo(200),
		"echo 404": echo(404),
		"redirect": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://elsewhere.example/?"+r.URL.RawQuery+"&copy="+r.URL.Query().Get("Sign"), http.StatusFound)
		},
		"HTML": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; sign="+r.URL.Query().Get("Sign"))
			_, _ = w.Write([]byte("<p>" + r.URL.RawQuery + "</p>"))
		},
	}
	for name, h := range handlers {
		var got received
		srv := server(t, got.wrap(h))
		d, err := TestEvent(Live, GiftPreCheck, now)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Send(t.Context(), Target{URL: srv.URL + "/hook?existing=1", SDKAppID: 1400000000, Token: token}, d, Options{Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Signed {
			t.Errorf("%s: not marked signed", name)
		}
		r, _ := got.last()
		q := r.URL.Query()
		if q.Get("Sign") != sign || q.Get("RequestTime") != "1700000000" {
			t.Fatalf("%s: the receiver got Sign %q RequestTime %q", name, q.Get("Sign"), q.Get("RequestTime"))
		}
		all := texts(res)
		for _, secret := range []string{token, sign} {
			if strings.Contains(all, secret) {
				t.Errorf("%s: the result shows %q:\n%s", name, secret, all)
			}
		}
		if strings.Contains(res.URL, "Sign") || strings.Contains(res.URL, "RequestTime") || !strings.HasSuffix(res.URL, "&OptPlatform=RESTAPI") {
			t.Errorf("%s: URL %s", name, res.URL)
		}
	}
}

// Every other product sends the same request, unsigned.
func TestSendEveryProduct(t *testing.T) {
	t.Parallel()
	var got received
	srv := server(t, got.wrap(okHandler))
	for _, p := range Products() {
		for _, word := range append(p.Words(), p.ProbeWord()) {
			if !p.IsEvent(word) && word != p.ProbeWord() {
				continue
			}
			d, err := TestEvent(p, word, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			res, err := Send(t.Context(), Target{URL: srv.URL, SDKAppID: 1400000001}, d, Options{})
			if err != nil || !res.OK || res.Command != word {
				t.Fatalf("%v %s: %+v, %v", p, word, res, err)
			}
			r, body := got.last()
			if r.URL.Query().Get("CallbackCommand") != word || r.URL.Query().Get("SdkAppid") != "1400000001" || body != string(d.Body) {
				t.Errorf("%v %s: sent %s %s", p, word, r.URL.RawQuery, body)
			}
		}
	}
}
