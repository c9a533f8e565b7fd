package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// Pointing the provider at another app with the state unchanged is
// refused before any request: the plan, a refresh and a destroy fail with
// both SDKAppIDs and the way out, and app B is never called. Pointing the
// provider back at A finds everything as it was.
func TestAccAppBinding_otherAppIsNeverTouched(t *testing.T) {
	forEachProduct(t, func(t *testing.T, p product) {
		mockA := startMock(t)
		mockB := startMock(t)
		p.put(mockB, "https://b.example.com/hook", p.word(2))
		atA := providerBlock(mockA) + p.resource(hookURL, []string{p.word(0)})
		atB := fmt.Sprintf("provider \"trtc\" {\n  sdk_app_id = %d\n  secret_key = %q\n  endpoint   = %q\n}\n",
			mocktest.OtherAppID, mocktest.OtherKey, mockB.URL()) + p.resource(hookURL2, []string{p.word(1)})
		refused := words(fmt.Sprintf("This %s belongs to SDKAppID 1400000000, but the provider is configured for SDKAppID "+
			"1400000001. To protect both apps, nothing was read, written or deleted in either. ... point the provider back "+
			"at it ... terraform state rm %[1]s.<name> ... removed { ... terraform import %[1]s.<name> 1400000001", p.typeName()))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders(t),
			CheckDestroy:             mockEmpty(mockA, p),
			Steps: []resource.TestStep{
				{Config: atA},
				{Config: atB, PlanOnly: true, ExpectError: refused},
				{Config: atB, ExpectError: refused},
				{Config: atB, Destroy: true, ExpectError: refused},
				{
					Config: atA,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: mockHolds(mockA, p, hookURL, p.word(0)),
				},
			},
		})
		if n := mockB.CountRequests(""); n != 0 {
			t.Errorf("app B's data centre saw %d request(s): %v", n, mocktest.Commands(mockB, ""))
		}
		if err := mockHolds(mockB, p, "https://b.example.com/hook", p.word(2))(nil); err != nil {
			t.Errorf("app B's configuration changed: %v", err)
		}
	})
}

// A kind written on the engine gets the app binding without a line of its
// own: bareKind (lifecycle_bare_kind_test.go) has a schema, a mapping and
// the five calls, and the provider pointed at another app still refuses
// its plan, refresh and destroy before the kind is asked for anything.
func TestAccAppBinding_aNewKindGetsIt(t *testing.T) {
	store := newBareStore()
	dir := t.TempDir()
	providers := map[string]func() (tfprotov6.ProviderServer, error){
		TypeName: func() (tfprotov6.ProviderServer, error) {
			p := &withBareKind{TRTCProvider: &TRTCProvider{version: "test", getenv: lookupEnv, ledgerDir: dir, run: newRun()}, store: store}
			return providerserver.NewProtocol6WithError(p)()
		},
	}
	mock := startMock(t)
	at := func(app uint64, key, value string) string {
		return fmt.Sprintf("provider \"trtc\" {\n  sdk_app_id = %d\n  secret_key = %q\n  endpoint   = %q\n}\n"+
			"resource %q \"this\" {\n  value = %q\n}\n", app, key, mock.URL(), bareType, value)
	}
	atA, atB := at(testAppID, testKey, "a"), at(mocktest.OtherAppID, mocktest.OtherKey, "b")
	refused := words(fmt.Sprintf("This %s belongs to SDKAppID 1400000000, but the provider is configured for SDKAppID "+
		"1400000001. To protect both apps, nothing was read, written or deleted in either.", bareType))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: providers,
		Steps: []resource.TestStep{
			{Config: atA, ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(bareType+".this", tfjsonpath.New("sdk_app_id"), knownvalue.Int64Exact(int64(testAppID))),
			}},
			{Config: atB, PlanOnly: true, ExpectError: refused},
			{Config: atB, ExpectError: refused},
			{Config: atB, Destroy: true, ExpectError: refused},
			{Config: atA, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
	if calls := store.callsOf(mocktest.OtherAppID); len(calls) != 0 {
		t.Errorf("the kind was asked %v for the other app", calls)
	}
	if v, ok := store.value(testAppID); ok {
		t.Errorf("app A still holds %q after the test's destroy", v)
	}
}
