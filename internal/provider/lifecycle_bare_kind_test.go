package provider

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// bareKind is an object kind with nothing but what every kind must have:
// a schema, the mapping, and get/put/remove/same/safeToOverwrite against an
// in-memory store. It has no code for any safety rule, so whatever rule a
// test sees it keep, the engine gave it.
type bareKind struct{ store *bareStore }

type bareModel struct {
	objectFields
	Value types.String `tfsdk:"value"`
}

const bareType = TypeName + "_bare_object"

func (bareKind) typeName() string    { return bareType }
func (bareKind) noun() string        { return "bare object" }
func (bareKind) description() string { return "A test kind." }
func (bareKind) attributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{"value": schema.StringAttribute{Required: true}}
}
func (bareKind) objectIDAttribute() string  { return "" }
func (bareKind) objectID(*bareModel) string { return "" }
func (bareKind) desired(_ context.Context, m *bareModel, _ tfsdk.Config, _ *bareModel) (string, diag.Diagnostics) {
	return m.Value.ValueString(), nil
}
func (bareKind) claimed(_ context.Context, m *bareModel) (string, bool, diag.Diagnostics) {
	return m.Value.ValueString(), true, nil
}
func (bareKind) refreshed(_ context.Context, m *bareModel, got string, _ refresh) diag.Diagnostics {
	m.Value = types.StringValue(got)
	return nil
}
func (bareKind) recorded(context.Context, *bareModel, string, privateSetter) diag.Diagnostics {
	return nil
}
func (bareKind) describe(m *bareModel) string {
	return fmt.Sprintf("value = %q", m.Value.ValueString())
}
func (bareKind) show(v string) string             { return v }
func (bareKind) same(a, b string) bool            { return a == b }
func (bareKind) safeToOverwrite(_, _ string) bool { return false }
func (bareKind) fingerprint(v string) []byte      { return []byte(v) }
func (bareKind) removal(*app) (string, string)    { return "", "" }
func (bareKind) leftInPlace() string              { return "Deleting it would lose it" }

func (k bareKind) get(_ context.Context, a *app, _ string, _ time.Time) (string, error) {
	return k.store.get(a.id)
}
func (k bareKind) writes(a *app, _ string, v string, _ *string) []writeStep[string] {
	return []writeStep[string]{{send: func(context.Context) error { return k.store.put(a.id, v) }, leaves: v}}
}
func (k bareKind) remove(_ context.Context, a *app, _ string) error { return k.store.remove(a.id) }

// bareStore is TRTC for bareKind: one value per app, what reads answer
// (which may lag), the calls made per app, and hooks that play another
// writer or a failure.
type bareStore struct {
	mu    sync.Mutex
	held  map[uint64]string
	shown map[uint64]*string // a lagging read's answer (nil entry: none), when set
	calls map[uint64][]string
	// onGet runs after each get of app (n counts gets), to change what
	// TRTC holds between reads.
	onGet func(app uint64, n int)
	// putErr, when set, is what put answers, after storing the value if
	// landed.
	putErr func() (err error, landed bool)
}

func newBareStore() *bareStore {
	return &bareStore{held: map[uint64]string{}, shown: map[uint64]*string{}, calls: map[uint64][]string{}}
}

func (s *bareStore) get(app uint64) (string, error) {
	s.mu.Lock()
	s.calls[app] = append(s.calls[app], "get")
	n := len(slices.DeleteFunc(slices.Clone(s.calls[app]), func(c string) bool { return c != "get" }))
	v, ok := s.held[app]
	if lag, lagging := s.shown[app]; lagging {
		v, ok = "", lag != nil
		if lag != nil {
			v = *lag
		}
	}
	hook := s.onGet
	s.mu.Unlock()
	if hook != nil {
		defer hook(app, n)
	}
	if !ok {
		return "", fmt.Errorf("%w: none", errAbsent)
	}
	return v, nil
}

func (s *bareStore) put(app uint64, v string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[app] = append(s.calls[app], "put")
	if s.putErr != nil {
		err, landed := s.putErr()
		if landed {
			s.held[app] = v
		}
		return err
	}
	s.held[app] = v
	return nil
}

func (s *bareStore) remove(app uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[app] = append(s.calls[app], "remove")
	delete(s.held, app)
	return nil
}

// set changes what TRTC holds out of band ("" with ok false: none), and
// ends any lag.
func (s *bareStore) set(app uint64, v string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.shown, app)
	if ok {
		s.held[app] = v
	} else {
		delete(s.held, app)
	}
}

// lag makes reads of app answer v (nil: none) until set or unlag.
func (s *bareStore) lag(app uint64, v *string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shown[app] = v
}

func (s *bareStore) unlag(app uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.shown, app)
}

func (s *bareStore) callsOf(app uint64) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls[app])
}

func (s *bareStore) value(app uint64) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.held[app]
	return v, ok
}

// withBareKind is the provider with one more resource type, bareKind's:
// what a new kind written on the engine looks like to Terraform.
type withBareKind struct {
	*TRTCProvider
	store *bareStore
}

func (p *withBareKind) Resources(ctx context.Context) []func() fwresource.Resource {
	return append(p.TRTCProvider.Resources(ctx), func() fwresource.Resource {
		return &lifecycle[bareModel, string]{kind: bareKind{p.store}}
	})
}

var _ provider.Provider = (*withBareKind)(nil)

// bareEngine is the engine over bareKind for d, for tests that call its
// rules directly.
func bareEngine(d *providerData, store *bareStore) *lifecycle[bareModel, string] {
	return &lifecycle[bareModel, string]{kind: bareKind{store}, data: d}
}
