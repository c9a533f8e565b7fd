package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
	"github.com/trtc/terraform-provider-trtc/internal/usersig"
)

// Ephemeral resources need Terraform 1.10 or OpenTofu 1.11; the version
// check compares OpenTofu's numbers with Terraform's, so 1.11 covers both.
var ephemeralCLIs = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)}

// withEcho adds plugin-testing's echo provider, which copies its data
// (here an ephemeral result) into the state of resource echo.test so a
// test can look at it. Real configurations never store it.
func withEcho(t *testing.T) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		TypeName: testProvider(t, lookupEnv),
		"echo":   echoprovider.NewProviderServer(),
	}
}

// echoUserSig is ephemeral trtc_user_sig "this" with attribute lines,
// echoed into echo.test.
func echoUserSig(lines ...string) string {
	return fmt.Sprintf(`
ephemeral %q "this" {
  %s
}

provider "echo" {
  data = ephemeral.%[1]s.this
}

resource "echo" "test" {}
`, userSigType, strings.Join(lines, "\n  "))
}

// echoed checks the ephemeral result echo.test holds.
type echoed func(data map[string]any) error

func (e echoed) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address == "echo.test" {
			data, ok := r.AttributeValues["data"].(map[string]any)
			if !ok {
				resp.Error = fmt.Errorf("echo.test data is %T", r.AttributeValues["data"])
				return
			}
			resp.Error = e(data)
			return
		}
	}
	resp.Error = fmt.Errorf("echo.test is not in the state")
}

// signedFor checks a UserSig as TRTC would: signed with the app's key,
// for userID, valid for expire seconds; expires_at is its last valid
// instant, in UTC.
func signedFor(userID string, expire int64) echoed {
	return func(data map[string]any) error {
		sig, _ := data["user_sig"].(string)
		claims, err := usersig.Verify(testKey, sig, testAppID, userID, time.Now())
		if err != nil {
			return fmt.Errorf("user_sig does not verify for %q: %w", userID, err)
		}
		if claims.Expire != expire {
			return fmt.Errorf("user_sig is valid for %d s, want %d", claims.Expire, expire)
		}
		if fmt.Sprint(data["expire"]) != fmt.Sprint(expire) { // a JSON number
			return fmt.Errorf("expire = %v, want %d", data["expire"], expire)
		}
		want := time.Unix(claims.Time+expire, 0).UTC().Format(time.RFC3339)
		if data["expires_at"] != want || !strings.HasSuffix(want, "Z") {
			return fmt.Errorf("expires_at = %v, want %s", data["expires_at"], want)
		}
		if data["user_id"] != userID {
			return fmt.Errorf("user_id = %v", data["user_id"])
		}
		return nil
	}
}

func TestAccUserSig_signsForAnyUser(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: withEcho(t),
		TerraformVersionChecks:   ephemeralCLIs,
		Steps: []resource.TestStep{{
			Config:            providerBlock(mock) + echoUserSig(`user_id = "bot-7"`, "expire  = 600"),
			ConfigStateChecks: []statecheck.StateCheck{signedFor("bot-7", 600)},
		}},
	})
	if n := mock.CountRequests(""); n != 0 {
		t.Errorf("signing sent %d request(s)", n)
	}
}

func TestAccUserSig_defaultExpire(t *testing.T) {
	mock := startMock(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: withEcho(t),
		TerraformVersionChecks:   ephemeralCLIs,
		Steps: []resource.TestStep{{
			Config:            providerBlock(mock) + echoUserSig(`user_id = "administrator"`),
			ConfigStateChecks: []statecheck.StateCheck{signedFor("administrator", 86400)},
		}},
	})
}

