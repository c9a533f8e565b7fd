// Command terraform-provider-trtc is the Terraform provider for Tencent
// Real-Time Communication (TRTC) server-side configuration.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

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
		silenceDiscardedLogs(os.LookupEnv, os.Setenv)
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

// Provider and SDK loggers default to TRACE, and every line crosses the
// plugin pipe even when Terraform, with no TF_LOG set, throws it away: at
// 100 data sources that is about a quarter of a plan's CPU (make bench).
// When no logging variable is set, nobody can see these logs, so they are
// turned off at the source. Any TF_LOG* variable leaves everything as is.
var loggingVariables = []string{
	"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_TRTC",
	"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK",
}

func silenceDiscardedLogs(lookup func(string) (string, bool), set func(string, string) error) {
	for _, name := range loggingVariables {
		if _, ok := lookup(name); ok {
			return
		}
	}
	for _, name := range loggingVariables[2:] {
		_ = set(name, "off")
	}
}
