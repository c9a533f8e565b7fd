package main

import (
	"fmt"
	"time"
)

// latencyVariable holds how long every read waits, as a Go duration.
const (
	latencyVariable = "PLANBENCH_STUB_LATENCY"
	defaultLatency  = 50 * time.Millisecond
)

// latencyFromEnv is the read latency: latencyVariable when set, else
// defaultLatency.
func latencyFromEnv(lookup func(string) (string, bool)) (time.Duration, error) {
	v, ok := lookup(latencyVariable)
	if !ok || v == "" {
		return defaultLatency, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", latencyVariable, err)
	}
	if d < 0 {
		return 0, fmt.Errorf("%s must not be negative, got %s", latencyVariable, v)
	}
	return d, nil
}

// The same rule as the real provider's main package, restated here because
// a main package cannot be imported: the framework's and the provider's
// loggers send every line over the plugin pipe, even when Terraform runs
// without TF_LOG and drops them. When none of these variables is set, the
// provider-side loggers are switched off; any one of them being set keeps
// the defaults, so both binaries log, or stay quiet, alike.
var loggingVariables = []string{
	"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_TRTC",
	"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK",
}

// silencedVariables are the ones set to "off".
var silencedVariables = []string{
	"TF_LOG_PROVIDER_TRTC", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK",
}

func silenceDiscardedLogs(lookup func(string) (string, bool), set func(string, string) error) {
	for _, name := range loggingVariables {
		if _, found := lookup(name); found {
			return
		}
	}
	for _, name := range silencedVariables {
		_ = set(name, "off")
	}
}
