package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// What the gift catalogue's acceptance tests share: providers whose gift
// commands are spaced a millisecond apart (TRTC's 1.1 s would make every
// test take minutes) or at TRTC's own pace, configurations, and readings of
// the mock's request log.

// fastGiftInterval spaces the gift commands in most tests; the mock's
// GiftRateLimit is then off.
const fastGiftInterval = time.Millisecond

// giftProviders is testProviders with gift commands spaced interval apart
// (0: TRTC's 1.1 s).
func giftProviders(t *testing.T, interval time.Duration) map[string]func() (tfprotov6.ProviderServer, error) {
	dir := t.TempDir()
	return map[string]func() (tfprotov6.ProviderServer, error){TypeName: func() (tfprotov6.ProviderServer, error) {
		return providerserver.NewProtocol6WithError(&TRTCProvider{
			version: "test", getenv: lookupEnv, ledgerDir: dir, run: newRun(), giftCallInterval: interval,
		})()
	}}
}

// fastGifts is giftProviders at fastGiftInterval.
func fastGifts(t *testing.T) map[string]func() (tfprotov6.ProviderServer, error) {
	return giftProviders(t, fastGiftInterval)
}

// giftBlock is resource trtc_live_gift.<name> with gift_id id and the
// given attribute lines (name and coins default to a name from id and 10).
func giftBlock(name, id string, lines ...string) string {
	body := map[string]bool{}
	for _, l := range lines {
		body[strings.Fields(l)[0]] = true
	}
	if !body["name"] {
		lines = append(lines, fmt.Sprintf("name = %q", "Gift "+id))
	}
	if !body["coins"] {
		lines = append(lines, "coins = 10")
	}
	return fmt.Sprintf("\nresource %q %q {\n  gift_id = %q\n  %s\n}\n", liveGiftType, name, id, strings.Join(lines, "\n  "))
}

// categoryBlock is resource trtc_live_gift_category.<name>.
func categoryBlock(name, id string, lines ...string) string {
	body := map[string]bool{}
	for _, l := range lines {
		body[strings.Fields(l)[0]] = true
	}
	if !body["name"] {
		lines = append(lines, fmt.Sprintf("name = %q", "Category "+id))
	}
	return fmt.Sprintf("\nresource %q %q {\n  category_id = %q\n  %s\n}\n", liveGiftCategoryType, name, id, strings.Join(lines, "\n  "))
}

func giftAddr(name string) string     { return liveGiftType + "." + name }
func categoryAddr(name string) string { return liveGiftCategoryType + "." + name }

// giftLog is the gift catalogue requests the mock saw since the last
// reset, one string each: the command; a language command's language, and
// for a set, the fields it sent (set_gift_language:en:Name+Desc); a
// relation command's gifts (add_gift_category_relations:a,b).
func giftLog(mock *trtcmock.Server) []string {
	var out []string
	for _, r := range mocktest.Requests(mock, trtcapi.GiftService, "") {
		out = append(out, describeGiftRequest(r))
	}
	return out
}

func describeGiftRequest(r trtcmock.Request) string {
	var body map[string]json.RawMessage
	_ = json.Unmarshal([]byte(r.Body), &body)
	s := r.Command
	if raw, ok := body["Language"]; ok {
		var lang string
		_ = json.Unmarshal(raw, &lang)
		s += ":" + lang
		if strings.HasPrefix(r.Command, "set_") {
			var sent []string
			for _, f := range []string{"Name", "Desc", "CategoryName", "CategoryDesc"} {
				if _, ok := body[f]; ok {
					sent = append(sent, strings.TrimPrefix(f, "Category"))
				}
			}
			s += ":" + strings.Join(sent, "+")
		}
	}
	if raw, ok := body["GiftIdList"]; ok {
		var ids []string
		_ = json.Unmarshal(raw, &ids)
		slices.Sort(ids)
		s += ":" + strings.Join(ids, ",")
	}
	return s
}

// giftLogIs checks the gift requests since the last reset, in order.
func giftLogIs(mock *trtcmock.Server, want ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := giftLog(mock); !slices.Equal(got, want) {
			return fmt.Errorf("gift requests = %v,\nwant exactly    %v", got, want)
		}
		return nil
	}
}

// giftLogHas checks that the gift requests since the last reset are want
// in any order.
func giftLogHas(mock *trtcmock.Server, want ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		got := slices.Sorted(slices.Values(giftLog(mock)))
		if w := slices.Sorted(slices.Values(want)); !slices.Equal(got, w) {
			return fmt.Errorf("gift requests = %v,\nwant, in any order, %v", got, w)
		}
		return nil
	}
}

// listed is the read of a create, or the two reads that confirm a write:
// the catalogue list each time.
const listed = "get_gift_info_list"

// mockHoldsGift checks the gift the mock's app holds with id, and its rows.
func mockHoldsGift(mock *trtcmock.Server, app uint64, want trtcmock.Gift, rows map[string]trtcmock.GiftText) func(*terraform.State) error {
	return func(*terraform.State) error {
		c := mock.Catalogue(app)
		i := slices.IndexFunc(c.Gifts, func(g trtcmock.Gift) bool { return g.ID == want.ID })
		if i < 0 {
			return fmt.Errorf("SDKAppID %d holds no gift %q; it holds %v", app, want.ID, c.Gifts)
		}
		if c.Gifts[i] != want {
			return fmt.Errorf("SDKAppID %d holds gift %+v, want %+v", app, c.Gifts[i], want)
		}
		if got := c.GiftLanguages[want.ID]; !maps.Equal(got, rows) && (len(got) > 0 || len(rows) > 0) {
			return fmt.Errorf("gift %q has rows %v, want %v", want.ID, got, rows)
		}
		return nil
	}
}

// mockHasNoGift checks that the app holds no gift with id.
func mockHasNoGift(mock *trtcmock.Server, app uint64, id string) func(*terraform.State) error {
	return func(*terraform.State) error {
		for _, g := range mock.Catalogue(app).Gifts {
			if g.ID == id {
				return fmt.Errorf("SDKAppID %d still holds gift %+v", app, g)
			}
		}
		return nil
	}
}

// mockHoldsCategory checks a category, its rows and its gifts (in any
// order).
func mockHoldsCategory(mock *trtcmock.Server, app uint64, want trtcmock.GiftCategory, rows map[string]trtcmock.GiftText, gifts ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		c := mock.Catalogue(app)
		i := slices.IndexFunc(c.Categories, func(g trtcmock.GiftCategory) bool { return g.ID == want.ID })
		if i < 0 {
			return fmt.Errorf("SDKAppID %d holds no category %q", app, want.ID)
		}
		if c.Categories[i] != want {
			return fmt.Errorf("SDKAppID %d holds category %+v, want %+v", app, c.Categories[i], want)
		}
		if got := c.CategoryLanguages[want.ID]; !maps.Equal(got, rows) && (len(got) > 0 || len(rows) > 0) {
			return fmt.Errorf("category %q has rows %v, want %v", want.ID, got, rows)
		}
		got := slices.Sorted(slices.Values(c.Relations[want.ID]))
		if w := slices.Sorted(slices.Values(gifts)); !slices.Equal(got, w) {
			return fmt.Errorf("category %q shows gifts %v, want %v", want.ID, got, w)
		}
		return nil
	}
}

// mockCheck runs a check of the mock as a state check, for steps whose
// state the legacy shim behind Check cannot hold (for_each instances).
func mockCheck(f func(*terraform.State) error) statecheck.StateCheck { return mockStateCheck(f) }

type mockStateCheck func(*terraform.State) error

func (f mockStateCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f(nil)
}
