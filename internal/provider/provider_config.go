package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// Provider attributes and the environment variables they fall back to.
// The framework has no defaults for provider attributes, so fallbacks are
// resolved here, in Configure.
const (
	attrSDKAppID       = "sdk_app_id"
	attrIdentifier     = "identifier"
	attrSecretKey      = "secret_key"
	attrUserSig        = "user_sig"
	attrRegion         = "region"
	attrEndpoint       = "endpoint"
	attrMaxRetries     = "max_retries"
	attrRequestTimeout = "request_timeout"
	attrApps           = "apps"

	envSDKAppID       = "TRTC_SDK_APP_ID"
	envIdentifier     = "TRTC_IDENTIFIER"
	envSecretKey      = "TRTC_SECRET_KEY"
	envUserSig        = "TRTC_USER_SIG"
	envRegion         = "TRTC_REGION"
	envEndpoint       = "TRTC_ENDPOINT"
	envMaxRetries     = "TRTC_MAX_RETRIES"
	envRequestTimeout = "TRTC_REQUEST_TIMEOUT"

	defaultIdentifier = "administrator"
)

func lookupEnv(name string) string { return strings.TrimSpace(os.Getenv(name)) }

type providerModel struct {
	SDKAppID       types.Number `tfsdk:"sdk_app_id"`
	Identifier     types.String `tfsdk:"identifier"`
	SecretKey      types.String `tfsdk:"secret_key"`
	UserSig        types.String `tfsdk:"user_sig"`
	Region         types.String `tfsdk:"region"`
	Endpoint       types.String `tfsdk:"endpoint"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	Apps           types.List   `tfsdk:"apps"`
}

// appModel is one entry of apps.
type appModel struct {
	SDKAppID   types.Number `tfsdk:"sdk_app_id"`
	Identifier types.String `tfsdk:"identifier"`
	SecretKey  types.String `tfsdk:"secret_key"`
	UserSig    types.String `tfsdk:"user_sig"`
	Region     types.String `tfsdk:"region"`
	Endpoint   types.String `tfsdk:"endpoint"`
}

// settings is the provider configuration after fallbacks: the default app
// (nil when the provider block names none), the apps entries, and what
// every app shares.
type settings struct {
	defaultApp     *appSettings
	apps           []appSettings
	maxRetries     int
	requestTimeout time.Duration
}

// appSettings is one app's configuration after fallbacks, with where each
// value came from, so an error points at what the user wrote.
type appSettings struct {
	sdkAppID   uint64
	identifier setting
	secretKey  setting
	userSig    setting
	baseURL    setting
	// viaRegion: the base URL is a region's, not an endpoint.
	viaRegion bool
	// entry is the apps entry ("apps[1]"), or "" for the default app.
	entry string
	at    path.Path // the entry, or the provider block's root
}

// setting is one resolved value and where it came from.
type setting struct {
	value string
	// attr is the attribute that holds it, as a path and as text
	// ("apps[1].endpoint", "endpoint"); env is the variable it came from
	// instead, if any.
	attr path.Path
	name string
	env  string
}

// describe names the setting as a user would look for it: "endpoint (or
// TRTC_ENDPOINT)", or "apps[1].endpoint".
func (s setting) describe() string {
	if s.env != "" && !strings.Contains(s.name, ".") {
		return s.name + " (or " + s.env + ")"
	}
	return s.name
}

func (p *TRTCProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, diags := resolveSettings(ctx, m, p.getenv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	data, diags := newProviderData(s, providerOptions{
		userAgent: userAgent(p.version, req.TerraformVersion),
		ledgerDir: p.ledgerDir,
		run:       p.run,

		giftCallInterval: p.giftCallInterval,
	})
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
	resp.EphemeralResourceData = data
	resp.ActionData = data
}

func userAgent(providerVersion, terraformVersion string) string {
	ua := "terraform-provider-" + TypeName + "/" + providerVersion + " (+https://" + Address + ")"
	ua = strings.Replace(ua, "https://registry.terraform.io/", "https://registry.terraform.io/providers/", 1)
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua
}

// resolveSettings applies the fallbacks (an apps entry, then the provider
// block, then the environment) and checks what only the provider can:
// which apps exist and that none is configured twice. What each value must
// look like, the client checks (newProviderData).
func resolveSettings(ctx context.Context, m providerModel, getenv func(string) string) (settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	for attr, unknown := range map[string]bool{
		attrSDKAppID: m.SDKAppID.IsUnknown(), attrIdentifier: m.Identifier.IsUnknown(),
		attrSecretKey: m.SecretKey.IsUnknown(), attrUserSig: m.UserSig.IsUnknown(),
		attrRegion: m.Region.IsUnknown(), attrEndpoint: m.Endpoint.IsUnknown(),
		attrMaxRetries: m.MaxRetries.IsUnknown(), attrRequestTimeout: m.RequestTimeout.IsUnknown(),
		attrApps: m.Apps.IsUnknown(),
	} {
		if unknown {
			diags.Append(unknownSetting(path.Root(attr)))
		}
	}
	var entries []appModel
	if !m.Apps.IsNull() && !m.Apps.IsUnknown() {
		diags.Append(m.Apps.ElementsAs(ctx, &entries, false)...)
	}
	for i, e := range entries {
		at := path.Root(attrApps).AtListIndex(i)
		for attr, unknown := range map[string]bool{
			attrSDKAppID: e.SDKAppID.IsUnknown(), attrIdentifier: e.Identifier.IsUnknown(),
			attrSecretKey: e.SecretKey.IsUnknown(), attrUserSig: e.UserSig.IsUnknown(),
			attrRegion: e.Region.IsUnknown(), attrEndpoint: e.Endpoint.IsUnknown(),
		} {
			if unknown {
				diags.Append(unknownSetting(at.AtName(attr)))
			}
		}
	}
	if diags.HasError() {
		return settings{}, diags
	}

	s := settings{
		maxRetries:     resolveMaxRetries(m.MaxRetries, getenv, &diags),
		requestTimeout: resolveRequestTimeout(m.RequestTimeout, getenv, &diags),
	}
	top := appModel{Identifier: m.Identifier, SecretKey: m.SecretKey, UserSig: m.UserSig, Region: m.Region, Endpoint: m.Endpoint}
	if id, ok := resolveDefaultSDKAppID(m.SDKAppID, getenv, len(entries) > 0, &diags); ok {
		a := resolveApp(appModel{}, top, "", path.Empty(), getenv, &diags)
		a.sdkAppID = id
		s.defaultApp = &a
	}
	seen := map[uint64]string{}
	if s.defaultApp != nil {
		seen[s.defaultApp.sdkAppID] = "the provider's sdk_app_id"
	}
	for i, e := range entries {
		entry := fmt.Sprintf("%s[%d]", attrApps, i)
		at := path.Root(attrApps).AtListIndex(i)
		id, err := sdkAppIDFromNumber(e.SDKAppID.ValueBigFloat())
		if err != nil {
			continue // the schema's validator has said so
		}
		if first, dup := seen[id]; dup {
			diags.AddAttributeError(at.AtName(attrSDKAppID), "SDKAppID configured twice", fmt.Sprintf(
				"%s.sdk_app_id is %d, which %s already configures. Configure each app once: the provider's own "+
					"sdk_app_id is the default app, and each apps entry is one more.", entry, id, first))
			continue
		}
		seen[id] = entry
		a := resolveApp(e, top, entry, at, getenv, &diags)
		a.sdkAppID = id
		s.apps = append(s.apps, a)
	}
	return s, diags
}

func unknownSetting(p path.Path) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(p, "Unknown TRTC provider configuration",
		fmt.Sprintf("The value of %s is not known until apply, but the provider needs it to plan. "+
			"Use a value known at plan time, or set it in the environment.", p))
}

// resolveDefaultSDKAppID is the default app's SDKAppID, from the provider
// block or TRTC_SDK_APP_ID. Without one, the provider needs apps.
func resolveDefaultSDKAppID(v types.Number, getenv func(string) string, hasApps bool, diags *diag.Diagnostics) (uint64, bool) {
	if !v.IsNull() {
		id, err := sdkAppIDFromNumber(v.ValueBigFloat())
		return id, err == nil // the schema's validator has reported any error
	}
	raw := getenv(envSDKAppID)
	switch {
	case raw == "" && hasApps:
		return 0, false // no default app: every resource names its sdk_app_id
	case raw == "":
		diags.AddAttributeError(path.Root(attrSDKAppID), "Missing SDKAppID",
			"Set sdk_app_id in the provider block, or the "+envSDKAppID+" environment variable, to the app's SDKAppID "+
				"(or list the apps in apps).")
		return 0, false
	}
	id, err := trtcapi.ParseSDKAppID(raw)
	if err != nil {
		diags.AddAttributeError(path.Root(attrSDKAppID), "Invalid SDKAppID",
			fmt.Sprintf("The %s environment variable %s (SDKAppIDs are 32-bit), got %q.", envSDKAppID, err, raw))
		return 0, false
	}
	return id, true
}

// resolveApp resolves one app's settings: its entry's own values, then the
// provider block's (top), then the environment.
func resolveApp(e, top appModel, entry string, at path.Path, getenv func(string) string, diags *diag.Diagnostics) appSettings {
	a := appSettings{entry: entry, at: at}
	pick := func(attr string, own, shared types.String, env string) setting {
		switch {
		case own.ValueString() != "" && entry == "":
			return setting{value: own.ValueString(), attr: path.Root(attr), name: attr}
		case own.ValueString() != "":
			return setting{value: own.ValueString(), attr: at.AtName(attr), name: entry + "." + attr}
		case shared.ValueString() != "":
			return setting{value: shared.ValueString(), attr: path.Root(attr), name: attr}
		case env != "" && getenv(env) != "":
			return setting{value: getenv(env), attr: path.Root(attr), name: attr, env: env}
		}
		return setting{attr: path.Root(attr), name: attr, env: env}
	}
	if entry == "" {
		e = top // the default app's own values are the provider block's
	}
	a.identifier = pick(attrIdentifier, e.Identifier, top.Identifier, envIdentifier)
	if a.identifier.value == "" {
		a.identifier.value = defaultIdentifier
	}
	a.secretKey, a.userSig = resolveCredentials(e, top, entry, at, pick, getenv, diags)
	if entry != "" && e.Endpoint.ValueString() == "" && e.Region.ValueString() != "" {
		// An entry's own region is where its app is hosted: the provider
		// block's endpoint (or TRTC_ENDPOINT) is the default app's.
		a.baseURL, a.viaRegion = resolveRegion(pick(attrRegion, e.Region, types.StringNull(), ""), entry, at, diags), true
		return a
	}
	a.baseURL = pick(attrEndpoint, e.Endpoint, top.Endpoint, envEndpoint)
	if a.baseURL.value == "" {
		a.baseURL, a.viaRegion = resolveRegion(pick(attrRegion, e.Region, top.Region, envRegion), entry, at, diags), true
	}
	return a
}

// resolveCredentials picks secret_key or user_sig, the first level that
// sets either (an entry, the provider block, the environment); both at one
// level is ambiguous.
func resolveCredentials(e, top appModel, entry string, at path.Path,
	pick func(string, types.String, types.String, string) setting, getenv func(string) string, diags *diag.Diagnostics,
) (key, sig setting) {
	levels := []struct {
		key, sig types.String
		where    string
	}{{e.SecretKey, e.UserSig, entry}, {top.SecretKey, top.UserSig, ""}}
	for i, l := range levels {
		if l.key.ValueString() == "" && l.sig.ValueString() == "" {
			continue
		}
		if l.key.ValueString() != "" && l.sig.ValueString() != "" && l.where != "" {
			diags.AddAttributeError(at.AtName(attrSecretKey), "Ambiguous TRTC credentials",
				fmt.Sprintf("%s sets both secret_key and user_sig. Keep one of them.", l.where))
		}
		if i == 0 {
			// Both from the entry: an entry's user_sig is never signed
			// over with the provider block's secret_key.
			none := types.StringNull()
			return pick(attrSecretKey, e.SecretKey, none, ""), pick(attrUserSig, e.UserSig, none, "")
		}
		return pick(attrSecretKey, e.SecretKey, top.SecretKey, ""), pick(attrUserSig, e.UserSig, top.UserSig, "")
	}
	key = setting{value: getenv(envSecretKey), attr: path.Root(attrSecretKey), name: attrSecretKey, env: envSecretKey}
	sig = setting{value: getenv(envUserSig), attr: path.Root(attrUserSig), name: attrUserSig, env: envUserSig}
	switch {
	case key.value != "" && sig.value != "":
		diags.AddAttributeError(path.Root(attrSecretKey), "Ambiguous TRTC credentials",
			"Both "+envSecretKey+" and "+envUserSig+" are set. Unset one of them, or set secret_key or user_sig in the provider block.")
	case key.value == "" && sig.value == "":
		where, p := "", path.Root(attrSecretKey)
		if entry != "" {
			where, p = " for "+entry, at.AtName(attrSecretKey)
		}
		diags.AddAttributeError(p, "Missing TRTC credentials",
			"Set secret_key"+where+" (or the "+envSecretKey+" environment variable) to the app's secret key, "+
				"or user_sig (or "+envUserSig+") to a pre-made UserSig for the identifier.")
	}
	return key, sig
}

func resolveRegion(region setting, entry string, at path.Path, diags *diag.Diagnostics) setting {
	base := setting{attr: region.attr, name: region.name, env: region.env}
	if region.value == "" {
		p := path.Root(attrRegion)
		if entry != "" {
			p = at.AtName(attrRegion)
		}
		diags.AddAttributeError(p, "Missing TRTC region",
			"Set region (or the "+envRegion+" environment variable) to the data centre that hosts the app, one of: "+
				strings.Join(trtcapi.Regions(), ", ")+"; or set endpoint (or "+envEndpoint+") to a base URL.")
		return base
	}
	url, ok := trtcapi.RegionBaseURL(region.value)
	if !ok {
		diags.AddAttributeError(region.attr, "Unknown TRTC region",
			fmt.Sprintf("%s is %q, which is not one of: %s. To reach another gateway, set endpoint (or %s).",
				region.describe(), region.value, strings.Join(trtcapi.Regions(), ", "), envEndpoint))
	}
	base.value = url
	return base
}

func resolveMaxRetries(v types.Int64, getenv func(string) string, diags *diag.Diagnostics) int {
	if !v.IsNull() {
		return int(v.ValueInt64())
	}
	raw := getenv(envMaxRetries)
	if raw == "" {
		return trtcapi.DefaultMaxRetries
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > 100 {
		diags.AddAttributeError(path.Root(attrMaxRetries), "Invalid max_retries",
			fmt.Sprintf("The %s environment variable must be an integer from 0 to 100, got %q.", envMaxRetries, raw))
	}
	return n
}

func resolveRequestTimeout(v types.String, getenv func(string) string, diags *diag.Diagnostics) time.Duration {
	raw := firstNonEmpty(v.ValueString(), getenv(envRequestTimeout))
	if raw == "" {
		return trtcapi.DefaultAttemptTimeout
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d <= 0 {
		diags.AddAttributeError(path.Root(attrRequestTimeout), "Invalid request_timeout",
			fmt.Sprintf("request_timeout (or %s) must be a positive duration such as \"30s\", got %q.", envRequestTimeout, raw))
	}
	return d
}

// configDiagnostic maps what the client refused to the attribute a user
// set: the one place where client configuration errors become diagnostics.
func (a appSettings) configDiagnostic(err error) diag.Diagnostic {
	var ce *trtcapi.ConfigError
	var ue *trtcapi.UserSigError
	switch {
	case errors.As(err, &ue):
		return a.userSigDiagnostic(ue)
	case errors.As(err, &ce):
		s := map[trtcapi.Setting]setting{
			trtcapi.SettingBaseURL: a.baseURL, trtcapi.SettingIdentifier: a.identifier,
			trtcapi.SettingSecretKey: a.secretKey, trtcapi.SettingUserSig: a.userSig,
		}[ce.Setting]
		if ce.Setting == trtcapi.SettingSDKAppID {
			s = setting{attr: a.at.AtName(attrSDKAppID), name: attrSDKAppID}
		}
		return diag.NewAttributeErrorDiagnostic(s.attr, ce.Summary, s.describe()+" "+ce.Reason+".")
	}
	return diag.NewAttributeErrorDiagnostic(a.at, "Invalid TRTC provider configuration", err.Error())
}

func (a appSettings) userSigDiagnostic(e *trtcapi.UserSigError) diag.Diagnostic {
	s := a.userSig
	appID := "sdk_app_id"
	if a.entry != "" {
		appID = a.entry + ".sdk_app_id"
	}
	switch e.Problem {
	case trtcapi.UserSigOtherApp:
		return diag.NewAttributeErrorDiagnostic(s.attr, "user_sig is for another app",
			fmt.Sprintf("%s was issued for SDKAppID %d, but %s is %d.", s.name, e.Claimed.SDKAppID, appID, e.Want.SDKAppID))
	case trtcapi.UserSigOtherIdentifier:
		return diag.NewAttributeErrorDiagnostic(s.attr, "user_sig is for another identifier",
			fmt.Sprintf("%s was issued for identifier %q, but identifier is %q (set identifier, or %s, to match).",
				s.name, e.Claimed.Identifier, e.Want.Identifier, envIdentifier))
	case trtcapi.UserSigExpired:
		return diag.NewAttributeErrorDiagnostic(s.attr, "user_sig has expired",
			fmt.Sprintf("%s expired at %s. Generate a new one, or set secret_key so the provider signs its own.",
				s.name, e.ExpiredAt.UTC().Format(time.RFC3339)))
	}
	return diag.NewAttributeErrorDiagnostic(s.attr, "Invalid user_sig",
		s.describe()+" is not a TLSSigAPIv2 UserSig: it does not decode.")
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
