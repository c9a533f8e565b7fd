package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/usersig"
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
}

// settings is the provider configuration after fallbacks, validated.
type settings struct {
	sdkAppID       uint64
	identifier     string
	secretKey      string
	userSig        string
	baseURL        string
	maxRetries     int
	requestTimeout time.Duration
}

func (p *TRTCProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, diags := resolveSettings(m, p.getenv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	data, err := newProviderData(s, userAgent(p.version, req.TerraformVersion))
	if err != nil {
		resp.Diagnostics.AddError("Invalid TRTC provider configuration", err.Error())
		return
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
	resp.EphemeralResourceData = data
}

func userAgent(providerVersion, terraformVersion string) string {
	ua := "terraform-provider-trtc/" + providerVersion + " (+https://registry.terraform.io/providers/trtc/trtc)"
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua
}

// resolveSettings applies env fallbacks and checks the result, naming the
// attribute and its env variable in every error.
func resolveSettings(m providerModel, getenv func(string) string) (settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	for attr, unknown := range map[string]bool{
		attrSDKAppID: m.SDKAppID.IsUnknown(), attrIdentifier: m.Identifier.IsUnknown(),
		attrSecretKey: m.SecretKey.IsUnknown(), attrUserSig: m.UserSig.IsUnknown(),
		attrRegion: m.Region.IsUnknown(), attrEndpoint: m.Endpoint.IsUnknown(),
		attrMaxRetries: m.MaxRetries.IsUnknown(), attrRequestTimeout: m.RequestTimeout.IsUnknown(),
	} {
		if unknown {
			diags.AddAttributeError(path.Root(attr), "Unknown TRTC provider configuration",
				fmt.Sprintf("The value of %s is not known until apply, but the provider needs it to plan. "+
					"Use a value known at plan time, or set it in the environment.", attr))
		}
	}
	if diags.HasError() {
		return settings{}, diags
	}

	var s settings
	s.sdkAppID = resolveSDKAppID(m.SDKAppID, getenv, &diags)
	s.identifier = firstNonEmpty(m.Identifier.ValueString(), getenv(envIdentifier), defaultIdentifier)
	s.secretKey, s.userSig = resolveCredentials(m, getenv, &diags)
	s.baseURL = resolveBaseURL(m, getenv, &diags)
	s.maxRetries = resolveMaxRetries(m.MaxRetries, getenv, &diags)
	s.requestTimeout = resolveRequestTimeout(m.RequestTimeout, getenv, &diags)
	if s.userSig != "" && s.sdkAppID != 0 && !diags.HasError() {
		checkUserSig(s, time.Now(), &diags)
	}
	return s, diags
}

func resolveSDKAppID(v types.Number, getenv func(string) string, diags *diag.Diagnostics) uint64 {
	if !v.IsNull() {
		id, _ := sdkAppIDFromNumber(v.ValueBigFloat()) // the schema's validator has reported any error
		return id
	}
	raw := getenv(envSDKAppID)
	if raw == "" {
		diags.AddAttributeError(path.Root(attrSDKAppID), "Missing SDKAppID",
			"Set sdk_app_id in the provider block, or the "+envSDKAppID+" environment variable, to the app's SDKAppID.")
		return 0
	}
	id, err := parseSDKAppID(raw)
	if err != nil {
		diags.AddAttributeError(path.Root(attrSDKAppID), "Invalid SDKAppID",
			fmt.Sprintf("The %s environment variable %s (SDKAppIDs are 32-bit), got %q.", envSDKAppID, err, raw))
		return 0
	}
	return id
}

// resolveCredentials picks secret_key or user_sig. Configuration in HCL
// wins over the environment; both at the same level is ambiguous.
func resolveCredentials(m providerModel, getenv func(string) string, diags *diag.Diagnostics) (key, sig string) {
	key, sig = m.SecretKey.ValueString(), m.UserSig.ValueString()
	if key != "" || sig != "" {
		return key, sig // both in HCL is rejected by ConfigValidators
	}
	key, sig = getenv(envSecretKey), getenv(envUserSig)
	switch {
	case key != "" && sig != "":
		diags.AddAttributeError(path.Root(attrSecretKey), "Ambiguous TRTC credentials",
			"Both "+envSecretKey+" and "+envUserSig+" are set. Unset one of them, or set secret_key or user_sig in the provider block.")
	case key == "" && sig == "":
		diags.AddAttributeError(path.Root(attrSecretKey), "Missing TRTC credentials",
			"Set secret_key (or the "+envSecretKey+" environment variable) to the app's secret key, "+
				"or user_sig (or "+envUserSig+") to a pre-made UserSig for the identifier.")
	}
	return key, sig
}

func resolveBaseURL(m providerModel, getenv func(string) string, diags *diag.Diagnostics) string {
	if endpoint := firstNonEmpty(m.Endpoint.ValueString(), getenv(envEndpoint)); endpoint != "" {
		if err := checkBaseURL(endpoint); err != nil {
			diags.AddAttributeError(path.Root(attrEndpoint), "Invalid endpoint",
				fmt.Sprintf("endpoint (or %s) %s.", envEndpoint, err))
		}
		return strings.TrimSuffix(endpoint, "/")
	}
	region := firstNonEmpty(m.Region.ValueString(), getenv(envRegion))
	if region == "" {
		diags.AddAttributeError(path.Root(attrRegion), "Missing TRTC region",
			"Set region (or the "+envRegion+" environment variable) to the data centre that hosts the app, one of: "+
				strings.Join(trtcapi.Regions(), ", ")+"; or set endpoint (or "+envEndpoint+") to a base URL.")
		return ""
	}
	base, ok := trtcapi.RegionBaseURL(region)
	if !ok {
		diags.AddAttributeError(path.Root(attrRegion), "Unknown TRTC region",
			fmt.Sprintf("region (or %s) is %q, which is not one of: %s. To reach another gateway, set endpoint (or %s).",
				envRegion, region, strings.Join(trtcapi.Regions(), ", "), envEndpoint))
	}
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

// checkUserSig reads what a pre-made UserSig says about itself, so a
// mismatch is a plan-time error rather than a rejected request.
func checkUserSig(s settings, now time.Time, diags *diag.Diagnostics) {
	claims, err := usersig.Decode(s.userSig)
	switch {
	case err != nil:
		diags.AddAttributeError(path.Root(attrUserSig), "Invalid user_sig",
			"user_sig (or "+envUserSig+") is not a TLSSigAPIv2 UserSig: it does not decode.")
	case claims.SDKAppID != s.sdkAppID:
		diags.AddAttributeError(path.Root(attrUserSig), "user_sig is for another app",
			fmt.Sprintf("user_sig was issued for SDKAppID %d, but sdk_app_id is %d.", claims.SDKAppID, s.sdkAppID))
	case claims.Identifier != s.identifier:
		diags.AddAttributeError(path.Root(attrUserSig), "user_sig is for another identifier",
			fmt.Sprintf("user_sig was issued for identifier %q, but identifier is %q (set identifier, or %s, to match).",
				claims.Identifier, s.identifier, envIdentifier))
	case !now.Before(claims.ExpiresAt()):
		diags.AddAttributeError(path.Root(attrUserSig), "user_sig has expired",
			fmt.Sprintf("user_sig expired at %s. Generate a new one, or set secret_key so the provider signs its own.",
				claims.ExpiresAt().UTC().Format(time.RFC3339)))
	}
}

func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return errors.New("is not a URL")
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("must start with http:// or https://, got %q", raw)
	case u.Host == "":
		return fmt.Errorf("has no host: %q", raw)
	case u.User != nil:
		return errors.New("must not contain credentials")
	case u.RawQuery != "" || u.Fragment != "":
		return fmt.Errorf("must not have a query or fragment: %q", raw)
	}
	return nil
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
