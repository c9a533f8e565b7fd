package main

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	realprovider "github.com/trtc/terraform-provider-trtc/internal/provider"
)

// The configurations name the data source by what the real provider
// calls it; the stub must answer to the same provider and data source.
func TestStubAnswersToTheRealNames(t *testing.T) {
	ctx := context.Background()
	var p provider.MetadataResponse
	(&stubProvider{}).Metadata(ctx, provider.MetadataRequest{}, &p)
	var d datasource.MetadataResponse
	(&stubDataSource{}).Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: p.TypeName}, &d)
	if p.TypeName != realprovider.TypeName || d.TypeName != dataSourceType() {
		t.Errorf("stub serves %s and %s, want %s and %s", p.TypeName, d.TypeName, realprovider.TypeName, dataSourceType())
	}
}

// Read fills the real schema with benchConfig: stubModel must keep up
// with the real data source's attributes.
func TestStubReadAnswersTheBenchConfig(t *testing.T) {
	ctx := context.Background()
	resp := stubRead(ctx, time.Millisecond)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	var got stubModel
	if diags := resp.State.Get(ctx, &got); diags.HasError() {
		t.Fatal(diags)
	}
	if got.ID.ValueString() != "1400000000" || !got.Exists.ValueBool() || got.URL.ValueString() != benchConfig.URL ||
		len(got.CallbackCommands.Elements()) != len(benchConfig.Commands) {
		t.Errorf("state = %+v", got)
	}
}

func TestStubReadHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	resp := stubRead(ctx, time.Hour)
	if !resp.Diagnostics.HasError() || time.Since(start) > time.Second {
		t.Errorf("cancelled read: diagnostics %v after %s", resp.Diagnostics, time.Since(start))
	}
}

func TestServeStubRejectsABadLatency(t *testing.T) {
	for _, v := range []string{"soon", "-1ms"} {
		if code := serveStub(v, io.Discard); code != 1 {
			t.Errorf("serveStub(%q) = %d, want 1", v, code)
		}
	}
}

func stubRead(ctx context.Context, latency time.Duration) *datasource.ReadResponse {
	d := &stubDataSource{latency: latency}
	var sch datasource.SchemaResponse
	d.Schema(ctx, datasource.SchemaRequest{}, &sch)
	typ := sch.Schema.Type().TerraformType(ctx)
	resp := &datasource.ReadResponse{State: tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(typ, nil)}}
	d.Read(ctx, datasource.ReadRequest{}, resp)
	return resp
}
