package trtcmock

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
)

// Error codes the mock answers (trtc-api.md sections 2–4).
const (
	codeOK               = 0
	codeBadRequest       = 60002
	codeBadJSON          = 60003
	codeUnknownCommand   = 60009
	codeNotAdmin         = 60010
	codeSigExpired       = 70001
	codeSigEmpty         = 70002
	codeSigMalformed     = 70003
	codeSigBadKey        = 70009
	codeSigIdentifier    = 70013
	codeSigSDKAppID      = 70014
	codeUnknownApp       = 70016
	codeSigLockout       = 70050
	codeInternal         = 100001
	codeInvalidParameter = 100002
	codeAlreadyExists    = 100300
	codeNotExist         = 100301
	codeTokenNotExist    = 100302
)

// answer is the outcome of an API request before it is put on the wire.
type answer struct {
	code     int
	info     string
	response any // the Response member; only on success
	// top holds payload members beside ErrorCode, for commands that answer
	// at the top level of the envelope (GetIPList's IPList, §8); only on
	// success.
	top     map[string]any
	applied bool // the command changed stored state
}

func fail(code int, info string) answer { return answer{code: code, info: info} }

func ok(response any) answer { return answer{response: response} }

// envelope is the body of every well-formed answer.
type envelope struct {
	ActionStatus string `json:"ActionStatus"`
	ErrorCode    int    `json:"ErrorCode"`
	ErrorInfo    string `json:"ErrorInfo"`
	RequestID    string `json:"RequestId"`
	Response     any    `json:"Response,omitempty"`
	// top are members written after RequestId, in key order.
	top map[string]any
}

// MarshalJSON writes the envelope's members, then top's: an envelope without
// top encodes exactly as the plain struct does.
func (e envelope) MarshalJSON() ([]byte, error) {
	type plain envelope // the same members, without this method
	b, err := json.Marshal(plain(e))
	if err != nil || len(e.top) == 0 {
		return b, err
	}
	buf := bytes.NewBuffer(b[:len(b)-1]) // drop the closing brace
	for _, k := range slices.Sorted(maps.Keys(e.top)) {
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(e.top[k])
		if err != nil {
			return nil, err
		}
		buf.WriteByte(',')
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(vb)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func (a answer) envelope(requestID string) envelope {
	e := envelope{ActionStatus: "OK", ErrorCode: a.code, ErrorInfo: a.info, RequestID: requestID}
	if a.code != codeOK {
		e.ActionStatus = "FAIL"
		return e
	}
	e.Response, e.top = a.response, a.top
	return e
}

func marshalEnvelope(e envelope) []byte {
	b, err := json.Marshal(e)
	if err != nil {
		// Only our own types are marshalled; failing here is a mock bug.
		panic("trtcmock: marshal envelope: " + err.Error())
	}
	return b
}

func writeEnvelope(w http.ResponseWriter, e envelope) {
	b := marshalEnvelope(e)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// newRequestID mimics Tencent's "Id-<32 hex>-O-Seq-<n>": random part for
// uniqueness across servers, sequence for uniqueness within one.
func newRequestID(seq uint64) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "Id-" + hex.EncodeToString(b[:]) + "-O-Seq-" + strconv.FormatUint(seq, 10)
}
