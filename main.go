// Command terraform-provider-trtc is the Terraform provider for Tencent
// Real-Time Communication (TRTC) server-side configuration.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/trtc/terraform-provider-trtc/internal/pluginlog"
	"github.com/trtc/terraform-provider-trtc/internal/provider"
)

// version is stamped at release time by goreleaser (-X main.version=...).
var version = "dev"

func main() {
	var debug, printAddress bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers like delve")
	flag.BoolVar(&printAddress, "print-address", false, "print the provider's source address and exit (for scripts)")
	flag.Parse()
	if printAddress {
		fmt.Println(provider.Address)
		return
	}
	if !debug {
		pluginlog.SilenceDiscarded(os.LookupEnv, os.Setenv)
	}

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         provider.Address,
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
