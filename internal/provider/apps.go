package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc/terraform-provider-trtc/internal/pluginlog"
	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// app is one app the provider holds: its client, with its own signer,
// rate limiter and connection pool, so that apps never wait on each other.
type app struct {
	id     uint64
	idText string // as Terraform shows it: the ID of the app's singletons
	client *trtcapi.Client
	// signer is nil when the app authenticates with a pre-made user_sig.
	signer *trtcapi.KeySigner
	// settings are what the app was configured with, for hints.
	settings appSettings
	// secrets returns what logs must mask for this app.
	secrets func() []string
	// gifts is the app's gift catalogue as this operation phase read it
	// (gift_catalogue.go).
	gifts *catalogueCache
}

// providerData is what Configure hands to every resource, data source,
// list resource, ephemeral resource and action.
type providerData struct {
	apps map[uint64]*app
	// order is the default app, then the apps entries, as configured.
	order []*app
	// defaultApp serves whatever names no sdk_app_id; nil when the provider
	// block has none.
	defaultApp *app
	// ledger remembers this machine's writes per object (ledger.go).
	ledger *ledger
	// planned finds two resources that manage one singleton (lifecycle_plan.go).
	planned *plannedObjects
	// masking: provider logs may be written, so secrets are masked in
	// them. Off when pluginlog switched the loggers off: there is nothing
	// to mask, and a read then allocates nothing for logging.
	masking bool
}

// providerOptions are what the provider process, not the configuration,
// decides.
type providerOptions struct {
	userAgent string
	ledgerDir string // "" for the default
	run       string // the Terraform run this process serves (ledger.go)
	// giftCallInterval spaces the gift catalogue's calls (0: TRTC's 1.1 s).
	giftCallInterval time.Duration
}

// usersigInText masks a UserSig that reaches a log line some other way,
// e.g. inside a URL.
var usersigInText = regexp.MustCompile(`usersig=[^&\s"]+`)

func newProviderData(s settings, o providerOptions) (*providerData, diag.Diagnostics) {
	var diags diag.Diagnostics
	d := &providerData{
		apps:    map[uint64]*app{},
		ledger:  newLedger(o.ledgerDir, o.run),
		planned: newPlannedObjects(),
		masking: !pluginlog.Silenced(os.LookupEnv),
	}
	all := s.apps
	if s.defaultApp != nil {
		all = append([]appSettings{*s.defaultApp}, all...)
	}
	for _, as := range all {
		a, err := newApp(as, s, o, d.ledger)
		if err != nil {
			diags.Append(as.configDiagnostic(err))
			continue
		}
		d.apps[a.id] = a
		d.order = append(d.order, a)
	}
	if s.defaultApp != nil && !diags.HasError() {
		d.defaultApp = d.apps[s.defaultApp.sdkAppID]
	}
	return d, diags
}

func newApp(as appSettings, s settings, o providerOptions, l *ledger) (*app, error) {
	a := &app{id: as.sdkAppID, idText: sdkAppIDString(as.sdkAppID), settings: as}
	// The one path by which sdk_app_id and identifier reach both the
	// signature and the request's query parameters.
	id := trtcapi.App{SDKAppID: as.sdkAppID, Identifier: as.identifier.value}
	var creds trtcapi.Credentials
	if key := as.secretKey.value; key != "" {
		signer, err := trtcapi.NewKeySigner(key, id, trtcapi.DefaultUserSigTTL)
		if err != nil {
			return nil, err
		}
		creds, a.signer, a.secrets = signer, signer, signer.Secrets
	} else {
		static, err := trtcapi.NewStaticUserSig(as.userSig.value, id, time.Now())
		if err != nil {
			return nil, err
		}
		creds = static
		sig := as.userSig.value
		a.secrets = func() []string { return []string{sig} }
	}
	retry := trtcapi.DefaultRetryPolicy()
	retry.MaxRetries = s.maxRetries
	client, err := trtcapi.New(trtcapi.Config{
		BaseURL:        as.baseURL.value,
		Credentials:    creds,
		UserAgent:      o.userAgent,
		AttemptTimeout: s.requestTimeout,
		Retry:          retry,
		Observer:       logAttempt,

		GiftCallInterval: o.giftCallInterval,
		GiftPacer:        l.giftPacer(as.baseURL.value, as.sdkAppID),
	})
	if err != nil {
		return nil, err
	}
	a.client = client
	a.gifts = newCatalogueCache(a)
	return a, nil
}

