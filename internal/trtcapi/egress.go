package trtcapi

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// configService serves the address lists (docs/development/trtc-api.md §8).
const configService = "ConfigSvc"

// GetIPList's nettype values that matter to webhooks (§8). The others are 0
// (every list), 1/2 (native SDK access inside/outside the Chinese mainland)
// and 3/4 (Web SDK access inside/outside).
const (
	// NetTypeWebhookInsideMainland: the addresses webhook deliveries leave
	// from inside the Chinese mainland, Hong Kong included.
	NetTypeWebhookInsideMainland = 5
	// NetTypeWebhookOutsideMainland: the addresses webhook deliveries leave
	// from outside the Chinese mainland. Tencent may have to enable this
	// list for the app first.
	NetTypeWebhookOutsideMainland = 6

	maxNetType = 6
)

// ErrEgressNotEnabled matches (errors.Is) an *EgressNotEnabledError.
var ErrEgressNotEnabled = errors.New("webhook egress list not enabled")

// EgressNotEnabledError is GetIPList answering that the app has no list of
// this kind. What the API answers before Tencent enables the list is
// undocumented (§8); these answers are read as "not enabled":
//   - success with IPList missing, null or empty;
//   - ErrorCode 60017 ("request disabled", §4);
//   - any other ErrorCode whose ErrorInfo says the feature is not enabled or
//     not open ("not enabled", "not open", "未开通", "未开启").
//
// A refusal stays reachable with errors.As(err, *APIError), for its RequestId.
type EgressNotEnabledError struct {
	NetType int
	// API is the refusal; nil when the answer was an empty list.
	API *APIError
}

func (e *EgressNotEnabledError) Error() string {
	var where string
	switch e.NetType {
	case NetTypeWebhookInsideMainland:
		where = "the webhook egress list for this app inside the Chinese mainland"
	case NetTypeWebhookOutsideMainland:
		where = "the webhook egress list for this app outside the Chinese mainland"
	default:
		where = fmt.Sprintf("the address list of nettype %d for this app", e.NetType)
	}
	msg := "Tencent has not enabled " + where + "; ask Tencent support to enable it"
	if e.API == nil {
		return msg + " (ConfigSvc/GetIPList answered an empty IPList)"
	}
	return fmt.Sprintf("%s (ConfigSvc/GetIPList answered ErrorCode %d: %s, RequestId %s)",
		msg, e.API.ErrorCode, e.API.ErrorInfo, e.API.requestID())
}

func (e *EgressNotEnabledError) Is(target error) bool { return target == ErrEgressNotEnabled }

func (e *EgressNotEnabledError) Unwrap() error {
	if e.API == nil {
		return nil
	}
	return e.API
}

// codeRequestDisabled is §4's "request disabled".
const codeRequestDisabled = 60017

// notEnabledPhrases are ErrorInfo fragments read as "not enabled".
var notEnabledPhrases = []string{"not enabled", "not enable", "not open", "未开通", "未开启"}

func refusesAsNotEnabled(e *APIError) bool {
	if e.ErrorCode == codeRequestDisabled {
		return true
	}
	info := strings.ToLower(e.ErrorInfo)
	return slices.ContainsFunc(notEnabledPhrases, func(p string) bool { return strings.Contains(info, p) })
}

// ipList is GetIPList's payload; Call finds it at the top level of the
// envelope, where the pages put it, or under Response.
type ipList struct {
	IPList []string `json:"IPList"`
}

// EgressIPs calls ConfigSvc/GetIPList with nettype (0–6; see the NetType
// constants) and returns the addresses and CIDR blocks as TRTC wrote them
// (see CIDRs to normalise them). An app without the list is
// ErrEgressNotEnabled (see EgressNotEnabledError for the answers read so).
func (c *Client) EgressIPs(ctx context.Context, nettype int) ([]string, error) {
	if nettype < 0 || nettype > maxNetType {
		return nil, fmt.Errorf("nettype %d is not one of GetIPList's 0 to %d", nettype, maxNetType)
	}
	var out ipList
	err := c.callQuery(ctx, configService, "GetIPList", "nettype="+strconv.Itoa(nettype), nil, &out)
	var apiErr *APIError
	switch {
	case errors.As(err, &apiErr) && refusesAsNotEnabled(apiErr):
		return nil, &EgressNotEnabledError{NetType: nettype, API: apiErr}
	case err != nil:
		return nil, err
	case len(out.IPList) == 0:
		return nil, &EgressNotEnabledError{NetType: nettype}
	}
	return out.IPList, nil
}

// CIDRs turns a GetIPList answer, a mix of addresses and CIDR blocks, into
// CIDR blocks fit for an allowlist: a bare IPv4 address becomes a /32, an IPv6
// one a /128, every block is masked to its network address (198.51.100.7/25
// is 198.51.100.0/25), and the result is sorted (IPv4 before IPv6, by address,
// then by prefix length) without duplicates. Blocks inside others are kept.
// An entry that is neither an address nor a block is an error naming it.
//
// It lives here rather than with the deliveries because the mixed form is
// GetIPList's: anything that reads the list (a data source, a firewall
// script) needs it, and sending webhooks never does.
func CIDRs(list []string) ([]string, error) {
	prefixes := make([]netip.Prefix, 0, len(list))
	for i, entry := range list {
		p, err := parseCIDR(strings.TrimSpace(entry))
		if err != nil {
			return nil, fmt.Errorf("egress entry %d (%q) is neither an IP address nor a CIDR block", i+1, entry)
		}
		prefixes = append(prefixes, p)
	}
	slices.SortFunc(prefixes, func(a, b netip.Prefix) int {
		if c := a.Addr().Compare(b.Addr()); c != 0 {
			return c
		}
		return a.Bits() - b.Bits()
	})
	prefixes = slices.Compact(prefixes)
	out := make([]string, len(prefixes))
	for i, p := range prefixes {
		out[i] = p.String()
	}
	return out, nil
}

func parseCIDR(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, err
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	if a.Zone() != "" {
		return netip.Prefix{}, errors.New("an address with a zone is no allowlist entry")
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}
