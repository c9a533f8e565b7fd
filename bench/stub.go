package main

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/pluginlog"
	realprovider "github.com/trtc/terraform-provider-trtc/internal/provider"
)

// The stub provider is the baseline: a terraform-plugin-framework provider
// at the real provider's address, with its schemas (asked of the real
// provider, so they cannot drift), whose only data source waits the mock's
// latency and answers benchConfig. It sends no request, signs nothing and
// logs nothing, so the time Terraform takes to plan N of its data sources
// is the least any framework provider reaches on the machine and CLI at
// hand. It is this binary: the stub's directory holds a link to planbench
// under the provider's file name, and Terraform starts it with
// stubLatencyVariable set, which makes main serve the stub.
const stubLatencyVariable = "PLANBENCH_STUB_LATENCY"

// serveStub serves the stub provider until Terraform is done with it and
// returns the exit code; latency is stubLatencyVariable's value.
func serveStub(latency string, stderr io.Writer) int {
	d, err := time.ParseDuration(latency)
	if err == nil && d < 0 {
		err = fmt.Errorf("negative latency %s", latency)
	}
	if err == nil {
		pluginlog.SilenceDiscarded(os.LookupEnv, os.Setenv) // as the real provider does
		err = providerserver.Serve(context.Background(), func() provider.Provider { return &stubProvider{latency: d} },
			providerserver.ServeOpts{Address: realprovider.Address, ProtocolVersion: 6})
	}
	if err != nil {
		fmt.Fprintf(stderr, "planbench stub provider: %s: %v\n", stubLatencyVariable, err)
		return 1
	}
	return 0
}

// stubProvider accepts the real provider's configuration and ignores it.
type stubProvider struct {
	latency time.Duration
}

func (p *stubProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = realprovider.TypeName
	resp.Version = "planbench-stub"
}

func (p *stubProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	realprovider.New("planbench-stub")().Schema(ctx, req, resp)
}

// Configure reads nothing: there is no client to build.
func (p *stubProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *stubProvider) Resources(context.Context) []func() resource.Resource { return nil }

func (p *stubProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		func() datasource.DataSource { return &stubDataSource{latency: p.latency} },
	}
}

// stubDataSource is the real live webhook data source's name and schema
// with a Read that only waits.
type stubDataSource struct {
	latency time.Duration
}

func (d *stubDataSource) Metadata(ctx context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	liveDataSource().Metadata(ctx, req, resp)
}

func (d *stubDataSource) Schema(ctx context.Context, req datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	liveDataSource().Schema(ctx, req, resp)
}

// stubModel holds the data source's attributes.
type stubModel struct {
	ID               types.String `tfsdk:"id"`
	SDKAppID         types.Number `tfsdk:"sdk_app_id"`
	Exists           types.Bool   `tfsdk:"exists"`
	URL              types.String `tfsdk:"url"`
	CallbackCommands types.Set    `tfsdk:"callback_commands"`
}

func (d *stubDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	select {
	case <-time.After(d.latency):
	case <-ctx.Done():
		resp.Diagnostics.AddError("Read interrupted", ctx.Err().Error())
		return
	}
	commands := make([]attr.Value, len(benchConfig.Commands))
	for i, c := range benchConfig.Commands {
		commands[i] = types.StringValue(c)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, stubModel{
		ID:               types.StringValue(strconv.Itoa(benchAppID)),
		SDKAppID:         types.NumberValue(new(big.Float).SetInt64(benchAppID)),
		Exists:           types.BoolValue(true),
		URL:              types.StringValue(benchConfig.URL),
		CallbackCommands: types.SetValueMust(types.StringType, commands),
	})...)
}
