// Package pluginlog keeps a provider process from producing logs that
// nobody can see.
//
// The framework's and the provider's loggers default to TRACE and send
// every line over the plugin pipe, even when Terraform runs without TF_LOG
// and throws them away: at 100 data sources that is about a quarter of a
// plan's CPU (make bench). When no logging variable is set, the
// provider-side loggers are switched off at the source; any TF_LOG*
// variable, even empty, leaves the defaults alone.
package pluginlog

import "strings"

// loggingVariables are the variables that ask for provider-side logs.
var loggingVariables = []string{
	"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_TRTC",
	"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK",
}

// SilenceDiscarded sets the provider-side logger levels to "off" unless a
// logging variable is set. Pass os.LookupEnv and os.Setenv.
func SilenceDiscarded(lookup func(string) (string, bool), set func(string, string) error) {
	for _, name := range loggingVariables {
		if _, found := lookup(name); found {
			return
		}
	}
	for _, name := range loggingVariables[2:] {
		_ = set(name, "off")
	}
}

// Silenced reports whether the provider's own logger is off (because
// SilenceDiscarded switched it off, or the user did): nothing it would
// write needs masking then.
func Silenced(lookup func(string) (string, bool)) bool {
	v, _ := lookup("TF_LOG_PROVIDER_TRTC")
	return strings.EqualFold(v, "off")
}