// A provider configured with only a pre-made user_sig cannot sign.
func TestAccUserSig_needsSecretKey(t *testing.T) {
	mock := startMock(t)
	sig := mocktest.Sign(t, testKey, testAppID, defaultIdentifier, time.Hour, time.Now())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: withEcho(t),
		TerraformVersionChecks:   ephemeralCLIs,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("provider \"trtc\" {\n  sdk_app_id = %d\n  user_sig   = %q\n  endpoint   = %q\n}\n",
				testAppID, sig, mock.URL()) + echoUserSig(`user_id = "bot-7"`),
			ExpectError: words("trtc_user_sig needs the provider's secret_key ... This provider configuration " +
				"authenticates with a pre-made user_sig, which cannot sign UserSigs for other users."),
		}},
	})
}

func TestAccUserSig_validation(t *testing.T) {
	mock := startMock(t)
	for name, c := range map[string]struct{ lines, want string }{
		"expire 0":             {`user_id = "bot"` + "\n  expire = 0", "Attribute expire value must be between 1 and 9223372036, got: 0"},
		"expire beyond signer": {`user_id = "bot"` + "\n  expire = 9223372037", "Attribute expire value must be between 1 and 9223372036, got: 9223372037"},
		"empty user_id":        {`user_id = ""`, "user_id must be 1 to 32 bytes, got 0."},
		"user_id over 32 bytes": {fmt.Sprintf("user_id = %q", strings.Repeat("u", 33)),
			"user_id must be 1 to 32 bytes, got 33."},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: withEcho(t),
				TerraformVersionChecks:   ephemeralCLIs,
				Steps: []resource.TestStep{{
					Config: providerBlock(mock) + echoUserSig(c.lines), PlanOnly: true, ExpectError: words(c.want),
				}},
			})
		})
	}
}

// adminSigConfig signs a short-lived administrator UserSig with the
// default provider and configures provider trtc.by_sig with it alone (no
// secret key); a webhook data source reads through trtc.by_sig.
func adminSigConfig(mock *trtcmock.Server) string {
	return providerBlock(mock) + fmt.Sprintf(`
ephemeral %[1]q "admin" {
  user_id = "administrator"
  expire  = 900
}

provider "trtc" {
  alias      = "by_sig"
  sdk_app_id = %[2]d
  endpoint   = %[3]q
  identifier = "administrator"
  user_sig   = ephemeral.%[1]s.admin.user_sig
}

data "trtc_live_webhook" "by_sig" {
  provider = trtc.by_sig
}
`, userSigType, testAppID, mock.URL())
}

// ephemeralSigUsed checks that get_callback requests were made and each
// carried the ephemeral UserSig (valid 900 s; the provider's own are valid
// an hour), which TRTC accepted.
func ephemeralSigUsed(mock *trtcmock.Server) func(*terraform.State) error {
	return func(*terraform.State) error {
		reqs := mocktest.Requests(mock, trtcmock.ServiceLive, "get_callback")
		if len(reqs) == 0 {
			return fmt.Errorf("the data source sent no request")
		}
		for _, r := range reqs {
			c, err := usersig.Verify(testKey, r.UserSig, testAppID, defaultIdentifier, time.Now())
			if err != nil || c.Expire != 900 || r.ErrorCode != 100301 {
				return fmt.Errorf("get_callback answered %d with a UserSig valid %d s (%v), want the ephemeral one (900 s) accepted",
					r.ErrorCode, c.Expire, err)
			}
		}
		return nil
	}
}

// A UserSig from trtc_user_sig authenticates a second provider
// configuration that has no secret key, and reaches no plan or state.
func TestAccUserSig_authenticatesAnotherProvider(t *testing.T) {
	mock := startMock(t)
	var seen []byte
	capture := captured{into: &seen}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders(t),
		TerraformVersionChecks:   ephemeralCLIs,
		Steps: []resource.TestStep{{
			Config:            adminSigConfig(mock),
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{capture}},
			ConfigStateChecks: []statecheck.StateCheck{capture},
			Check:             ephemeralSigUsed(mock),
		}},
	})
	if len(seen) == 0 {
		t.Fatal("no plan or state was captured")
	}
	for _, r := range mocktest.Requests(mock, trtcmock.ServiceLive, "get_callback") {
		if strings.Contains(string(seen), r.UserSig) {
			t.Error("a plan or state contains the ephemeral UserSig")
		}
	}
}
