package receiver

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ProbeName ends the command word of the probe terraform-provider-trtc
// sends to test a receiver (Live.CallbackTerraformProbe,
// Room.CallbackTerraformProbe, Call.CallbackTerraformProbe). No product
// emits it: acknowledge it and do nothing.
const ProbeName = ".CallbackTerraformProbe"

// maxBody bounds what is read of a delivery.
const maxBody = 1 << 20

// Handler receives TRTC webhook deliveries (TUILiveKit, Conference, Call).
// It refuses deliveries for another app and, with a Token, deliveries TRTC
// did not sign; acknowledges probes without acting on them; and hands every
// other event to Handle.
type Handler struct {
	// SDKAppID is the app's; a delivery for another app is refused with
	// 403. 0 skips the check.
	SDKAppID uint64
	// Token is the Live signing token (trtc_live_webhook_token). When set,
	// a delivery whose Sign does not match, or whose RequestTime is more
	// than MaxSkew away, is refused with 401. Leave it empty for Conference
	// and Call, which sign nothing.
	Token string
	// Handle acts on one event. An error answers ErrorCode 1, which for
	// Live.CallbackBeforeSendGift rejects the gift; TRTC ignores it for
	// after-events. nil acknowledges every event.
	Handle func(ctx context.Context, command string, body []byte) error
	// Now is the clock RequestTime is checked against; nil means time.Now.
	Now func() time.Time
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "deliveries are POSTed", http.StatusMethodNotAllowed)
		return
	}
	q := r.URL.Query()
	// The event pages write SdkAppid; one overview table writes SdkAppId.
	app := q.Get("SdkAppid")
	if app == "" {
		app = q.Get("SdkAppId")
	}
	if h.SDKAppID != 0 && app != strconv.FormatUint(h.SDKAppID, 10) {
		http.Error(w, "not this app's delivery", http.StatusForbidden)
		return
	}
	if h.Token != "" {
		now := time.Now()
		if h.Now != nil {
			now = h.Now()
		}
		if err := Verify(r, h.Token, now); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		http.Error(w, "unreadable body", http.StatusBadRequest)
		return
	}
	command := q.Get("CallbackCommand")
	var head struct {
		CallbackCommand string `json:"CallbackCommand"`
	}
	if json.Unmarshal(body, &head) != nil || head.CallbackCommand != command || command == "" {
		http.Error(w, "the body's CallbackCommand must repeat the query's", http.StatusBadRequest)
		return
	}
	if strings.HasSuffix(command, ProbeName) {
		answer(w, nil)
		return
	}
	if h.Handle != nil {
		err = h.Handle(r.Context(), command, body)
	}
	answer(w, err)
}

// answer writes the documented answer: ErrorCode 0, or 1 with the error.
func answer(w http.ResponseWriter, err error) {
	a := struct {
		ActionStatus string `json:"ActionStatus"`
		ErrorInfo    string `json:"ErrorInfo"`
		ErrorCode    int    `json:"ErrorCode"`
	}{"OK", "", 0}
	if err != nil {
		a.ActionStatus, a.ErrorInfo, a.ErrorCode = "FAIL", err.Error(), 1
	}
	b, _ := json.Marshal(a)
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}
