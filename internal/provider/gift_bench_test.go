package provider

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// The catalogue the bench refreshes: a full package's 16 gifts, each with
// a row in every language, and 3 categories.
const (
	benchGifts      = 16
	benchCategories = 3
)

// A refresh of 16 gifts × 3 languages + 3 categories costs one request,
// get_gift_info_list, shared by the 19 resources, with the provider's real
// spacing (1.1 s per command), against a mock that answers in 50 ms like
// planbench's. The test fails on the count, which does not depend on the
// machine, and logs the wall time of the CLI's refresh and the API span
// beside what reading per object would need. The import before it and the
// destroy after it run at test speed: deleting 16 gifts at TRTC's pace
// alone takes 17 s.
func TestAccGiftBench_refresh(t *testing.T) {
	mock := startMock(t, func(o *trtcmock.Options) {
		o.Latency = 50 * time.Millisecond
		o.GiftListExtensionInfo = true // the imports need no per-object read of it
	})
	var cfg strings.Builder
	cfg.WriteString(providerBlock(mock))
	langs := trtcapi.GiftLanguages()
	for i := range benchGifts {
		id := fmt.Sprintf("g%02d", i)
		mock.PutGift(testAppID, trtcmock.Gift{ID: id, Name: "Gift " + id, Coins: int64(10 * (i + 1))})
		var rows []string
		for _, l := range langs {
			mock.PutGiftLanguage(testAppID, id, l, trtcmock.GiftText{Name: l + " " + id, Description: "in " + l})
			rows = append(rows, fmt.Sprintf("%q = { name = %q, description = %q }", l, l+" "+id, "in "+l))
		}
		cfg.WriteString(giftBlock(id, id, fmt.Sprintf("coins = %d", 10*(i+1)), "languages = { "+strings.Join(rows, ", ")+" }"))
		fmt.Fprintf(&cfg, "import {\n  to = trtc_live_gift.%s\n  id = %q\n}\n", id, id)
	}
	for c := range benchCategories {
		id := fmt.Sprintf("c%d", c)
		mock.PutGiftCategory(testAppID, trtcmock.GiftCategory{ID: id, Name: "Category " + id})
		var gifts []string
		for i := c; i < benchGifts; i += benchCategories {
			gifts = append(gifts, fmt.Sprintf("g%02d", i))
		}
		mock.SetRelations(testAppID, id, gifts)
		cfg.WriteString(categoryBlock(id, id, "gift_ids = "+hclList(gifts)))
		fmt.Fprintf(&cfg, "import {\n  to = trtc_live_gift_category.%s\n  id = %q\n}\n", id, id)
	}
	var began time.Time
	var interval atomic.Int64
	interval.Store(int64(fastGiftInterval))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: switchableGiftProviders(t, &interval),
		Steps: []resource.TestStep{
			{Config: cfg.String(), Check: giftLogIs(mock, listed)}, // the imports share one read too
			{
				PreConfig: func() {
					interval.Store(0) // TRTC's 1.1 s
					// As a plan run on its own: the last list call (of the
					// step before) is a spacing ago, so none is waited for.
					time.Sleep(trtcapi.DefaultGiftCallInterval)
					mock.ResetRequests()
					began = time.Now()
				},
				RefreshState: true,
				Check: func(*terraform.State) error {
					took := time.Since(began)
					reqs := mock.Requests()
					if len(reqs) != 1 || reqs[0].Command != "get_gift_info_list" {
						return fmt.Errorf("the refresh of %d gifts and %d categories made %d requests %v, want one get_gift_info_list",
							benchGifts, benchCategories, len(reqs), giftLog(mock))
					}
					perObject := benchGifts*(1+len(langs)) + benchCategories*(1+len(langs)+1)
					slowest := time.Duration(benchGifts*len(langs)-1) * trtcapi.DefaultGiftCallInterval
					t.Logf("refresh of %d gifts × %d languages + %d categories: %d request (get_gift_info_list), "+
						"API span %v, terraform refresh %v. Per object it would be %d requests, and the %d get_gift_language "+
						"calls alone, spaced %v, at least %v.",
						benchGifts, len(langs), benchCategories, len(reqs), span(reqs).Round(time.Millisecond),
						took.Round(time.Millisecond), perObject, benchGifts*len(langs), trtcapi.DefaultGiftCallInterval, slowest)
					interval.Store(int64(fastGiftInterval))
					return nil
				},
			},
		},
	})
	if n := mocktest.Count(mock, trtcapi.GiftService, ""); n == 0 {
		t.Error("the bench made no request")
	}
}

// switchableGiftProviders is giftProviders whose spacing each CLI command
// reads from interval when it starts the provider.
func switchableGiftProviders(t *testing.T, interval *atomic.Int64) map[string]func() (tfprotov6.ProviderServer, error) {
	dir := t.TempDir()
	return map[string]func() (tfprotov6.ProviderServer, error){TypeName: func() (tfprotov6.ProviderServer, error) {
		return providerserver.NewProtocol6WithError(&TRTCProvider{
			version: "test", getenv: lookupEnv, ledgerDir: dir, run: newRun(), giftCallInterval: time.Duration(interval.Load()),
		})()
	}}
}

// span is from the first request's arrival to the last one's answer,
// taken as its arrival plus the mock's latency.
func span(reqs []trtcmock.Request) time.Duration {
	if len(reqs) == 0 {
		return 0
	}
	first, last := reqs[0].Time, reqs[0].Time
	for _, r := range reqs {
		if r.Time.Before(first) {
			first = r.Time
		}
		if r.Time.After(last) {
			last = r.Time
		}
	}
	return last.Sub(first) + 50*time.Millisecond
}
