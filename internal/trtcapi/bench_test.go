package trtcapi

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"testing"
)

const getCallbackAnswer = `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-1cc8828fd3d84795ac866ced43b15b5c-O-Seq-61309",` +
	`"Response":{"Url":"https://a.example.com/trtc","CallbackCommandList":["Live.CallbackAfterCreateRoom","Live.CallbackAfterDestroyRoom"]}}`

// cannedResponse answers r in memory with body.
func cannedResponse(r *http.Request, body string) *http.Response {
	return &http.Response{
		Status:        "200 OK",
		StatusCode:    http.StatusOK,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json"}, "Content-Length": {strconv.Itoa(len(body))}},
		Body:          io.NopCloser(bytes.NewReader([]byte(body))),
		ContentLength: int64(len(body)),
		Request:       r,
	}
}

// benchClient calls an in-memory transport, without rate limiting in the
// way, so it measures the client's own overhead.
func benchClient(b *testing.B) *Client {
	b.Helper()
	body := []byte(getCallbackAnswer)
	rt := roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{
			StatusCode:    http.StatusOK,
			Header:        http.Header{"Content-Type": {"application/json"}},
			Body:          io.NopCloser(bytes.NewReader(body)),
			ContentLength: int64(len(body)),
			Request:       r,
		}, nil
	})
	return newClient(b, "https://adminapisgp.im.qcloud.com", func(c *Config) {
		c.Transport = rt
		c.RateLimit = 1e9
	})
}

func BenchmarkEndpoint(b *testing.B) {
	c := benchClient(b)
	sig, err := c.creds.UserSig(c.now())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = c.endpoint("live_config", "get_callback", sig, 2867261234)
	}
}

func BenchmarkParseEnvelope(b *testing.B) {
	body := []byte(getCallbackAnswer)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := parseEnvelope(body, "application/json"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCall(b *testing.B) {
	w := benchClient(b).Webhooks(LiveWebhooks)
	ctx := b.Context()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := w.Get(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCallParallel(b *testing.B) {
	w := benchClient(b).Webhooks(LiveWebhooks)
	ctx := b.Context()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := w.Get(ctx); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
