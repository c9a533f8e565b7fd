package trtcapi

import (
	"slices"
	"strings"
	"testing"
)

func TestRegions(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"china":     "https://console.tim.qq.com",
		"singapore": "https://adminapisgp.im.qcloud.com",
		"usa":       "https://adminapiusa.im.qcloud.com",
		"korea":     "https://adminapikr.im.qcloud.com",
		"germany":   "https://adminapiger.im.qcloud.com",
		"india":     "https://adminapiind.im.qcloud.com",
		"indonesia": "https://adminapiidn.im.qcloud.com",
	}
	names := Regions()
	if len(names) != len(want) || !slices.IsSorted(names) {
		t.Errorf("Regions() = %v, want the %d regions sorted", names, len(want))
	}
	for _, name := range names {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected region %q", name)
		}
	}
	for name, base := range want {
		for _, spelling := range []string{name, strings.ToUpper(name), strings.ToUpper(name[:1]) + name[1:], " " + name + " "} {
			got, ok := RegionBaseURL(spelling)
			if !ok || got != base {
				t.Errorf("RegionBaseURL(%q) = %q, %v; want %q", spelling, got, ok, base)
			}
		}
		if _, err := New(testConfig(t, base)); err != nil {
			t.Errorf("%s: New rejects %s: %v", name, base, err)
		}
	}
	for _, bad := range []string{"", "europe", "sgp", "china2", "console.tim.qq.com"} {
		if got, ok := RegionBaseURL(bad); ok || got != "" {
			t.Errorf("RegionBaseURL(%q) = %q, %v", bad, got, ok)
		}
	}
	// The caller's slice is its own.
	names[0] = "mutated"
	if Regions()[0] == "mutated" {
		t.Error("Regions shares its slice")
	}
}
