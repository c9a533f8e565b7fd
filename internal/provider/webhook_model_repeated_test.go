package provider

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
	"github.com/trtc/terraform-provider-trtc/internal/trtcmock/mocktest"
)

// newPrivateState points *field, the framework's private state of a
// request or response (a type only the framework can name), at empty
// private state, as the framework does before it calls the resource.
func newPrivateState(field any) {
	v := reflect.ValueOf(field).Elem()
	v.Set(reflect.New(v.Type().Elem()))
}

// repeatedWarnings are the warnings about repeated command words.
func repeatedWarnings(diags diag.Diagnostics) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range diags.Warnings() {
		if d.Summary() == "Callback command listed more than once" {
			out = append(out, d)
		}
	}
	return out
}

// A word TRTC lists twice draws a warning on the first refresh that finds
// it, and the resource remembers that in private state: the next refresh,
// given the private state the first one left (as the state carries it from
// one run to the next), does not warn again. Other repeated words warn
// again, once. The next write sends each word once. The resource's Read
// and Update are called as the framework calls them, since the CLI's
// warnings are out of plugin-testing's sight.
func TestWebhookRead_repeatedWordWarnsOncePerState(t *testing.T) {
	for _, p := range products() {
		t.Run(p.typeSuffix, func(t *testing.T) {
			mock := startMock(t)
			p.put(mock, hookURL, p.word(0), p.word(1), p.word(0))
			d := configureForTest(t, map[string]string{envSDKAppID: testApp, envSecretKey: testKey, envEndpoint: mock.URL(),
				envMaxRetries: "1", envRequestTimeout: "5s"})
			r := &lifecycle[webhookModel, trtcapi.WebhookConfig]{kind: webhookKind(p), data: d}
			ctx := t.Context()
			var sch fwresource.SchemaResponse
			r.Schema(ctx, fwresource.SchemaRequest{}, &sch)
			if sch.Diagnostics.HasError() {
				t.Fatal(sch.Diagnostics)
			}
			// The state after an import: the words as a set.
			state := tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), nil)}
			words, diags := types.SetValueFrom(ctx, types.StringType, []string{p.word(0), p.word(1)})
			if diags.HasError() {
				t.Fatal(diags)
			}
			for attr, v := range map[string]any{"id": types.StringValue(testApp), "sdk_app_id": types.NumberValue(sdkAppIDNumber(testAppID)),
				"url": types.StringValue(hookURL), "callback_commands": words} {
				if diags := state.SetAttribute(ctx, path.Root(attr), v); diags.HasError() {
					t.Fatal(diags)
				}
			}

			// read refreshes state with the private state of the run before
			// (nil: none, as after an import), and returns the response.
			read := func(state tfsdk.State, private *fwresource.ReadResponse) fwresource.ReadResponse {
				t.Helper()
				resp := fwresource.ReadResponse{State: state}
				if private == nil {
					newPrivateState(&resp.Private)
				} else {
					resp.Private = private.Private
				}
				r.Read(ctx, fwresource.ReadRequest{State: state, Private: resp.Private}, &resp)
				if resp.Diagnostics.HasError() {
					t.Fatalf("Read: %v", resp.Diagnostics)
				}
				return resp
			}
			checkWarned := func(when string, resp fwresource.ReadResponse, words ...string) {
				t.Helper()
				got := repeatedWarnings(resp.Diagnostics)
				switch {
				case len(words) == 0 && len(got) != 0:
					t.Errorf("%s: warned again: %v", when, got)
				case len(words) > 0 && len(got) != 1:
					t.Errorf("%s: %d warning(s) about repeated words, want 1: %v", when, len(got), resp.Diagnostics)
				case len(words) > 0 && !strings.Contains(got[0].Detail(), fmt.Sprintf("TRTC lists %s more than once", strings.Join(words, ", "))):
					t.Errorf("%s: the warning does not name %v: %s", when, words, got[0].Detail())
				}
			}

			first := read(state, nil)
			checkWarned("the first refresh", first, fmt.Sprintf("%q", p.word(0)))
			second := read(first.State, &first)
			checkWarned("the next refresh", second)
			third := read(second.State, &second)
			checkWarned("the one after", third)

			// Other words listed twice: one warning more.
			p.put(mock, hookURL, p.word(1), p.word(0), p.word(1))
			other := read(third.State, &third)
			checkWarned("a refresh that finds other repeated words", other, fmt.Sprintf("%q", p.word(1)))
			checkWarned("the refresh after it", read(other.State, &other))

			// The next write (a new URL) sends each word once.
			mock.ResetRequests()
			plan := tfsdk.Plan{Schema: sch.Schema, Raw: other.State.Raw.Copy()}
			if diags := plan.SetAttribute(ctx, path.Root("url"), types.StringValue(hookURL2)); diags.HasError() {
				t.Fatal(diags)
			}
			resp := fwresource.UpdateResponse{State: tfsdk.State{Schema: sch.Schema, Raw: plan.Raw.Copy()}, Private: other.Private}
			r.Update(ctx, fwresource.UpdateRequest{Plan: plan, State: other.State, Config: tfsdk.Config{Schema: sch.Schema, Raw: plan.Raw.Copy()},
				Private: other.Private}, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("Update: %v", resp.Diagnostics)
			}
			sent := mocktest.Requests(mock, p.service(), p.updateCommand())
			if len(sent) != 1 {
				t.Fatalf("the update sent %d %s request(s), want 1", len(sent), p.updateCommand())
			}
			if got := sentWords(t, sent[0].Body); !slices.Equal(got, normalized(got)) || len(got) != 2 {
				t.Errorf("the update sent the words %v, want each of the two once", got)
			}
			if err := mockHolds(mock, p, hookURL2, p.word(0), p.word(1))(nil); err != nil {
				t.Error(err)
			}
		})
	}
}

