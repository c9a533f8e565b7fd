package main

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// stubProvider accepts the real provider's configuration and ignores it.
type stubProvider struct {
	latency time.Duration
}

var _ provider.Provider = (*stubProvider)(nil)

func newProvider(latency time.Duration) func() provider.Provider {
	return func() provider.Provider { return &stubProvider{latency: latency} }
}

func (p *stubProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "trtc"
	resp.Version = "planbench-stub"
}

// Schema has the real provider's attribute names and types, all optional
// and without validators or descriptions: the least a provider can declare
// and still accept the same HCL.
func (p *stubProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"sdk_app_id":      schema.Int64Attribute{Optional: true},
			"identifier":      schema.StringAttribute{Optional: true},
			"secret_key":      schema.StringAttribute{Optional: true, Sensitive: true},
			"user_sig":        schema.StringAttribute{Optional: true, Sensitive: true},
			"region":          schema.StringAttribute{Optional: true},
			"endpoint":        schema.StringAttribute{Optional: true},
			"max_retries":     schema.Int64Attribute{Optional: true},
			"request_timeout": schema.StringAttribute{Optional: true},
		},
	}
}

// Configure reads nothing: there is no client to build.
func (p *stubProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *stubProvider) Resources(context.Context) []func() resource.Resource { return nil }

func (p *stubProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		func() datasource.DataSource { return &webhookDataSource{latency: p.latency} },
	}
}
