package main

import (
	"maps"
	"slices"
	"testing"
)

func TestSilenceDiscardedLogs(t *testing.T) {
	run := func(env map[string]string) map[string]string {
		lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
		set := func(k, v string) error { env[k] = v; return nil }
		silenceDiscardedLogs(lookup, set)
		return env
	}
	got := run(map[string]string{"PATH": "/bin"})
	want := []string{"PATH", "TF_LOG_PROVIDER_TRTC", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"}
	if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, want) || got["TF_LOG_SDK"] != "off" {
		t.Errorf("without logging variables: %v", got)
	}
	for _, name := range loggingVariables {
		env := run(map[string]string{name: "DEBUG"})
		if len(env) != 1 {
			t.Errorf("with %s set, the environment changed: %v", name, env)
		}
	}
}
