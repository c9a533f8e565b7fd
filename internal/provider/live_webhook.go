package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// liveWebhook is TUILiveKit's webhook configuration (live_config).
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

// NewLiveWebhookResource is the trtc_live_webhook resource.
func NewLiveWebhookResource() resource.Resource { return &webhookResource{kind: liveWebhook} }

// NewLiveWebhookDataSource is the trtc_live_webhook data source.
func NewLiveWebhookDataSource() datasource.DataSource { return &webhookDataSource{kind: liveWebhook} }
