package provider

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// What every list resource shares: the apps a list block reads, and
// reading them all at once.

// listParallelism bounds the apps read at once, as Terraform bounds reads.
const listParallelism = 10

// listedApps are the apps a list block names: the one its sdk_app_id
// names, or, without one, every app the provider holds.
func (d *providerData) listedApps(ctx context.Context, config tfsdk.Config) ([]*app, diag.Diagnostics) {
	var sdkAppID types.Number
	diags := config.GetAttribute(ctx, pathSDKAppID, &sdkAppID)
	if sdkAppID.IsNull() || diags.HasError() {
		return d.order, diags
	}
	a, _ := d.bindConfigured(&diags, pathSDKAppID, sdkAppID)
	return []*app{a}, diags
}

// readEachApp reads every app at once, listParallelism at a time, each
// within its own read timeout and log masks, and returns the answers in
// the apps' order.
func readEachApp[T any](ctx context.Context, d *providerData, apps []*app, read func(context.Context, *app) (T, error)) ([]T, []error) {
	got, errs := make([]T, len(apps)), make([]error, len(apps))
	var wg sync.WaitGroup
	turns := make(chan struct{}, listParallelism)
	for i, a := range apps {
		wg.Go(func() {
			turns <- struct{}{}
			defer func() { <-turns }()
			actx, cancel := context.WithTimeout(d.withLogMasks(ctx, a), defaultReadTimeout)
			defer cancel()
			got[i], errs[i] = read(actx, a)
		})
	}
	wg.Wait()
	return got, errs
}
