package trtcmock

import "time"

// App is one application hosted by the mock data centre.
type App struct {
	SDKAppID uint64
	Key      string   // secret key used to verify UserSigs
	Admins   []string // App administrator accounts; empty means {"administrator"}
}

// Options shape the behaviour of a Server. The zero value hosts no app, so
// every request answers 70016.
type Options struct {
	// Apps hosted by this "data centre"; any other SDKAppID answers 70016.
	Apps []App
	// SetOverwrites makes set_callback on an existing live_config or
	// room_config configuration overwrite it instead of answering 100300,
	// for clients that must survive a service that overwrites after all
	// (docs/development/trtc-api.md §2). call_config's set_callback always overwrites (§6).
	SetOverwrites bool
	// DeleteMissingCode is the answer of delete_callback when there is no
	// configuration: 0 (success) or 100301.
	DeleteMissingCode int
	// Latency is added before answering every API request.
	Latency time.Duration
	// ReadLag: after each successful API write, reads of that singleton
	// (get_callback, get_callback_token; for the gift catalogue, which
	// lags as one, every get_* and get_gift_info_list) answer the state
	// before the write until ReadLag has passed.
	ReadLag time.Duration
	// ShuffleCommands makes get_callback return CallbackCommandList in an
	// order different from the stored one (whenever another order exists).
	ShuffleCommands bool
	// SigFailureLimit is how many failed UserSig checks one app may have
	// within a minute before it is answered 70050; 0 means 10.
	SigFailureLimit int
	// Now is the clock for UserSig expiry and the lockout window; nil means
	// time.Now.
	Now func() time.Time

	// The gift catalogue (live_engine_http_srv, docs/development/trtc-api.md §9).

	// GiftRateLimit, when > 0, makes a second call of one gift command by
	// one app within GiftRateLimit of the last answer 100012 "maximum of 1
	// call/s" (copy_default_gift_config: within 10 × GiftRateLimit). A
	// refused call opens no window of its own. 0, the default, is off so
	// most tests run fast; tests of TRTC's real behaviour set time.Second.
	GiftRateLimit time.Duration
	// GiftListDisabled makes get_gift_info_list answer 60009, as if the
	// undocumented command were gone.
	GiftListDisabled bool
	// GiftPayloadUnderResponse answers get_gift, get_gift_category,
	// get_gift_category_relations, add_gift_category_relations and the
	// two language gets under Response, the two language answers' object
	// named Language (how Tencent's console reads them), instead of beside
	// ErrorCode with the pages' names (GiftInfo, CategoryInfo, ...).
	// get_gift_info_list answers under Response either way.
	GiftPayloadUnderResponse bool
	// GiftListExtensionInfo makes get_gift_info_list show each gift's and
	// category's ExtensionInfo, which it otherwise leaves out (whether
	// TRTC's does is undocumented).
	GiftListExtensionInfo bool
	// MaxGifts and MaxCategories cap an app's catalogue; 0 means 16 and 3.
	// An add beyond them answers 100002 "gift count exceeds the limit of
	// 16" (or "category count ..."): the mock's choice, undocumented.
	MaxGifts      int
	MaxCategories int
	// NoLiveKitEdition lists apps without a TUILiveKit trial or paid
	// edition: every gift catalogue call of theirs answers 102001.
	NoLiveKitEdition []uint64
	// EgressIPs are the lists ConfigSvc/GetIPList answers, by nettype (1–6;
	// nettype 0 answers them all, in nettype order). nil means
	// DefaultEgressIPs(); a nettype missing from a non-nil map answers an
	// empty list.
	EgressIPs map[int][]string
	// EgressNotEnabled makes nettype 6 (webhook egress outside the Chinese
	// mainland) answer as for an app Tencent has not enabled it for:
	// success with an empty IPList (undocumented, §8), and nettype 0 leaves
	// that list out.
	EgressNotEnabled bool
}

// Config is one stored callback configuration, in the wire shape of the
// get_callback Response.
type Config struct {
	URL      string   `json:"Url"`
	Commands []string `json:"CallbackCommandList"`
}

// clone copies c so callers never share the stored slice.
func (c Config) clone() Config {
	out := Config{URL: c.URL, Commands: make([]string, len(c.Commands))}
	copy(out.Commands, c.Commands)
	return out
}

const defaultAdmin = "administrator"

// defaultSigFailureLimit is the lockout threshold when Options leave it 0.
const defaultSigFailureLimit = 10
