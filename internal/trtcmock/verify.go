package trtcmock

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

// lockoutWindow is how long failed UserSig checks count toward 70050.
const lockoutWindow = time.Minute

// authorised is what a request that passed every check carries on.
type authorised struct {
	app     uint64
	service string
	command string
	// query is the request's query: GetIPList takes nettype there (§8).
	query url.Values
	body  map[string]json.RawMessage
	run   handler
}

// splitPath parses "/v4/{service}/{command}"; ok is false for any other shape.
func splitPath(p string) (service, command string, ok bool) {
	parts := strings.Split(p, "/")
	if len(parts) != 4 || parts[0] != "" || parts[1] != "v4" || parts[2] == "" || parts[3] == "" {
		return "", "", false
	}
	return parts[2], parts[3], true
}

// check runs the service's checks in the documented order and returns the first
// failure, or the parsed request.
func (s *Server) check(r *http.Request, body []byte, bodyTooLarge bool) (authorised, *answer) {
	bad := func(code int, info string) (authorised, *answer) {
		a := fail(code, info)
		return authorised{}, &a
	}
	if r.Method != http.MethodPost {
		return bad(codeBadRequest, "HTTP method must be POST")
	}
	service, command, pathOK := splitPath(r.URL.Path)
	if !pathOK {
		return bad(codeBadRequest, "URL path must be /v4/{service}/{command}")
	}

	q := r.URL.Query()
	app, err := strconv.ParseUint(q.Get("sdkappid"), 10, 64)
	if err != nil || app == 0 {
		return bad(codeBadRequest, "parameter sdkappid is missing or not a positive integer")
	}
	identifier := q.Get("identifier")
	if identifier == "" {
		return bad(codeBadRequest, "parameter identifier is missing")
	}
	if !q.Has("usersig") {
		return bad(codeBadRequest, "parameter usersig is missing")
	}
	sig := q.Get("usersig")
	if sig == "" {
		return bad(codeSigEmpty, "usersig is empty")
	}
	if _, err := strconv.ParseUint(q.Get("random"), 10, 32); err != nil {
		return bad(codeBadRequest, "parameter random is missing or not a uint32")
	}
	if q.Get("contenttype") != "json" {
		return bad(codeBadRequest, "parameter contenttype is missing or not json")
	}

	run, served := lookup(service, command)
	if !served {
		return bad(codeUnknownCommand, "unknown service or command: "+service+"/"+command)
	}
	a, hosted := s.apps[app]
	if !hosted {
		return bad(codeUnknownApp, "sdkappid "+strconv.FormatUint(app, 10)+" is not served in this region")
	}
	if s.lockedOut(app) {
		return bad(codeSigLockout, "too many failed UserSig checks, try again in a minute")
	}
	if _, err := usersig.Verify(a.secret, sig, app, identifier, s.now()); err != nil {
		s.noteSigFailure(app)
		code, info := sigError(err)
		return bad(code, info)
	}
	if !a.admins[identifier] {
		return bad(codeNotAdmin, "identifier "+identifier+" is not an App administrator")
	}

	obj, info := parseObject(body, bodyTooLarge)
	if info != "" {
		return bad(codeBadJSON, info)
	}
	return authorised{app: app, service: service, command: command, query: q, body: obj, run: run}, nil
}

func sigError(err error) (int, string) {
	switch {
	case errors.Is(err, usersig.ErrSDKAppIDMismatch):
		return codeSigSDKAppID, "usersig was issued for another sdkappid"
	case errors.Is(err, usersig.ErrIdentifierMismatch):
		return codeSigIdentifier, "usersig was issued for another identifier"
	case errors.Is(err, usersig.ErrExpired):
		return codeSigExpired, "usersig expired"
	case errors.Is(err, usersig.ErrBadSignature):
		return codeSigBadKey, "usersig signature check failed, check the secret key"
	default:
		return codeSigMalformed, "usersig is malformed"
	}
}

// parseObject accepts only a single JSON object; info explains a refusal.
func parseObject(body []byte, tooLarge bool) (map[string]json.RawMessage, string) {
	if tooLarge {
		return nil, "request body is too large"
	}
	if t := bytes.TrimSpace(body); len(t) == 0 || t[0] != '{' {
		return nil, "request body must be a JSON object"
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil, "request body is not valid JSON: " + err.Error()
	}
	return obj, ""
}

// lockedOut reports whether app has reached the failure limit within the
// window, forgetting failures older than the window.
func (s *Server) lockedOut(app uint64) bool {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.sigFailures[app][:0]
	for _, t := range s.sigFailures[app] {
		if now.Sub(t) < lockoutWindow {
			kept = append(kept, t)
		}
	}
	s.sigFailures[app] = kept
	return len(kept) >= s.sigFailureLimit
}

func (s *Server) noteSigFailure(app uint64) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sigFailures[app] = append(s.sigFailures[app], now)
}
