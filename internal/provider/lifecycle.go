package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// The lifecycle engine (DESIGN.md): every resource that manages an
// app-scoped object is a lifecycle[M, V] over an objectKind. The engine
// owns, once for every kind, the app binding, the identity, timeouts and
// log masks, the per-object lock and the ledger, the create rule, read-
// after-write notes, confirming writes, uncertain writes and the delete
// rule. A kind is its schema, the mapping between its model M and its API
// value V, and five calls: get, writes, remove, same and safeToOverwrite.

// objectKind is what the engine needs to know about one kind of object.
// M is the kind's Terraform model, which embeds objectFields; V is the
// value the API reads and writes.
//
// Most kinds are one object per request; the gift catalogue is read whole
// (one request for every object of an app) and written in several requests
// per object (a gift, then its language rows), so get says how fresh its
// answer must be and a write is a sequence of requests (writeStep).
type objectKind[M any, V any] interface {
	// typeName is the resource type, e.g. "trtc_live_webhook".
	typeName() string
	// noun names one object in messages, e.g. "TUILiveKit (Live) webhook
	// configuration".
	noun() string
	// description is the resource's schema description.
	description() string
	// attributes are the kind's own; the engine adds id, sdk_app_id and
	// the timeouts block.
	attributes() map[string]schema.Attribute
	// objectIDAttribute names the attribute that holds the object's own ID
	// within its app; "" for a singleton (one per app).
	objectIDAttribute() string
	objectID(m *M) string

	// desired is what a create or update writes: from the plan, and the
	// config for write-only attributes; prior is the state for an update.
	desired(ctx context.Context, plan *M, config tfsdk.Config, prior *M) (V, diag.Diagnostics)
	// claimed is what the state says TRTC holds; known is false when the
	// state cannot say (a write-only value), and the engine then reads it.
	claimed(ctx context.Context, state *M) (v V, known bool, diags diag.Diagnostics)
	// refreshed records in m what TRTC answered.
	refreshed(ctx context.Context, m *M, got V, r refresh) diag.Diagnostics
	// recorded runs after the engine stored m for value v (written or
	// adopted): what the kind keeps beside the state, such as a digest.
	recorded(ctx context.Context, m *M, v V, private privateSetter) diag.Diagnostics
	// describe says which object m is, for a message naming two of them;
	// show says what v is, for one naming two values. Neither shows a secret.
	describe(m *M) string
	show(v V) string

	// get reads the object; an error matching errAbsent means there is none.
	// The answer must come from a read that began at or after after; the
	// zero time asks for no more than a read of this operation phase that
	// began after this process's last write to the app (a refresh, which
	// many resources may share). The engine passes the time of the call for
	// every read that decides or confirms a write.
	get(ctx context.Context, a *app, id string, after time.Time) (V, error)
	// writes are the requests that write v, in the order they are sent;
	// prior is what TRTC held for an update, nil for a create. An error
	// matching errExists means a create met an object the read did not
	// show.
	writes(a *app, id string, v V, prior *V) []writeStep[V]
	// remove deletes the object; one already gone is success.
	remove(ctx context.Context, a *app, id string) error
	// same reports whether two values are one configuration.
	same(a, b V) bool
	// safeToOverwrite reports whether a create may replace what TRTC holds
	// (held) with want, beyond the two being the same.
	safeToOverwrite(held, want V) bool
	// fingerprint is v's canonical form, of which only digests are kept.
	fingerprint(v V) []byte

	// removal says what a user must know after a delete, if anything (the
	// token is disabled, not deleted); leftInPlace is the consequence a
	// delete would have had for the instance that now manages the object.
	removal(a *app) (summary, detail string)
	leftInPlace() string
}

var pathSDKAppID = path.Root(attrSDKAppID)

var (
	// errAbsent: the app has no such object.
	errAbsent = errors.New("no such object")
	// errExists: a create met an object that the read before it did not show.
	errExists = errors.New("the object already exists")
)

