package provider

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// catalogueApp is an app of a fresh mock, whose gift commands are spaced
// fastGiftInterval apart.
func catalogueApp(t *testing.T, tweak ...func(*trtcmock.Options)) (*app, *trtcmock.Server) {
	t.Helper()
	mock := mocktest.Start(t, tweak...)
	signer, err := trtcapi.NewKeySigner(mocktest.Key, trtcapi.App{SDKAppID: mocktest.AppID, Identifier: mocktest.Admin}, trtcapi.DefaultUserSigTTL)
	if err != nil {
		t.Fatal(err)
	}
	client, err := trtcapi.New(trtcapi.Config{BaseURL: mock.URL(), Credentials: signer, GiftCallInterval: fastGiftInterval})
	if err != nil {
		t.Fatal(err)
	}
	a := &app{id: mocktest.AppID, idText: testApp, client: client, signer: signer}
	a.gifts = newCatalogueCache(a)
	return a, mock
}

func lists(mock *trtcmock.Server) int {
	return mocktest.Count(mock, trtcapi.GiftService, "get_gift_info_list")
}

// readAll makes n concurrent reads asking for a catalogue fetched after
// after, and fails the test on an error.
func readAll(t *testing.T, c *catalogueCache, n int, after func() time.Time) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			if _, err := c.get(t.Context(), after()); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Many readers of one phase share one list call; later readers who ask for
// nothing more are served without a request.
func TestCatalogueCache_readersShareOneList(t *testing.T) {
	t.Parallel()
	a, mock := catalogueApp(t, func(o *trtcmock.Options) { o.Latency = 100 * time.Millisecond })
	mock.PutGift(testAppID, trtcmock.Gift{ID: "rose", Name: "Rose", Coins: 1})
	readAll(t, a.gifts, 20, func() time.Time { return time.Time{} })
	readAll(t, a.gifts, 5, func() time.Time { return time.Time{} })
	if n := lists(mock); n != 1 {
		t.Errorf("25 reads made %d list calls, want 1", n)
	}
	cat, err := a.gifts.get(t.Context(), time.Time{})
	if _, ok := cat.Gift("rose"); err != nil || !ok {
		t.Errorf("the catalogue read is %+v, %v; want it to list rose", cat, err)
	}
}

