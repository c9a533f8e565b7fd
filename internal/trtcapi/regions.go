package trtcapi

import (
	"slices"
	"strings"
)

// regionDomains maps the provider's region names to the REST API domain of
// each data centre. An SDKAppID lives in exactly one of them; any other
// answers 70016/70020.
var regionDomains = map[string]string{
	"china":     "console.tim.qq.com",
	"singapore": "adminapisgp.im.qcloud.com",
	"usa":       "adminapiusa.im.qcloud.com",
	"korea":     "adminapikr.im.qcloud.com",
	"germany":   "adminapiger.im.qcloud.com",
	"india":     "adminapiind.im.qcloud.com",
	"indonesia": "adminapiidn.im.qcloud.com",
}

// Regions lists the known region names, sorted.
func Regions() []string {
	names := make([]string, 0, len(regionDomains))
	for name := range regionDomains {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// RegionBaseURL returns the HTTPS base URL of a region, matched case-insensitively.
func RegionBaseURL(region string) (string, bool) {
	domain, ok := regionDomains[strings.ToLower(strings.TrimSpace(region))]
	if !ok {
		return "", false
	}
	return "https://" + domain, true
}
