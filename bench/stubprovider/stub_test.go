package main

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	realprovider "github.com/trtc/terraform-provider-trtc/internal/provider"
)

func env(vars map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}
}

func TestLatencyFromEnv(t *testing.T) {
	for _, c := range []struct {
		vars map[string]string
		want time.Duration
		err  bool
	}{
		{nil, 50 * time.Millisecond, false},
		{map[string]string{latencyVariable: ""}, 50 * time.Millisecond, false},
		{map[string]string{latencyVariable: "20ms"}, 20 * time.Millisecond, false},
		{map[string]string{latencyVariable: "0"}, 0, false},
		{map[string]string{latencyVariable: "soon"}, 0, true},
		{map[string]string{latencyVariable: "-1ms"}, 0, true},
	} {
		got, err := latencyFromEnv(env(c.vars))
		if (err != nil) != c.err || got != c.want {
			t.Errorf("latencyFromEnv(%v) = %s, %v; want %s, error %v", c.vars, got, err, c.want, c.err)
		}
	}
}

// The stub must accept exactly the HCL the real provider accepts, so its
// schemas must carry the same attribute names and types.
func TestSchemasMatchTheRealProvider(t *testing.T) {
	ctx := context.Background()
	var realResp, stubResp provider.SchemaResponse
	realprovider.New("test")().Schema(ctx, provider.SchemaRequest{}, &realResp)
	newProvider(0)().Schema(ctx, provider.SchemaRequest{}, &stubResp)
	realAttrs, stubAttrs := realResp.Schema.GetAttributes(), stubResp.Schema.GetAttributes()
	if got, want := slices.Sorted(maps.Keys(stubAttrs)), slices.Sorted(maps.Keys(realAttrs)); !slices.Equal(got, want) {
		t.Fatalf("provider attributes %v, want %v", got, want)
	}
	for name, a := range stubAttrs {
		if !a.GetType().Equal(realAttrs[name].GetType()) {
			t.Errorf("provider attribute %s: type %s, want %s", name, a.GetType(), realAttrs[name].GetType())
		}
		if !a.IsOptional() || a.IsRequired() {
			t.Errorf("provider attribute %s is not optional", name)
		}
	}

	var realDS, stubDS datasource.SchemaResponse
	realprovider.NewLiveWebhookDataSource().Schema(ctx, datasource.SchemaRequest{}, &realDS)
	(&webhookDataSource{}).Schema(ctx, datasource.SchemaRequest{}, &stubDS)
	if got, want := stubDS.Schema.Type(), realDS.Schema.Type(); !got.Equal(want) {
		t.Errorf("data source type %s, want %s", got, want)
	}

	var realName, stubName datasource.MetadataResponse
	realprovider.NewLiveWebhookDataSource().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "trtc"}, &realName)
	(&webhookDataSource{}).Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "trtc"}, &stubName)
	if stubName.TypeName != realName.TypeName || stubName.TypeName != "trtc_live_webhook" {
		t.Errorf("data source name %q, want %q", stubName.TypeName, realName.TypeName)
	}
}

func TestReadSetsTheFixedAnswer(t *testing.T) {
	ctx := context.Background()
	d := &webhookDataSource{latency: time.Millisecond}
	var sch datasource.SchemaResponse
	d.Schema(ctx, datasource.SchemaRequest{}, &sch)
	resp := readWith(ctx, d, sch.Schema)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	var got webhookModel
	if diags := resp.State.Get(ctx, &got); diags.HasError() {
		t.Fatal(diags)
	}
	if got.ID.ValueString() != stubID || !got.Exists.ValueBool() || got.URL.ValueString() != stubURL ||
		len(got.CallbackCommands.Elements()) != len(stubCommands) {
		t.Errorf("state = %+v", got)
	}
}

func TestReadHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := &webhookDataSource{latency: time.Hour}
	var sch datasource.SchemaResponse
	d.Schema(ctx, datasource.SchemaRequest{}, &sch)
	start := time.Now()
	resp := readWith(ctx, d, sch.Schema)
	if !resp.Diagnostics.HasError() || time.Since(start) > time.Second {
		t.Errorf("cancelled read: diagnostics %v after %s", resp.Diagnostics, time.Since(start))
	}
}

func TestWait(t *testing.T) {
	if err := wait(context.Background(), 0); err != nil {
		t.Error(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	if err := wait(ctx, time.Hour); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("wait past the deadline = %v", err)
	}
}

func readWith(ctx context.Context, d *webhookDataSource, sch dsschema.Schema) *datasource.ReadResponse {
	typ := sch.Type().TerraformType(ctx)
	resp := &datasource.ReadResponse{State: tfsdk.State{Schema: sch, Raw: tftypes.NewValue(typ, nil)}}
	d.Read(ctx, datasource.ReadRequest{}, resp)
	return resp
}
