package trtcapi

import (
	"bytes"
	"encoding/json"
)

// envelope is the outer object of every TRTC answer.
type envelope struct {
	ActionStatus string          `json:"ActionStatus"`
	ErrorCode    int             `json:"ErrorCode"`
	ErrorInfo    string          `json:"ErrorInfo"`
	RequestID    string          `json:"RequestId"`
	Response     json.RawMessage `json:"Response"`
}

// parseEnvelope decodes an answer body. A body that is not a complete TRTC
// envelope (a gateway's HTML page, an answer cut off in transit) is an
// *InvalidAnswerError, which callers retry.
func parseEnvelope(body []byte, contentType string) (envelope, error) {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return env, &InvalidAnswerError{ContentType: contentType, Size: len(body), Reason: "not JSON: " + err.Error()}
	}
	switch {
	case env.ErrorCode != 0:
		return env, nil
	case env.ActionStatus == "OK":
		return env, nil
	case env.ActionStatus == "":
		return env, &InvalidAnswerError{ContentType: contentType, Size: len(body), Reason: "no ActionStatus"}
	default:
		return env, &InvalidAnswerError{ContentType: contentType, Size: len(body), Reason: "ActionStatus " + env.ActionStatus + " without an ErrorCode"}
	}
}

// payload is what a successful answer carries: its Response member, or,
// when there is none, the envelope's own members. Most commands answer
// under Response; GetIPList and some gift-catalogue commands put their
// payload beside ErrorCode (docs/development/trtc-api.md §8, §9).
func payload(env envelope, body []byte) json.RawMessage {
	if r := bytes.TrimSpace(env.Response); len(r) > 0 && !bytes.Equal(r, []byte("null")) {
		return env.Response
	}
	return body
}
