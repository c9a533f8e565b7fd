package provider

import (
	"slices"
	"strings"
	"testing"
)

// The generated docs take each product's differences from the schema
// descriptions: they must list every documented and older word, and name
// the request an update sends.
func TestKindDescriptionsCarryTheDescriptor(t *testing.T) {
	for _, k := range webhookProducts {
		t.Run(k.typeName(), func(t *testing.T) {
			commands := k.commandsDescription()
			for _, w := range k.commands {
				if !strings.Contains(commands, "`"+w+"`") {
					t.Errorf("callback_commands description lacks %s", w)
				}
			}
			for older, current := range k.olderSpellings {
				if !strings.Contains(commands, "`"+older+"`, an older spelling of `"+current+"`") {
					t.Errorf("callback_commands description lacks the older spelling %s", older)
				}
			}
			update := k.service.Name + "/update_callback"
			if k.service.Upsert {
				update = k.service.Name + "/set_callback"
			}
			if d := k.resourceDescription(); !strings.Contains(d, k.title) || !strings.Contains(d, update) {
				t.Errorf("resource description lacks %q or %q: %s", k.title, update, d)
			}
		})
	}
}

// The documented words have one declaration, the deliveries' (internal/
// delivery): the validators, the docs and the test events agree on them.
func TestKindCommandsAreTheDeliveries(t *testing.T) {
	for _, k := range webhookProducts {
		if !slices.Equal(k.commands, k.delivery.Words()) {
			t.Errorf("%s: commands %v, want delivery.%v.Words() %v", k.typeName(), k.commands, k.delivery, k.delivery.Words())
		}
		if !strings.HasPrefix(k.service.Name, strings.ToLower(k.delivery.String())+"_") {
			t.Errorf("%s: delivery product %v, service %s", k.typeName(), k.delivery, k.service.Name)
		}
	}
}
