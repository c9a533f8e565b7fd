package provider

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/trtc/terraform-provider-trtc/internal/delivery"
	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// webhookProduct describes one product's webhook configuration. The resource,
// the data source, their docs and their tests are generic over it: a new
// product is one more entry in webhookProducts. The generated docs share one
// template per kind of page (templates/resources.md.tmpl and
// templates/data-sources.md.tmpl); what differs between products reaches
// them through the schema descriptions built from this descriptor.
type webhookProduct struct {
	// typeSuffix follows "trtc_" in the type name, e.g. "live_webhook".
	typeSuffix string
	// title names the product in documentation and messages.
	title string
	// service is the REST service, and whether its set_callback upserts
	// (then there is no update_callback, and updates send set_callback).
	service trtcapi.WebhookService
	// delivery is the product as deliveries know it: its probe, its test
	// events and whether they are signed.
	delivery delivery.Product
	// commands are the documented callback command words, from the one
	// declaration in internal/delivery; others that are well formed draw a
	// warning.
	commands []string
	// olderSpellings maps words from older lists to the current spelling.
	olderSpellings map[string]string
	// commandNotes is Markdown for the docs on words that need a remark.
	commandNotes string
}

func (k webhookProduct) typeName() string { return TypeName + "_" + k.typeSuffix }

// webhookProducts are the products whose webhooks the provider manages.
var webhookProducts = []webhookProduct{liveWebhook, roomWebhook, callWebhook}

// liveWebhook is TUILiveKit's webhook configuration (docs/development/trtc-api.md §2).
var liveWebhook = webhookProduct{
	typeSuffix: "live_webhook",
	title:      "TUILiveKit (Live)",
	service:    trtcapi.LiveWebhooks,
	delivery:   delivery.Live,
	commands:   delivery.Live.Words(),
	commandNotes: "`Live.CallbackBeforeCallBackNotBlock` is a behaviour flag rather than an event: with it, a failed " +
		"gift pre-check (`Live.CallbackBeforeSendGift`) no longer blocks the gift.",
}

// roomWebhook is the Conference (TUIRoomKit) webhook configuration (§6).
var roomWebhook = webhookProduct{
	typeSuffix: "room_webhook",
	title:      "Conference (TUIRoomKit)",
	service:    trtcapi.RoomWebhooks,
	delivery:   delivery.Room,
	commands:   delivery.Room.Words(),
	olderSpellings: map[string]string{
		"Room.CallbackUpdateRoomInfo": "Room.CallbackAfterUpdateRoomInfo",
	},
}

// callWebhook is the Call (TUICallKit) webhook configuration (§6): its
// set_callback overwrites and it has no update_callback.
var callWebhook = webhookProduct{
	typeSuffix: "call_webhook",
	title:      "Call (TUICallKit)",
	service:    trtcapi.CallWebhooks,
	delivery:   delivery.Call,
	commands:   delivery.Call.Words(),
}

// resourceDescription is the resource's schema description: the shared
// summary, and how this product's service updates.
func (k webhookProduct) resourceDescription() string {
	update := fmt.Sprintf("An in-place update sends `%s/update_callback` with the whole configuration.", k.service.Name)
	if k.service.Upsert {
		update = fmt.Sprintf("TRTC's `%[1]s` API has no `update_callback`, and its `set_callback` overwrites: an "+
			"in-place update sends `%[1]s/set_callback` with the whole configuration.", k.service.Name)
	}
	return fmt.Sprintf("Manages the %s webhook configuration of the provider's app: the URL TRTC delivers events to "+
		"and the events it delivers. An app has at most one, so the resource is a singleton whose ID is the "+
		"SDKAppID. Creating it when a different one exists is an error (import it instead); destroying it deletes "+
		"the configuration. %s", k.title, update)
}

// commandsDescription is callback_commands' schema description, listing
// the product's documented words.
func (k webhookProduct) commandsDescription() string {
	quoted := func(words []string) string {
		out := make([]string, len(words))
		for i, w := range words {
			out[i] = "`" + w + "`"
		}
		return strings.Join(out, ", ")
	}
	d := fmt.Sprintf("The events to deliver, as callback command words of the form `<Prefix>.Callback<Name>`. "+
		"A set: order does not matter. The documented %s words are %s.", k.title, quoted(k.commands))
	for _, older := range slices.Sorted(maps.Keys(k.olderSpellings)) {
		d += fmt.Sprintf(" `%s`, an older spelling of `%s`, is accepted with a warning.", older, k.olderSpellings[older])
	}
	if k.commandNotes != "" {
		d += " " + k.commandNotes
	}
	return d + " A word within two edits of a documented one (three for words of 36 characters or more) is taken " +
		"for a misspelling and is an error that names the word meant; other well-formed words draw a warning, not " +
		"an error, and are sent as written, because TRTC adds events over time. A documented word in the wrong " +
		"case, or a word of another product, is an error."
}
