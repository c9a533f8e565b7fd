package provider

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/delivery"
)

func TestProductNames(t *testing.T) {
	if got := strings.Join(productNames(), " "); got != "live room call" {
		t.Fatalf("productNames = %q", got)
	}
	for _, k := range webhookProducts {
		got, ok := productByName(k.productName())
		if !ok || got.typeSuffix != k.typeSuffix {
			t.Errorf("productByName(%q) = %v, %v", k.productName(), got.typeSuffix, ok)
		}
	}
	for _, bad := range []string{"Live", "LIVE", "chat", "", "live_webhook"} {
		if _, ok := productByName(bad); ok {
			t.Errorf("productByName(%q) accepted", bad)
		}
	}
	d := productDescription()
	for _, want := range []string{"`live` (TUILiveKit (Live), `trtc_live_webhook`)", "`room`", "`call`"} {
		if !strings.Contains(d, want) {
			t.Errorf("product description lacks %q: %s", want, d)
		}
	}
}

func TestDeliveryTimeoutValidator(t *testing.T) {
	for value, want := range map[string]string{
		"2s": "", "30s": "", "1ms": "", "1m": "Timeout too long", "30.001s": "Timeout too long",
		"0s": "Invalid duration", "-1s": "Invalid duration", "soon": "Invalid duration", "2": "Invalid duration",
	} {
		var resp validator.StringResponse
		deliveryTimeout().ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("timeout"), ConfigValue: types.StringValue(value),
		}, &resp)
		got := ""
		if resp.Diagnostics.HasError() {
			got = resp.Diagnostics.Errors()[0].Summary()
		}
		if got != want {
			t.Errorf("%q: %q, want %q", value, got, want)
		}
	}
	if timeoutOf(types.StringNull()) != delivery.DefaultTimeout || timeoutOf(types.StringValue("750ms")) != 750*time.Millisecond {
		t.Error("timeoutOf")
	}
}

func TestProductValidator(t *testing.T) {
	for value, ok := range map[string]bool{"live": true, "room": true, "call": true, "Live": false, "chat": false} {
		var resp validator.StringResponse
		productValidator().ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("product"), ConfigValue: types.StringValue(value),
		}, &resp)
		if resp.Diagnostics.HasError() == ok {
			t.Errorf("%q: %v", value, resp.Diagnostics)
		}
	}
}

// dataBlock is data source "this" of type typ, with attrs.
func dataBlock(typ string, attrs ...string) string {
	return fmt.Sprintf("\ndata %q \"this\" {\n  %s\n}\n", typ, strings.Join(attrs, "\n  "))
}

// What the acceptance tests of the probe and the test action share: test
// receivers on loopback, in the test process, that record what they get.

// okAnswer is the documented answer (docs/development/trtc-api.md §7).
const okAnswer = `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`

// seen is one request a hook received, as it arrived.
type seen struct {
	method, uri string // uri is the request target, query as sent
	header      http.Header
	body        string
	at          time.Time
	// gone is when the handler returned or the client went away.
	gone time.Time
}

// query is the request's query, in the order sent.
func (s seen) query() string { _, q, _ := strings.Cut(s.uri, "?"); return q }

// param is one query parameter.
func (s seen) param(name string) string {
	for part := range strings.SplitSeq(s.query(), "&") {
		if k, v, _ := strings.Cut(part, "="); k == name {
			return v
		}
	}
	return ""
}

// hook is a test receiver.
type hook struct {
	*httptest.Server
	mu  sync.Mutex
	got []seen
}

// record wraps h so the hook keeps every request.
func (k *hook) record(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(strings.NewReader(string(b)))
		s := seen{method: r.Method, uri: r.RequestURI, header: r.Header.Clone(), body: string(b), at: time.Now()}
		h.ServeHTTP(w, r)
		s.gone = time.Now()
		k.mu.Lock()
		k.got = append(k.got, s)
		k.mu.Unlock()
	})
}

// newHook serves h over plain HTTP for the rest of the test.
func newHook(t *testing.T, h http.Handler) *hook {
	t.Helper()
	k := &hook{}
	k.Server = httptest.NewUnstartedServer(k.record(h))
	k.Config.ErrorLog = log.New(io.Discard, "", 0)
	k.Start()
	t.Cleanup(k.Close)
	return k
}

// newTLSHook serves h over HTTPS with cert; a zero cert is httptest's own,
// self-signed and so untrusted by the provider.
func newTLSHook(t *testing.T, cert tls.Certificate, h http.Handler) *hook {
	t.Helper()
	k := &hook{}
	k.Server = httptest.NewUnstartedServer(k.record(h))
	if cert.Certificate != nil {
		k.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	}
	// The handshakes the provider breaks off are the point of these tests.
	k.Config.ErrorLog = log.New(io.Discard, "", 0)
	k.StartTLS()
	t.Cleanup(k.Close)
	return k
}

// requests are what the hook received so far.
func (k *hook) requests() []seen {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]seen(nil), k.got...)
}

func (k *hook) count() int { return len(k.requests()) }

// answering answers every request with status, content type and body.
func answering(status int, contentType, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	})
}

// documented answers as TRTC documents.
var documented = answering(200, "application/json", okAnswer)

// stalling never answers, until the client goes away or the test ends.
func stalling(t *testing.T) http.Handler {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	return http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
}

// closedURL is an http URL on loopback that nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return "http://" + addr + "/hook"
}

// selfSignedCert is a self-signed certificate for 127.0.0.1 valid until
// notAfter (a past time makes it expired).
func selfSignedCert(t *testing.T, notAfter time.Time) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "test receiver"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    notAfter.Add(-30 * 24 * time.Hour),
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// wantQuery is the query TRTC sends for word to app, unsigned, in order
// (docs/development/trtc-api.md §7).
func wantQuery(app uint64, word string) string {
	return "SdkAppid=" + strconv.FormatUint(app, 10) + "&CallbackCommand=" + word +
		"&contenttype=json&ClientIP=192.0.2.1&OptPlatform=RESTAPI"
}

// checkSigned checks that s carries the Sign of token at the RequestTime it
// names, a time between from and to, after the unsigned query.
func checkSigned(s seen, token string, from, to time.Time) error {
	rt, err := strconv.ParseInt(s.param("RequestTime"), 10, 64)
	if err != nil {
		return fmt.Errorf("RequestTime %q: %v", s.param("RequestTime"), err)
	}
	if rt < from.Unix() || rt > to.Unix() {
		return fmt.Errorf("RequestTime %d outside [%d, %d]", rt, from.Unix(), to.Unix())
	}
	sign := delivery.Sign(token, rt)
	if !strings.HasSuffix(s.query(), "&Sign="+sign+"&RequestTime="+strconv.FormatInt(rt, 10)) {
		return fmt.Errorf("query %q does not end with the Sign of the token at %d (%s)", s.query(), rt, sign)
	}
	return nil
}