// usesUserSig reports whether the app authenticates with a pre-made
// user_sig (for hints).
func (a *app) usesUserSig() bool { return a.signer == nil }

// endpoint is the base URL the app is reached at (for ledger keys).
func (a *app) endpoint() string { return a.settings.baseURL.value }

// ids lists the SDKAppIDs the provider holds, as configured.
func (d *providerData) ids() []string {
	out := make([]string, len(d.order))
	for i, a := range d.order {
		out[i] = a.idText
	}
	return out
}

// errAppNotHeld is an SDKAppID the provider has no credentials for.
var errAppNotHeld = errors.New("the provider holds no credentials for this app")

// app returns the app with SDKAppID id, if the provider holds it.
func (d *providerData) app(id uint64) (*app, error) {
	if a, ok := d.apps[id]; ok {
		return a, nil
	}
	return nil, errAppNotHeld
}

// withLogMasks returns ctx whose tflog output masks every secret of a and
// names its SDKAppID. When logging is off it returns ctx as it is.
func (d *providerData) withLogMasks(ctx context.Context, a *app) context.Context {
	if !d.masking {
		return ctx
	}
	secrets := a.secrets()
	ctx = tflog.MaskMessageStrings(ctx, secrets...)
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
	ctx = tflog.MaskMessageRegexes(ctx, usersigInText)
	ctx = tflog.MaskAllFieldValuesRegexes(ctx, usersigInText)
	return tflog.SetField(ctx, "trtc_sdk_app_id", a.id)
}

// maskSecret adds one more secret (a token, a signed UserSig) to ctx's
// log masks.
func (d *providerData) maskSecret(ctx context.Context, secret string) context.Context {
	if !d.masking || secret == "" {
		return ctx
	}
	ctx = tflog.MaskMessageStrings(ctx, secret)
	return tflog.MaskAllFieldValuesStrings(ctx, secret)
}

// logAttempt logs every request at DEBUG; its fields carry no secret.
func logAttempt(ctx context.Context, a trtcapi.Attempt) {
	fields := map[string]any{
		"trtc_service":     a.Service,
		"trtc_command":     a.Command,
		"trtc_attempt":     a.Attempt,
		"trtc_duration_ms": a.Duration.Milliseconds(),
		"trtc_http_status": a.HTTPStatus,
		"trtc_error_code":  a.ErrorCode,
		"trtc_request_id":  a.RequestID,
	}
	msg := "TRTC API request succeeded"
	switch {
	case isAbsent(a.Err):
		// An answer, not a failure: the app has no such object.
		msg = "TRTC API request answered: no configuration"
	case a.Err != nil:
		fields["error"] = a.Err.Error()
		fields["trtc_error_class"] = a.Class.String()
		msg = "TRTC API request failed"
		if a.Retrying {
			fields["trtc_retry_in_ms"] = a.Wait.Milliseconds()
			msg = "TRTC API request failed; retrying"
		}
	}
	tflog.Debug(ctx, msg, fields)
}

// isAbsent reports an answer that means "there is none".
func isAbsent(err error) bool {
	return errors.Is(err, trtcapi.ErrNoConfiguration) || errors.Is(err, trtcapi.ErrNoToken)
}

// configured reports whether data came from Configure, as an error
// diagnostic when it did not (a framework contract violation).
func configured(data any, diags *diag.Diagnostics) (*providerData, bool) {
	if data == nil {
		return nil, false // provider not yet configured: validation-only calls
	}
	d, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. Please report this issue.", data))
	}
	return d, ok
}