// sentWords are the command words of a set_callback or update_callback body,
// sorted.
func sentWords(t *testing.T, body string) []string {
	t.Helper()
	var b struct {
		Words []string `json:"CallbackCommandList"`
	}
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		t.Fatalf("request body %q: %v", body, err)
	}
	return slices.Sorted(slices.Values(b.Words))
}

// The same as a user sees it, through the CLI: the warning about a word
// TRTC lists twice comes with the refresh that finds it, and not again
// from a state that recorded it. terraform import records it at once; a
// plan records nothing (it never writes the state), so plans warn until
// an apply, or apply -refresh-only, records the refresh. Then plans are
// quiet, and the next write sends each word once.
func TestAccWebhook_repeatedWordWarnsOncePerState(t *testing.T) {
	cli, name, _ := cliUnderTest(t)
	bin := buildProvider(t)
	const summary = "Callback command listed more than once"
	forEachProduct(t, func(t *testing.T, p product) {
		t.Parallel()
		mock := startMock(t)
		p.put(mock, hookURL, p.word(0), p.word(1), p.word(0))
		d := newCLIMachine(t, cli, name, bin).dir(t)
		cfg := providerBlock(mock) + p.resource(hookURL, []string{p.word(0), p.word(1)})
		d.configure(cfg)
		warns := func(want int, args ...string) {
			t.Helper()
			out := d.must(args...)
			if got := countOf(out, "Warning", summary); got != want {
				t.Errorf("%s %s warned %d time(s) about the repeated word, want %d:\n%s", name, strings.Join(args, " "), got, want, out)
			}
		}
		warns(1, "import", p.addr(), testApp)
		warns(0, "plan")
		warns(0, "plan")

		// Another word listed twice, out of band.
		p.put(mock, hookURL, p.word(1), p.word(0), p.word(1))
		warns(1, "plan")
		warns(1, "plan") // nothing recorded it
		warns(1, "apply", "-refresh-only", "-auto-approve")
		warns(0, "plan")
		warns(0, "apply", "-auto-approve")

		// The next write sends each word once.
		mock.ResetRequests()
		d.configure(providerBlock(mock) + p.resource(hookURL2, []string{p.word(0), p.word(1)}))
		warns(0, "apply", "-auto-approve")
		if err := mockHolds(mock, p, hookURL2, p.word(0), p.word(1))(nil); err != nil {
			t.Error(err)
		}
		sent := mocktest.Requests(mock, p.service(), p.updateCommand())
		if len(sent) != 1 {
			t.Fatalf("the update sent %d %s request(s), want 1", len(sent), p.updateCommand())
		}
		if got := sentWords(t, sent[0].Body); !slices.Equal(got, normalized(got)) || len(got) != 2 {
			t.Errorf("the update sent the words %v, want each of the two once", got)
		}
	})
}
