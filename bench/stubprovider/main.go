// Command stubprovider is planbench's baseline: a terraform-plugin-framework
// provider with the trtc provider's address and schema whose only data
// source, trtc_live_webhook, waits the mock's latency and answers fixed
// values. It sends no request, signs nothing and logs nothing, so the time
// Terraform takes to plan N of its data sources is the least any framework
// provider can reach on the machine and CLI at hand. planbench builds it
// and points dev_overrides at it; it is not meant to be used otherwise.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/trtc/terraform-provider-trtc/internal/pluginlog"
)

// address must be the real provider's, so that the same configurations
// resolve to the stub through dev_overrides.
const address = "registry.terraform.io/trtc/trtc"

func main() {
	latency, err := latencyFromEnv(os.LookupEnv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "stubprovider: %v\n", err)
		os.Exit(1)
	}
	pluginlog.SilenceDiscarded(os.LookupEnv, os.Setenv) // as the real provider does

	err = providerserver.Serve(context.Background(), newProvider(latency), providerserver.ServeOpts{
		Address:         address,
		ProtocolVersion: 6,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "stubprovider: %v\n", err)
		os.Exit(1)
	}
}
