package main

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// webhookDataSource is trtc_live_webhook with the real attributes: each
// read waits latency, as a round trip to the mock would, and then answers
// what the bench's mock holds.
type webhookDataSource struct {
	latency time.Duration
}

var _ datasource.DataSource = (*webhookDataSource)(nil)

// webhookModel mirrors the real data source's attributes.
type webhookModel struct {
	ID               types.String `tfsdk:"id"`
	Exists           types.Bool   `tfsdk:"exists"`
	URL              types.String `tfsdk:"url"`
	CallbackCommands types.Set    `tfsdk:"callback_commands"`
}

// The fixed answer: the same app and configuration that planbench puts in
// the mock, so both providers plan states of the same size.
const (
	stubID  = "1400000000"
	stubURL = "https://hooks.example.com/trtc"
)

var stubCommands = []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"}

func (d *webhookDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_live_webhook"
}

func (d *webhookDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id":                schema.StringAttribute{Computed: true},
			"exists":            schema.BoolAttribute{Computed: true},
			"url":               schema.StringAttribute{Computed: true},
			"callback_commands": schema.SetAttribute{Computed: true, ElementType: types.StringType},
		},
	}
}

func (d *webhookDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if err := wait(ctx, d.latency); err != nil {
		resp.Diagnostics.AddError("Read interrupted", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, answer())...)
}

// answer is the fixed state every read returns.
func answer() webhookModel {
	elems := make([]attr.Value, len(stubCommands))
	for i, c := range stubCommands {
		elems[i] = types.StringValue(c)
	}
	return webhookModel{
		ID:               types.StringValue(stubID),
		Exists:           types.BoolValue(true),
		URL:              types.StringValue(stubURL),
		CallbackCommands: types.SetValueMust(types.StringType, elems),
	}
}

// wait sleeps d, or returns ctx's error if ctx ends first.
func wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
