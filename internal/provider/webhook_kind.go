package provider

import (
	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// webhookKind describes one product's webhook configuration. The resource
// and data source are generic over it, so the Conference (room_config) and
// Call (call_config) webhooks are each a webhookKind and two constructors.
type webhookKind struct {
	// typeSuffix follows "trtc_" in the type name, e.g. "live_webhook".
	typeSuffix string
	// product names the product in documentation and messages.
	product string
	service trtcapi.WebhookService
	// commands are the documented callback command words; others that
	// are well formed draw a warning.
	commands []string
}

func (k webhookKind) typeName(providerTypeName string) string {
	return providerTypeName + "_" + k.typeSuffix
}
