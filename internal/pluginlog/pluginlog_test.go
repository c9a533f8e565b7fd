package pluginlog

import (
	"maps"
	"slices"
	"testing"
)

func run(env map[string]string) map[string]string {
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	set := func(k, v string) error { env[k] = v; return nil }
	SilenceDiscarded(lookup, set)
	return env
}

func TestSilencedWithoutLoggingVariables(t *testing.T) {
	got := run(map[string]string{"PATH": "/bin"})
	want := []string{"PATH", "TF_LOG_PROVIDER_TRTC", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"}
	if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, want) {
		t.Fatalf("variables = %v, want %v", keys, want)
	}
	for _, k := range want[1:] {
		if got[k] != "off" {
			t.Errorf("%s = %q, want off", k, got[k])
		}
	}
}

func TestAnyLoggingVariableLeavesDefaults(t *testing.T) {
	for _, name := range loggingVariables {
		// Set but empty still counts: the user chose.
		if env := run(map[string]string{name: ""}); len(env) != 1 {
			t.Errorf("with %s set, the environment changed: %v", name, env)
		}
	}
}

func TestSilencedFollowsTheProviderLogger(t *testing.T) {
	if !Silenced(func(k string) (string, bool) { v, ok := run(map[string]string{})[k]; return v, ok }) {
		t.Error("not silenced after SilenceDiscarded without logging variables")
	}
	if Silenced(func(k string) (string, bool) { v, ok := run(map[string]string{"TF_LOG": "TRACE"})[k]; return v, ok }) {
		t.Error("silenced although TF_LOG asks for logs")
	}
}
