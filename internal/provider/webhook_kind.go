package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// webhookKind describes one product's webhook configuration. The resource,
// the data source, their docs and their tests are generic over it: a new
// product is one more entry in webhookKinds.
type webhookKind struct {
	// typeSuffix follows "trtc_" in the type name, e.g. "live_webhook".
	typeSuffix string
	// product names the product in documentation and messages.
	product string
	// service is the REST service, and whether its set_callback upserts
	// (then there is no update_callback, and updates send set_callback).
	service trtcapi.WebhookService
	// commands are the documented callback command words; others that are
	// well formed draw a warning.
	commands []string
	// olderSpellings maps words from older lists to the current spelling.
	olderSpellings map[string]string
}

func (k webhookKind) typeName() string { return TypeName + "_" + k.typeSuffix }

// webhookKinds are the products whose webhooks the provider manages.
var webhookKinds = []webhookKind{liveWebhook, roomWebhook, callWebhook}

// liveWebhook is TUILiveKit's webhook configuration (trtc-api.md §2).
var liveWebhook = webhookKind{
	typeSuffix: "live_webhook",
	product:    "TUILiveKit (Live)",
	service:    trtcapi.LiveWebhooks,
	commands: []string{
		// Rooms
		"Live.CallbackAfterCreateRoom",
		"Live.CallbackAfterDestroyRoom",
		"Live.CallbackAfterUpdateRoomInfo",
		"Live.CallbackAfterSetMetadata",
		"Live.CallbackAfterDelMetadata",
		"Live.CallbackAfterCreateRoomReachingThreshold",
		// Members
		"Live.CallbackAfterMemberStateChanged",
		"Live.CallbackAfterChangeOwner",
		"Live.CallbackAfterModifyAdmin",
		// Seats (note the Mic. prefix)
		"Mic.CallbackAfterSeatInfoChanged",
		// PK battles
		"Live.CallbackAfterCreateBattle",
		"Live.CallbackAfterStartBattle",
		"Live.CallbackAfterEndBattle",
		// Gifts; CallbackBeforeCallBackNotBlock is a flag: a failed gift
		// pre-check no longer blocks the gift.
		"Live.CallbackBeforeSendGift",
		"Live.CallbackBeforeCallBackNotBlock",
		// Messages
		"Group.CallbackBeforeSendMsg",
		"Group.CallbackAfterSendMsg",
		// Follows
		"Follow.CallbackAfterFollowAdd",
		"Follow.CallbackAfterFollowDelete",
		// Recording (2026)
		"Live.CallbackAfterCloudRecordingChanged",
	},
}

// roomWebhook is the Conference (TUIRoomKit) webhook configuration (§6).
var roomWebhook = webhookKind{
	typeSuffix: "room_webhook",
	product:    "Conference (TUIRoomKit)",
	service:    trtcapi.RoomWebhooks,
	commands: []string{
		"Room.CallbackAfterCreateRoom",
		"Room.CallbackAfterDestroyRoom",
		"Room.CallbackAfterUpdateRoomInfo",
		"Room.CallbackAfterMemberEnter",
		"Room.CallbackAfterMemberLeave",
		"Mic.CallbackAfterSeatInfoChanged",
	},
	olderSpellings: map[string]string{
		"Room.CallbackUpdateRoomInfo": "Room.CallbackAfterUpdateRoomInfo",
	},
}

// callWebhook is the Call (TUICallKit) webhook configuration (§6): its
// set_callback overwrites and it has no update_callback.
var callWebhook = webhookKind{
	typeSuffix: "call_webhook",
	product:    "Call (TUICallKit)",
	service:    trtcapi.CallWebhooks,
	commands: []string{
		"Call.CallbackAfterStartCall",
		"Call.CallbackAfterEndCall",
		"Call.CallbackAfterMemberChanged",
	},
}

func webhookResources() []func() resource.Resource {
	out := make([]func() resource.Resource, 0, len(webhookKinds))
	for _, k := range webhookKinds {
		out = append(out, func() resource.Resource { return &webhookResource{kind: k} })
	}
	return out
}

func webhookLists() []func() list.ListResource {
	out := make([]func() list.ListResource, 0, len(webhookKinds))
	for _, k := range webhookKinds {
		out = append(out, func() list.ListResource { return &webhookList{kind: k} })
	}
	return out
}

func webhookDataSources() []func() datasource.DataSource {
	out := make([]func() datasource.DataSource, 0, len(webhookKinds))
	for _, k := range webhookKinds {
		out = append(out, func() datasource.DataSource { return &webhookDataSource{kind: k} })
	}
	return out
}
