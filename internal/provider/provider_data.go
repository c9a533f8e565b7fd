package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

// providerData is what Configure hands to resources and data sources.
type providerData struct {
	client *trtcapi.Client
	// usesUserSig: credentials are a pre-made user_sig (for error hints).
	usesUserSig bool
	// secrets returns every secret value to mask in logs: the key, a
	// pre-made user_sig, and the UserSig currently in use.
	secrets func() []string
	// writes remembers this process's writes to each singleton, so that a
	// replacement within one apply never loses the webhook (ledger.go).
	writes *ledger
	// signFor signs a UserSig for any account of the app (trtc_user_sig);
	// nil when the provider has only a pre-made user_sig. The key stays
	// inside this closure.
	signFor func(identifier string, validFor time.Duration, now time.Time) (string, error)
}

// appID is the provider's SDKAppID as Terraform shows it: the ID of every
// singleton this provider manages.
func (d *providerData) appID() string { return sdkAppIDString(d.client.App().SDKAppID) }

// usersigInText masks a UserSig that reaches a log line some other way,
// e.g. inside a URL.
var usersigInText = regexp.MustCompile(`usersig=[^&\s"]+`)

func newProviderData(s settings, ua string) (*providerData, error) {
	d := &providerData{writes: newLedger()}
	// The one path by which sdk_app_id and identifier reach both the
	// signature and the request's query parameters.
	app := trtcapi.App{SDKAppID: s.sdkAppID, Identifier: s.identifier}
	var creds trtcapi.Credentials
	if s.secretKey != "" {
		signer, err := trtcapi.NewKeySigner(s.secretKey, app, trtcapi.DefaultUserSigTTL)
		if err != nil {
			return nil, err
		}
		// Sign now (microseconds) so the signature is known to the log
		// masks before any request is logged.
		if _, err := signer.UserSig(time.Now()); err != nil {
			return nil, fmt.Errorf("signing a UserSig: %w", err)
		}
		creds, d.secrets = signer, signer.Secrets
		key := s.secretKey
		d.signFor = func(identifier string, validFor time.Duration, now time.Time) (string, error) {
			return usersig.Generate(key, app.SDKAppID, identifier, validFor, nil, now)
		}
	} else {
		static, err := trtcapi.NewStaticUserSig(s.userSig, app)
		if err != nil {
			return nil, fmt.Errorf("user_sig: %w", err)
		}
		creds, d.usesUserSig = static, true
		d.secrets = func() []string { return []string{s.userSig} }
	}
	retry := trtcapi.DefaultRetryPolicy()
	retry.MaxRetries = s.maxRetries
	client, err := trtcapi.New(trtcapi.Config{
		BaseURL:        s.baseURL,
		Credentials:    creds,
		UserAgent:      ua,
		AttemptTimeout: s.requestTimeout,
		Retry:          retry,
		Observer:       logAttempt,
	})
	if err != nil {
		return nil, err
	}
	d.client = client
	return d, nil
}

// withLogMasks returns ctx whose tflog output masks every secret.
func (d *providerData) withLogMasks(ctx context.Context) context.Context {
	secrets := d.secrets()
	ctx = tflog.MaskMessageStrings(ctx, secrets...)
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
	ctx = tflog.MaskMessageRegexes(ctx, usersigInText)
	ctx = tflog.MaskAllFieldValuesRegexes(ctx, usersigInText)
	return tflog.SetField(ctx, "trtc_sdk_app_id", d.appID())
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
	case errors.Is(a.Err, trtcapi.ErrNoConfiguration):
		// An answer, not a failure: the app has no configuration.
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
