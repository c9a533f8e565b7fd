package trtcmock

// The services the mock serves (docs/development/trtc-api.md §2, §3, §6, §8 and §9).
// The mock declares their names itself rather than borrowing the client's,
// so that a misspelt service in the client fails against it.
const (
	ServiceLive = "live_config"
	ServiceRoom = "room_config"
	ServiceCall = "call_config"
	ServiceGift = "live_engine_http_srv" // the TUILiveKit gift catalogue (gifts.go)
	// ServiceConfig serves GetIPList, the address lists (§8).
	ServiceConfig = "ConfigSvc"
)

// handler runs one authorised command against the stored state.
type handler func(s *Server, req authorised) answer

// service is everything the mock knows about one REST service.
type service struct {
	// commands are the command words served; any other answers 60009.
	commands map[string]handler
}

// services is the one table a new service is added to.
var services = map[string]service{
	ServiceLive: {commands: merge(webhook{update: true}.commands(), tokenCommands)},
	ServiceRoom: {commands: webhook{update: true}.commands()},
	ServiceCall: {commands: webhook{upsert: true}.commands()},
	ServiceGift: {commands: giftCommands()},
	ServiceConfig: {commands: map[string]handler{
		"GetIPList": (*Server).getIPList,
	}},
}

// webhook describes a service with the {Url, CallbackCommandList} shape.
type webhook struct {
	// update: the service has update_callback (Call has not).
	update bool
	// upsert: set_callback overwrites an existing configuration instead
	// of answering 100300 (call_config, §6).
	upsert bool
}

func (w webhook) commands() map[string]handler {
	m := map[string]handler{
		"get_callback":    (*Server).getCallback,
		"set_callback":    func(s *Server, req authorised) answer { return s.putCallback(req, true, w.upsert) },
		"delete_callback": (*Server).deleteCallback,
	}
	if w.update {
		m["update_callback"] = func(s *Server, req authorised) answer { return s.putCallback(req, false, false) }
	}
	return m
}

// tokenCommands are the Live webhook signing token's (§3).
var tokenCommands = map[string]handler{
	"get_callback_token": (*Server).getToken,
	"set_callback_token": (*Server).setToken,
}

func merge(tables ...map[string]handler) map[string]handler {
	out := map[string]handler{}
	for _, t := range tables {
		for k, v := range t {
			out[k] = v
		}
	}
	return out
}

// lookup returns the handler of service/command, if the mock serves it.
func lookup(service, command string) (handler, bool) {
	h, ok := services[service].commands[command]
	return h, ok
}
