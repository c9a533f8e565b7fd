// Command terraform-provider-trtc is the Terraform provider for Tencent
// Real-Time Communication (TRTC) server-side configuration.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/trtc/terraform-provider-trtc/internal/pluginlog"
	"github.com/trtc/terraform-provider-trtc/internal/provider"
)

// version is stamped at release time by goreleaser (-X main.version=...).
var version = "dev"

// address is the provider's source address, declared only here.
const address = "registry.terraform.io/trtc/trtc"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers like delve")
	flag.Parse()
	if !debug {
		pluginlog.SilenceDiscarded(os.LookupEnv, os.Setenv)
	}

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         address,
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
