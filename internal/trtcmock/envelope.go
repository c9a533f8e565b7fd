package trtcmock

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Error codes the mock answers (docs/development/trtc-api.md §2–§4).
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
	response any  // the Response member; only on success
	top      any  // members beside ErrorCode instead (§8, §9); only on success
	applied  bool // the command changed stored state
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
	// Top is an object whose members are answered beside ErrorCode rather
	// than under Response, as some commands do (§8, §9).
	Top any `json:"-"`
}

func (a answer) envelope(requestID string) envelope {
	e := envelope{ActionStatus: "OK", ErrorCode: a.code, ErrorInfo: a.info, RequestID: requestID}
	if a.code != codeOK {
		e.ActionStatus = "FAIL"
		return e
	}
	e.Response, e.Top = a.response, a.top
	return e
}

func marshalEnvelope(e envelope) []byte {
	b, err := json.Marshal(e)
	if err != nil {
		// Only our own types are marshalled; failing here is a mock bug.
		panic("trtcmock: marshal envelope: " + err.Error())
	}
	if e.Top == nil {
		return b
	}
	top, err := json.Marshal(e.Top)
	if err != nil || len(top) < 2 || top[0] != '{' {
		panic(fmt.Sprintf("trtcmock: top-level members must marshal to an object: %s %v", top, err))
	}
	if len(bytes.TrimSpace(top[1:len(top)-1])) == 0 {
		return b
	}
	// Both are objects: splice top's members in after the envelope's.
	return append(append(b[:len(b)-1], ','), top[1:]...)
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
