package trtcmock

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
)

// controlPrefix marks requests to the control API. Control requests are
// unauthenticated (the binary only listens on loopback) and not logged.
const controlPrefix = "/_mock/"

func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case controlPrefix + "config":
		s.controlConfig(w, r)
	case controlPrefix + "faults":
		if !allow(w, r, http.MethodPost) {
			return
		}
		var f Fault
		if !decodeJSON(w, r, &f) {
			return
		}
		if !f.Kind.valid() {
			http.Error(w, "unknown fault kind "+strconv.Quote(string(f.Kind)), http.StatusBadRequest)
			return
		}
		s.InjectFault(f)
		w.WriteHeader(http.StatusNoContent)
	case controlPrefix + "requests":
		if allow(w, r, http.MethodGet) {
			writeJSON(w, s.Requests())
		}
	case controlPrefix + "stats":
		if allow(w, r, http.MethodGet) {
			writeJSON(w, s.Stats())
		}
	case controlPrefix + "reset":
		if allow(w, r, http.MethodPost) {
			s.ResetRequests()
			w.WriteHeader(http.StatusNoContent)
		}
	default:
		http.NotFound(w, r)
	}
}

// controlConfig serves GET/PUT/DELETE /_mock/config?sdkappid=N&service=S
// (service defaults to live_config).
func (s *Server) controlConfig(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	app, err := strconv.ParseUint(q.Get("sdkappid"), 10, 64)
	if err != nil || app == 0 {
		http.Error(w, "sdkappid must be a positive integer", http.StatusBadRequest)
		return
	}
	service := q.Get("service")
	if service == "" {
		service = ServiceLive
	}
	switch r.Method {
	case http.MethodGet:
		c, found := s.Config(app, service)
		if !found {
			http.Error(w, "no configuration", http.StatusNotFound)
			return
		}
		writeJSON(w, c)
	case http.MethodPut:
		var c Config
		if !decodeJSON(w, r, &c) {
			return
		}
		s.SetConfig(app, service, c)
		w.WriteHeader(http.StatusNoContent)
	case http.MethodDelete:
		s.DeleteConfig(app, service)
		w.WriteHeader(http.StatusNoContent)
	default:
		w.Header().Set("Allow", "GET, PUT, DELETE")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func allow(w http.ResponseWriter, r *http.Request, method string) bool {
	if r.Method == method {
		return true
	}
	w.Header().Set("Allow", method)
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

func decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		http.Error(w, "bad JSON body: "+err.Error(), http.StatusBadRequest)
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}
