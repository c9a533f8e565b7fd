package trtcmock

import (
	"slices"
	"strconv"
)

// GetIPList's nettypes (docs/development/trtc-api.md §8): 0 is every list;
// 5 and 6 are the webhook egress inside and outside the Chinese mainland.
const (
	netTypeAll            = 0
	netTypeWebhookOutside = 6
	maxNetType            = 6
)

// DefaultEgressIPs are the lists a mock answers unless Options.EgressIPs
// says otherwise: documentation addresses (RFC 5737, RFC 3849) only, in the
// mixed form GetIPList uses, with a bare address, blocks, an IPv6 entry and
// duplicates (one written the same, one written as a /32) so that clients
// normalise. Nettypes 1 to 4 are empty.
func DefaultEgressIPs() map[int][]string {
	return map[int][]string{
		5: {"203.0.113.7", "198.51.100.0/25", "203.0.113.7", "2001:db8:5::/48"},
		6: {"192.0.2.10", "192.0.2.128/25", "192.0.2.10/32", "198.51.100.200", "2001:db8:6::1"},
	}
}

// getIPList serves ConfigSvc/GetIPList. nettype is a query parameter; a
// missing or malformed one, or one outside 0–6, answers 100002 (what the
// service answers then is undocumented). The list is at the top level of
// the envelope, beside ErrorCode, as the page shows.
func (s *Server) getIPList(req authorised) answer {
	n, err := strconv.Atoi(req.query.Get("nettype"))
	if err != nil || n < netTypeAll || n > maxNetType {
		return fail(codeInvalidParameter, "nettype must be an integer from 0 to 6")
	}
	lists := s.opts.EgressIPs
	if lists == nil {
		lists = DefaultEgressIPs()
	}
	var out []string
	for t := 1; t <= maxNetType; t++ {
		if (n == netTypeAll || n == t) && !(t == netTypeWebhookOutside && s.opts.EgressNotEnabled) {
			out = append(out, lists[t]...)
		}
	}
	if out == nil {
		out = []string{}
	}
	return answer{top: map[string]any{"IPList": slices.Clone(out)}}
}
