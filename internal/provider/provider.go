// Package provider maps Terraform schemas onto the trtcapi client.
package provider

import (
	"context"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/providervalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// TRTCProvider is the trtc provider. version is stamped at build time and
// sent in the User-Agent.
type TRTCProvider struct {
	version string
	// getenv reads fallbacks for unset attributes (os.Getenv outside tests).
	getenv func(string) string
	// ledgerDir holds the ledger ("" for the per-user default); tests give
	// each test its own.
	ledgerDir string
	// run names the Terraform run this process serves (ledger.go).
	run string
	// giftCallInterval spaces two calls of one gift catalogue command (0:
	// TRTC's 1.1 s); tests make it small so that they need not wait.
	giftCallInterval time.Duration
}

var (
	_ provider.Provider                       = (*TRTCProvider)(nil)
	_ provider.ProviderWithConfigValidators   = (*TRTCProvider)(nil)
	_ provider.ProviderWithListResources      = (*TRTCProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*TRTCProvider)(nil)
	_ provider.ProviderWithActions            = (*TRTCProvider)(nil)
)

// New returns a constructor for the provider server.
func New(version string) func() provider.Provider {
	run := currentRun()
	return func() provider.Provider {
		return &TRTCProvider{version: version, getenv: lookupEnv, run: run}
	}
}

func (p *TRTCProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = TypeName
	resp.Version = p.version
}

func (p *TRTCProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	s := schema.Schema{
		MarkdownDescription: "Manages Tencent Real-Time Communication (TRTC) server-side configuration " +
			"through TRTC's REST API. Authenticate with the app's `secret_key` (the provider signs its own " +
			"UserSigs) or a pre-made `user_sig`.",
		Attributes: appAttributes(true),
	}
	s.Attributes[attrMaxRetries] = schema.Int64Attribute{
		MarkdownDescription: "How many times a request is retried after a transient fault or rate limiting, " +
			"within the operation's timeout. Falls back to `" + envMaxRetries + "`, then to 5. `0` disables retries.",
		Optional:   true,
		Validators: []validator.Int64{int64validator.Between(0, 100)},
	}
	s.Attributes[attrRequestTimeout] = schema.StringAttribute{
		MarkdownDescription: "How long one request may take before it is abandoned and retried, as a Go " +
			"duration such as `30s`. Falls back to `" + envRequestTimeout + "`, then to `30s`. Operations " +
			"are bounded separately by each resource's `timeouts`.",
		Optional:   true,
		Validators: []validator.String{positiveDuration()},
	}
	s.Attributes[attrApps] = schema.ListNestedAttribute{
		MarkdownDescription: "More apps for this one provider configuration, each with its own credentials: " +
			"resources, data sources, list resources and `trtc_user_sig` name theirs with `sdk_app_id`. Each " +
			"entry's `identifier`, `region` and `endpoint` fall back to the provider block's, then to their " +
			"environment variables; an entry's own `region` or `endpoint` is its data centre even when the " +
			"provider block sets `endpoint`. Its `secret_key` or `user_sig` falls back to the provider block's, " +
			"then to `" + envSecretKey + "` or `" + envUserSig + "`, as a pair: an entry that sets either uses " +
			"only its own. An app is listed once: an entry may not repeat another, nor the provider's own " +
			"`sdk_app_id`. Every app has its own rate limit, UserSig and connections, and no request ever reaches " +
			"an app with another app's key. One provider process serves them all, where an aliased provider block " +
			"per app starts a process per app.",
		Optional:     true,
		NestedObject: schema.NestedAttributeObject{Attributes: appAttributes(false)},
	}
	resp.Schema = s
}

// appAttributes are the settings of one app: the provider block's own (the
// default app) or those of an apps entry.
func appAttributes(top bool) map[string]schema.Attribute {
	fallback := func(env string) string {
		if top {
			return "Falls back to `" + env + "`"
		}
		return "Falls back to the provider block's, then to `" + env + "`"
	}
	sdkAppID := "The default app's SDKAppID, a whole number from 1 to 4294967295: the app of every resource, data " +
		"source and `trtc_user_sig` without an `sdk_app_id` of its own (a list resource without one lists every " +
		"app). Falls back to `" + envSDKAppID + "`. Without it, list the apps in `apps`, and every object names " +
		"its `sdk_app_id`."
	if !top {
		sdkAppID = "The app's SDKAppID, a whole number from 1 to 4294967295."
	}
	return map[string]schema.Attribute{
		attrSDKAppID: schema.NumberAttribute{
			MarkdownDescription: sdkAppID,
			Optional:            top,
			Required:            !top,
			Validators:          []validator.Number{sdkAppIDValidator{}},
		},
		attrIdentifier: schema.StringAttribute{
			MarkdownDescription: "An App administrator account that signs the requests. " + fallback(envIdentifier) +
				", then to `" + defaultIdentifier + "`, the account every app has.",
			Optional:   true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		attrSecretKey: schema.StringAttribute{
			MarkdownDescription: "The app's secret key, used to sign UserSigs. " + fallback(envSecretKey) +
				". Set this or `user_sig`.",
			Optional:   true,
			Sensitive:  true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		attrUserSig: schema.StringAttribute{
			MarkdownDescription: "A pre-made UserSig for `identifier`, for teams that keep the key elsewhere. " +
				fallback(envUserSig) + ". It cannot be renewed: when it expires, requests fail until it is replaced.",
			Optional:   true,
			Sensitive:  true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		attrRegion: schema.StringAttribute{
			MarkdownDescription: "The data centre that hosts the app: one of `" + strings.Join(trtcapi.Regions(), "`, `") +
				"`. " + fallback(envRegion) + ". Set this or `endpoint`.",
			Optional:   true,
			Validators: []validator.String{stringvalidator.OneOfCaseInsensitive(trtcapi.Regions()...)},
		},
		attrEndpoint: schema.StringAttribute{
			MarkdownDescription: "A base URL that overrides `region`, such as a private gateway. " + fallback(envEndpoint) + ".",
			Optional:            true,
			Validators:          []validator.String{baseURL()},
		},
	}
}

func (p *TRTCProvider) ConfigValidators(context.Context) []provider.ConfigValidator {
	return []provider.ConfigValidator{
		providervalidator.Conflicting(path.MatchRoot(attrSecretKey), path.MatchRoot(attrUserSig)),
	}
}

func (p *TRTCProvider) Resources(context.Context) []func() resource.Resource {
	return append(webhookResources(), newWebhookTokenResource, newGiftResource, newGiftCategoryResource)
}

func (p *TRTCProvider) ListResources(context.Context) []func() list.ListResource {
	return append(webhookLists(), giftLists()...)
}

func (p *TRTCProvider) DataSources(context.Context) []func() datasource.DataSource {
	return append(webhookDataSources(), newWebhookTokenDataSource, newWebhookProbeDataSource, newWebhookEgressIPsDataSource,
		newGiftsDataSource)
}

func (p *TRTCProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{newUserSigEphemeral}
}

func (p *TRTCProvider) Actions(context.Context) []func() action.Action { return webhookActions() }