// objectFields are the attributes the engine owns, embedded in every
// kind's model.
type objectFields struct {
	ID       types.String   `tfsdk:"id"`
	SDKAppID types.Number   `tfsdk:"sdk_app_id"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (f *objectFields) fields() *objectFields { return f }

// fieldsOf returns the engine's attributes of a kind's model. Every model
// embeds objectFields; one that does not is a programming error, caught by
// the first test of its kind.
func fieldsOf[M any](m *M) *objectFields {
	f, ok := any(m).(interface{ fields() *objectFields })
	if !ok {
		panic(fmt.Sprintf("provider: %T does not embed objectFields", m))
	}
	return f.fields()
}

// refresh is what a Read hands a kind besides the answer: private state,
// and the app, for a kind whose shared read cannot say everything (the
// catalogue list may leave out ExtensionInfo, which an import then reads
// per object).
type refresh struct {
	prior   privateGetter
	private privateSetter
	app     *app
}

// lifecycle is a resource of one object kind, on the engine.
type lifecycle[M any, V any] struct {
	kind objectKind[M, V]
	data *providerData
}

var _ interface {
	resource.ResourceWithConfigure
	resource.ResourceWithImportState
	resource.ResourceWithModifyPlan
	resource.ResourceWithIdentity
	resource.ResourceWithConfigValidators
	resource.ResourceWithValidateConfig
} = (*lifecycle[webhookModel, trtcapi.WebhookConfig])(nil)

// Default operation timeouts, overridable in the timeouts block. Each bounds
// everything its operation does, retries, settling and waiting included.
const (
	defaultWriteTimeout = 5 * time.Minute
	defaultReadTimeout  = 2 * time.Minute
)

func (e *lifecycle[M, V]) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = e.kind.typeName()
}

func (e *lifecycle[M, V]) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := e.kind.attributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: e.idDescription(),
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	attrs[attrSDKAppID] = schema.NumberAttribute{
		MarkdownDescription: "The SDKAppID of the app the " + e.kind.noun() + " belongs to: one of the provider's " +
			"`apps`, or, when omitted at creation, the provider's default app (its own `sdk_app_id`). The state " +
			"records it, and an existing resource keeps it when it is omitted. Changing it replaces the resource: " +
			"it is destroyed in the old app and created in the new one.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.Number{sdkAppIDValidator{}},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: e.kind.description(),
		Attributes:          attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (e *lifecycle[M, V]) idDescription() string {
	if e.kind.objectIDAttribute() == "" {
		return "The SDKAppID, as a decimal string."
	}
	idAttr := e.kind.objectIDAttribute()
	return "The app's SDKAppID and the `" + idAttr + "`, as `SDKAPPID/" + strings.ToUpper(idAttr) + "`."
}

func (e *lifecycle[M, V]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		e.data = d
	}
}

// ConfigValidators and ValidateConfig pass on to a kind that has them.
func (e *lifecycle[M, V]) ConfigValidators(ctx context.Context) []resource.ConfigValidator {
	if k, ok := e.kind.(interface {
		ConfigValidators(context.Context) []resource.ConfigValidator
	}); ok {
		return k.ConfigValidators(ctx)
	}
	return nil
}

func (e *lifecycle[M, V]) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if k, ok := e.kind.(interface {
		ValidateConfig(context.Context, resource.ValidateConfigRequest, *resource.ValidateConfigResponse)
	}); ok {
		k.ValidateConfig(ctx, req, resp)
	}
}

// key names the object in the ledger.
func (e *lifecycle[M, V]) key(a *app, id string) string {
	return objectKey(a.endpoint(), a.id, e.kind.typeName(), id)
}

// answer is a read's outcome as the consistency rules see it: the
// fingerprint of what TRTC holds, nil for none.
func (e *lifecycle[M, V]) answer(got V, err error) []byte {
	if err != nil {
		return nil
	}
	return e.kind.fingerprint(got)
}

// withTimeout bounds ctx by the operation's timeout and masks a's secrets.
func (e *lifecycle[M, V]) withTimeout(ctx context.Context, a *app, t func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	d, ds := t(ctx, def)
	diags.Append(ds...)
	return context.WithTimeout(e.data.withLogMasks(ctx, a), d)
}
