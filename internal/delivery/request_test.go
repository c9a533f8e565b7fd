package delivery

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rawCapture accepts one connection, keeps the request's bytes exactly as
// they arrived and answers with okAnswer.
func rawCapture(t *testing.T) (addr string, got <-chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	ch := make(chan string, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
		var raw bytes.Buffer
		r := bufio.NewReader(io.TeeReader(conn, &raw))
		tp := textproto.NewReader(r)
		if _, err := tp.ReadLine(); err != nil {
			ch <- "reading the request line: " + err.Error()
			return
		}
		h, err := tp.ReadMIMEHeader()
		if err != nil {
			ch <- "reading the headers: " + err.Error()
			return
		}
		n, _ := strconv.Atoi(h.Get("Content-Length"))
		if _, err := io.CopyN(io.Discard, r, int64(n)); err != nil {
			ch <- "reading the body: " + err.Error()
			return
		}
		_, _ = io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "+
			strconv.Itoa(len(okAnswer))+"\r\nConnection: close\r\n\r\n"+okAnswer)
		// What the bufio.Reader read ahead is not part of the request: a
		// client that waits for the answer sends nothing more.
		ch <- raw.String()
	}()
	return ln.Addr().String(), ch
}

// The probe as it goes over the wire, byte for byte: method, path, the
// query in the documented order with Sign and RequestTime last, headers,
// body. Tencent's known Sign pins the signature.
func TestProbeOnTheWire(t *testing.T) {
	addr, got := rawCapture(t)
	now := time.Unix(knownTime, 0)
	res, err := Send(t.Context(),
		Target{URL: "http://" + addr + "/hooks/trtc", SDKAppID: 1400000000, Token: knownToken},
		Probe(Live, now), Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK || !res.Signed {
		t.Fatalf("%+v", res)
	}
	const golden = "POST /hooks/trtc?SdkAppid=1400000000&CallbackCommand=Live.CallbackTerraformProbe&contenttype=json" +
		"&ClientIP=192.0.2.1&OptPlatform=RESTAPI" +
		"&Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061&RequestTime=1669872112 HTTP/1.1\r\n" +
		"Host: ADDR\r\n" +
		"User-Agent: terraform-provider-trtc (webhook test)\r\n" +
		"Content-Length: 75\r\n" +
		"Content-Type: application/json\r\n" +
		"Connection: close\r\n" +
		"\r\n" +
		`{"CallbackCommand":"Live.CallbackTerraformProbe","EventTime":1669872112000}`
	want := strings.Replace(golden, "ADDR", addr, 1)
	if raw := <-got; raw != want {
		t.Fatalf("on the wire:\n%q\nwant:\n%q", raw, want)
	}
	if want := "http://" + addr + "/hooks/trtc?SdkAppid=1400000000&CallbackCommand=Live.CallbackTerraformProbe&contenttype=json&ClientIP=192.0.2.1&OptPlatform=RESTAPI"; res.URL != want {
		t.Errorf("reported URL %s", res.URL)
	}
}

// Room and Call send the same request without Sign and RequestTime.
func TestUnsignedOnTheWire(t *testing.T) {
	for _, p := range []Product{Room, Call, Live} {
		addr, got := rawCapture(t)
		now := time.Unix(knownTime, 0)
		res, err := Send(t.Context(), Target{URL: "http://" + addr + "/x?k=v", SDKAppID: 7}, Probe(p, now), Options{})
		if err != nil || !res.OK || res.Signed {
			t.Fatalf("%v: %+v, %v", p, res, err)
		}
		raw := <-got
		line, _, _ := strings.Cut(raw, "\r\n")
		want := "POST /x?k=v&SdkAppid=7&CallbackCommand=" + p.ProbeWord() + "&contenttype=json&ClientIP=192.0.2.1&OptPlatform=RESTAPI HTTP/1.1"
		if line != want {
			t.Errorf("%v: %q\nwant %q", p, line, want)
		}
		if !strings.HasSuffix(raw, `{"CallbackCommand":"`+p.ProbeWord()+`","EventTime":1669872112000}`) {
			t.Errorf("%v: body of %q", p, raw)
		}
	}
}
