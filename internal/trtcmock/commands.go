package trtcmock

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"
)

// run executes an authorised command against the stored state.
func (s *Server) run(req authorised) answer { return req.run(s, req) }

func (req authorised) key() key { return key{req.app, req.service} }

func (s *Server) getCallback(req authorised) answer {
	s.mu.Lock()
	c := s.configs[req.key()].read(s.readLag)
	var out Config
	if c != nil {
		out = c.clone()
	}
	shuffle := s.opts.ShuffleCommands
	s.mu.Unlock()
	if c == nil {
		return fail(codeNotExist, "callback config not exist")
	}
	if shuffle {
		out.Commands = reorder(out.Commands)
	}
	return ok(out)
}

// putCallback implements set_callback (create) and update_callback.
func (s *Server) putCallback(req authorised, create, upsert bool) answer {
	c, bad := parseCallback(req.body)
	if bad != nil {
		return *bad
	}
	k := req.key()
	s.mu.Lock()
	defer s.mu.Unlock()
	exists := s.configs[k].current() != nil
	switch {
	case create && exists && !upsert && !s.opts.SetOverwrites:
		return fail(codeAlreadyExists, "callback config already exists")
	case !create && !exists:
		return fail(codeNotExist, "callback config not exist")
	}
	s.configs[k] = s.configs[k].write(&c)
	return answer{applied: true}
}

func (s *Server) deleteCallback(req authorised) answer {
	k := req.key()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.configs[k].current() == nil {
		if s.opts.DeleteMissingCode != codeOK {
			return fail(s.opts.DeleteMissingCode, "callback config not exist")
		}
		return answer{}
	}
	s.configs[k] = s.configs[k].write(nil)
	return answer{applied: true}
}

func (s *Server) getToken(req authorised) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tokens[req.key()].read(s.readLag)
	if t == nil {
		return fail(codeTokenNotExist, "callback token config not exist")
	}
	return ok(*t)
}

// setToken is create-or-update: the first call needs both fields.
func (s *Server) setToken(req authorised) answer {
	var tok *string
	var enable *bool
	if raw, present := req.body["Token"]; present {
		v, isString := jsonString(raw)
		if !isString || utf8.RuneCountInString(v) < 1 || utf8.RuneCountInString(v) > 128 {
			return fail(codeInvalidParameter, "Token must be a string of 1 to 128 characters")
		}
		tok = &v
	}
	if raw, present := req.body["IsTokenEnable"]; present {
		switch string(bytes.TrimSpace(raw)) {
		case "true":
			enable = new(true)
		case "false":
			enable = new(false)
		default:
			return fail(codeInvalidParameter, "IsTokenEnable must be a boolean")
		}
	}
	k := req.key()
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.tokens[k].current()
	switch {
	case cur == nil && (tok == nil || enable == nil):
		return fail(codeInvalidParameter, "Token and IsTokenEnable are both required on the first call")
	case tok == nil && enable == nil:
		return fail(codeInvalidParameter, "Token or IsTokenEnable is required")
	}
	var t token
	if cur != nil {
		t = *cur
	}
	if tok != nil {
		t.Token = *tok
	}
	if enable != nil {
		t.IsTokenEnable = *enable
	}
	s.tokens[k] = s.tokens[k].write(&t)
	return answer{applied: true}
}

// parseCallback checks the {Url, CallbackCommandList} body strictly: the
// mock should catch a client that sends null or the wrong types.
func parseCallback(body map[string]json.RawMessage) (Config, *answer) {
	bad := func(info string) (Config, *answer) {
		a := fail(codeInvalidParameter, info)
		return Config{}, &a
	}
	raw, present := body["Url"]
	if !present {
		return bad("Url is required")
	}
	u, isString := jsonString(raw)
	if !isString {
		return bad("Url must be a string")
	}
	if l := strings.ToLower(u); !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
		return bad("Url must start with http:// or https://")
	}
	raw, present = body["CallbackCommandList"]
	if !present {
		return bad("CallbackCommandList is required")
	}
	var items []json.RawMessage
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '[' || json.Unmarshal(t, &items) != nil {
		return bad("CallbackCommandList must be an array of strings")
	}
	words := make([]string, 0, len(items))
	for _, it := range items {
		w, isString := jsonString(it)
		if !isString {
			return bad("CallbackCommandList must be an array of strings")
		}
		words = append(words, w)
	}
	return Config{URL: u, Commands: words}, nil
}

// jsonString decodes raw only if it is a JSON string (null is not).
func jsonString(raw json.RawMessage) (string, bool) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || t[0] != '"' {
		return "", false
	}
	var v string
	if json.Unmarshal(t, &v) != nil {
		return "", false
	}
	return v, true
}

// reorder returns words in another order whenever one exists: reversed,
// or rotated by one when reversing changes nothing (palindromes).
func reorder(words []string) []string {
	out := slices.Clone(words)
	slices.Reverse(out)
	if slices.Equal(out, words) && len(words) > 1 {
		out = append(slices.Clone(words[1:]), words[0])
	}
	return out
}
