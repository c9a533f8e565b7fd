package delivery

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Query values every delivery carries (docs/development/trtc-api.md §7).
const (
	// ClientIP is the ClientIP query parameter. TRTC sends the address of
	// the client whose action caused the event; a probe or a test event has
	// no such client, so it sends 192.0.2.1, from TEST-NET-1 (RFC 5737):
	// reserved for documentation, never a real user's address, and plainly
	// not one to a receiver that logs or checks it.
	ClientIP = "192.0.2.1"
	// OptPlatform is what TRTC sends for server-originated events.
	OptPlatform = "RESTAPI"
)

// Target is where a delivery goes, and for which app.
type Target struct {
	// URL is the configured webhook URL, http:// or https://.
	URL string
	// SDKAppID is sent as SdkAppid; receivers check it is theirs.
	SDKAppID uint64
	// Token is Live's signing token while it is enabled: the request then
	// carries Sign and RequestTime. "" sends neither. Room and Call have no
	// token (§7), so a token for them is an error.
	Token string
}

// built is a request ready to send, and what may be said of it.
type built struct {
	req *http.Request
	// reported is the URL without Sign and RequestTime.
	reported string
	sign     string // "" when unsigned
}

// newRequest builds the request TRTC would send for d to t at now:
//
//	POST {URL}?SdkAppid={id}&CallbackCommand={word}&contenttype=json&ClientIP=192.0.2.1&OptPlatform=RESTAPI[&Sign={hex}&RequestTime={unix}]
//	Content-Type: application/json
//
// with d.Body as the body. Errors are about the input, never the receiver.
func newRequest(t Target, d Delivery, now time.Time, userAgent string) (built, error) {
	u, err := checkTarget(t, d)
	if err != nil {
		return built{}, err
	}
	q := "SdkAppid=" + strconv.FormatUint(t.SDKAppID, 10) +
		"&CallbackCommand=" + url.QueryEscape(d.Command) +
		"&contenttype=json&ClientIP=" + ClientIP + "&OptPlatform=" + OptPlatform
	// A configured URL that already has a query gets ours after an "&": how
	// TRTC joins them is undocumented (§7), and "&" is the reading that
	// keeps both intact.
	u.Fragment, u.RawFragment, u.ForceQuery = "", "", false
	if u.RawQuery != "" {
		u.RawQuery += "&" + q
	} else {
		u.RawQuery = q
	}
	b := built{reported: u.String()}
	if t.Token != "" {
		requestTime := now.Unix()
		b.sign = Sign(t.Token, requestTime)
		u.RawQuery += "&Sign=" + b.sign + "&RequestTime=" + strconv.FormatInt(requestTime, 10)
	}
	req, err := http.NewRequest(http.MethodPost, u.String(), bytes.NewReader(d.Body))
	if err != nil {
		// The URL parsed above; what fails here is no secret of ours, but
		// the message would hold the signed URL.
		return built{}, errors.New("the webhook URL cannot be requested")
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", userAgent)
	b.req = req
	return b, nil
}

func checkTarget(t Target, d Delivery) (*url.URL, error) {
	u, err := url.Parse(t.URL)
	switch {
	case err != nil:
		return nil, fmt.Errorf("the webhook URL %q is not a URL", t.URL)
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("the webhook URL %q must start with http:// or https://", t.URL)
	case u.Host == "" || u.Hostname() == "":
		return nil, fmt.Errorf("the webhook URL %q has no host", t.URL)
	case u.User != nil:
		return nil, fmt.Errorf("the webhook URL must not carry a user name or password")
	case t.SDKAppID == 0:
		return nil, errors.New("the SDKAppID must be set")
	case !d.Product.valid():
		return nil, fmt.Errorf("unknown product %v", d.Product)
	case t.Token != "" && !d.Product.Signed():
		return nil, fmt.Errorf("%v deliveries carry no Sign: only Live has a signing token", d.Product)
	case strings.TrimSpace(d.Command) == "":
		return nil, errors.New("the delivery has no command word")
	}
	var members map[string]json.RawMessage
	if body := bytes.TrimSpace(d.Body); len(body) == 0 || body[0] != '{' || json.Unmarshal(body, &members) != nil {
		return nil, errors.New("the delivery's body must be a JSON object")
	}
	var word string
	if json.Unmarshal(members["CallbackCommand"], &word) != nil || word != d.Command {
		return nil, fmt.Errorf("the body's CallbackCommand must repeat the query's %s", d.Command)
	}
	return u, nil
}
