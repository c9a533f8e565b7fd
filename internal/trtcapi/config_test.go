package trtcapi

import (
	"errors"
	"testing"
	"time"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// Every configuration the client refuses is a *ConfigError (or, for a
// pre-made UserSig, a *UserSigError) naming the setting, so the provider
// can point at the attribute the user set.
func TestConfigErrorsNameTheSetting(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"":                        "must start with http:// or https://",
		"ftp://a.example.com":     `must start with http:// or https://, got "ftp://a.example.com"`,
		"https://":                `has no host: "https://"`,
		"https://u:p@a.example":   "must not contain credentials",
		"https://a.example.com?x": `must not have a query or fragment`,
		"https://a.example.com#f": `must not have a query or fragment`,
	} {
		var ce *ConfigError
		if err := CheckBaseURL(raw); !errors.As(err, &ce) || ce.Setting != SettingBaseURL || ce.Reason[:len(want)] != want {
			t.Errorf("CheckBaseURL(%q) = %v, want a base URL error starting %q", raw, err, want)
		}
	}
	for _, ok := range []string{"https://adminapisgp.im.qcloud.com", "http://127.0.0.1:8080/", "https://gw.example.com/trtc/v4"} {
		if err := CheckBaseURL(ok); err != nil {
			t.Errorf("CheckBaseURL(%q) = %v", ok, err)
		}
	}
	for _, raw := range []string{"0", "4294967296", "-1", "1.5", "app"} {
		var ce *ConfigError
		if _, err := ParseSDKAppID(raw); !errors.As(err, &ce) || ce.Setting != SettingSDKAppID {
			t.Errorf("ParseSDKAppID(%q) = %v, want an SDKAppID error", raw, err)
		}
	}
	if id, err := ParseSDKAppID(" 4294967295 "); err != nil || id != MaxSDKAppID {
		t.Errorf("ParseSDKAppID(max) = %d, %v", id, err)
	}
	var ce *ConfigError
	if _, err := NewKeySigner("", App{mocktest.AppID, mocktest.Admin}, 0); !errors.As(err, &ce) || ce.Setting != SettingSecretKey {
		t.Errorf("empty key: %v", err)
	}
	if _, err := NewKeySigner("k", App{mocktest.AppID, ""}, 0); !errors.As(err, &ce) || ce.Setting != SettingIdentifier {
		t.Errorf("empty identifier: %v", err)
	}
	issued := time.Unix(time.Now().Unix()-3600, 0)
	expired := mocktest.Sign(t, mocktest.Key, mocktest.AppID, mocktest.Admin, time.Minute, issued)
	var ue *UserSigError
	if _, err := NewStaticUserSig(expired, App{mocktest.AppID, mocktest.Admin}, time.Now()); !errors.As(err, &ue) ||
		ue.Problem != UserSigExpired || !ue.ExpiredAt.Equal(issued.Add(time.Minute+time.Second)) {
		t.Errorf("expired UserSig: %v", err)
	}
}

// SignFor signs for any account of the signer's app with the signer's key.
func TestSignFor(t *testing.T) {
	t.Parallel()
	s := signerFor(t, mocktest.Key, App{mocktest.AppID, mocktest.Admin})
	sig, err := s.SignFor("user-1", time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewStaticUserSig(sig, App{mocktest.AppID, "user-1"}, time.Now()); err != nil {
		t.Errorf("the UserSig does not serve user-1: %v", err)
	}
}