// A write drops what was read before it for readers who ask for nothing
// more; a reader who asks for a catalogue fetched after a time gets a list
// call that began after it, which later askers share.
func TestCatalogueCache_writesAndFreshReads(t *testing.T) {
	t.Parallel()
	a, mock := catalogueApp(t)
	ctx := t.Context()
	if _, err := a.gifts.get(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := a.gifts.write(ctx, func(ctx context.Context) error {
		return a.client.Gifts().AddGift(ctx, trtcapi.Gift{ID: "rose", Name: "Rose", Coins: 1})
	}); err != nil {
		t.Fatal(err)
	}
	cat, err := a.gifts.get(ctx, time.Time{})
	if _, ok := cat.Gift("rose"); err != nil || !ok {
		t.Fatalf("after the write, the read is %+v, %v; want it to list rose", cat, err)
	}
	if n := lists(mock); n != 2 {
		t.Errorf("%d list calls, want 2: the write drops the first", n)
	}
	// Asked for one fetched after now: a new call, though nothing was written.
	if _, err := a.gifts.get(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	if n := lists(mock); n != 3 {
		t.Errorf("%d list calls, want 3: a fresh read makes one", n)
	}
	// ...and a reader asking for one fetched after an earlier time is served by it.
	if _, err := a.gifts.get(ctx, time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n := lists(mock); n != 3 {
		t.Errorf("%d list calls, want still 3", n)
	}
}

// Readers asking for a catalogue fetched after a list call began wait for
// it to end and share the next one: two calls for any number of them.
func TestCatalogueCache_freshReadersWaitForTheNextList(t *testing.T) {
	t.Parallel()
	a, mock := catalogueApp(t, func(o *trtcmock.Options) { o.Latency = 500 * time.Millisecond })
	ctx := t.Context()
	first := make(chan error, 1)
	go func() { _, err := a.gifts.get(ctx, time.Time{}); first <- err }()
	time.Sleep(100 * time.Millisecond) // the first call is under way
	readAll(t, a.gifts, 8, time.Now)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if n := lists(mock); n != 2 {
		t.Errorf("%d list calls, want 2: those who came during the first share the second", n)
	}
}

// A read that begins while a write is in flight does not serve readers who
// come after the write.
func TestCatalogueCache_readDuringAWriteIsNotKept(t *testing.T) {
	t.Parallel()
	a, mock := catalogueApp(t)
	ctx := t.Context()
	inWrite, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- a.gifts.write(ctx, func(context.Context) error {
			close(inWrite)
			<-release
			return nil
		})
	}()
	<-inWrite
	if _, err := a.gifts.get(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := a.gifts.get(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if n := lists(mock); n != 2 {
		t.Errorf("%d list calls, want 2", n)
	}
}

// A list refused as an unknown command is asked once per phase: every
// reader is told to read per object.
func TestCatalogueCache_listUnavailable(t *testing.T) {
	t.Parallel()
	a, mock := catalogueApp(t, func(o *trtcmock.Options) { o.GiftListDisabled = true })
	for _, after := range []time.Time{{}, time.Now(), {}} {
		if _, err := a.gifts.get(t.Context(), after); !errors.Is(err, trtcapi.ErrListUnavailable) {
			t.Errorf("get = %v, want ErrListUnavailable", err)
		}
	}
	if n := lists(mock); n != 1 {
		t.Errorf("%d list calls, want 1", n)
	}
}

// A settled refusal (no TUILiveKit edition) is one request for the whole
// phase, not one per resource; a fault is asked again.
func TestCatalogueCache_refusals(t *testing.T) {
	t.Parallel()
	t.Run("no edition", func(t *testing.T) {
		t.Parallel()
		a, mock := catalogueApp(t, func(o *trtcmock.Options) { o.NoLiveKitEdition = []uint64{testAppID} })
		for range 3 {
			_, err := a.gifts.get(t.Context(), time.Time{})
			if apiErr := (*trtcapi.APIError)(nil); !errors.As(err, &apiErr) || apiErr.ErrorCode != trtcapi.CodeNotLiveKitEdition {
				t.Errorf("get = %v, want 102001", err)
			}
		}
		if n := lists(mock); n != 1 {
			t.Errorf("%d list calls, want 1", n)
		}
	})
	t.Run("fault", func(t *testing.T) {
		t.Parallel()
		a, mock := catalogueApp(t)
		// The client of catalogueApp makes no retries.
		mock.InjectFault(trtcmock.Fault{Command: "get_gift_info_list", Kind: trtcmock.FaultHTTPStatus, HTTPStatus: 502})
		if _, err := a.gifts.get(t.Context(), time.Time{}); err == nil {
			t.Fatal("the refused list succeeded")
		}
		if _, err := a.gifts.get(t.Context(), time.Time{}); err != nil {
			t.Fatal(err)
		}
		if n := lists(mock); n != 2 {
			t.Errorf("%d list calls, want 2", n)
		}
	})
}

// A reader whose list call was begun by someone whose time ran out reads
// again rather than fail with that someone's timeout.
func TestCatalogueCache_anotherCallersTimeout(t *testing.T) {
	t.Parallel()
	a, mock := catalogueApp(t, func(o *trtcmock.Options) { o.Latency = 300 * time.Millisecond })
	short, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	first := make(chan error, 1)
	go func() { _, err := a.gifts.get(short, time.Time{}); first <- err }()
	time.Sleep(30 * time.Millisecond)
	if _, err := a.gifts.get(t.Context(), time.Time{}); err != nil {
		t.Errorf("the patient reader failed: %v", err)
	}
	if err := <-first; err == nil {
		t.Error("the impatient reader did not time out")
	}
	if n := lists(mock); n < 2 {
		t.Errorf("%d list calls, want a second one for the patient reader", n)
	}
}

// The fallback to per-object reads is said once in the log, not once per
// resource.
func TestCatalogueCache_fallbackLoggedOnce(t *testing.T) {
	t.Parallel()
	a, _ := catalogueApp(t, func(o *trtcmock.Options) { o.GiftListDisabled = true })
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &out)
	for range 3 {
		_, _ = a.gifts.get(ctx, time.Time{})
	}
	entries, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil {
		t.Fatal(err)
	}
	var said int
	for _, e := range entries {
		if msg, _ := e["@message"].(string); strings.Contains(msg, "read object by object") {
			said++
			if e["@level"] != "warn" {
				t.Errorf("logged at %v, want warn", e["@level"])
			}
		}
	}
	if said != 1 {
		t.Errorf("the fallback was logged %d times, want once: %v", said, entries)
	}
}
