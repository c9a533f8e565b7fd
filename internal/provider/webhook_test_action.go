package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc/terraform-provider-trtc/internal/delivery"
)

// webhookTestAction sends one realistic test event to a product's webhook
// URL, as TRTC delivers it, and fails when TRTC would count the answer as a
// failed delivery (Terraform 1.14 and later: terraform apply -invoke, or an
// action_trigger after the configuration changes).
type webhookTestAction struct{ data *providerData }

var (
	_ action.ActionWithConfigure      = (*webhookTestAction)(nil)
	_ action.ActionWithValidateConfig = (*webhookTestAction)(nil)
)

func newWebhookTestAction() action.Action { return &webhookTestAction{} }

const webhookTestType = TypeName + "_webhook_test"

type webhookTestModel struct {
	Product  types.String `tfsdk:"product"`
	Command  types.String `tfsdk:"command"`
	URL      types.String `tfsdk:"url"`
	SDKAppID types.Number `tfsdk:"sdk_app_id"`
	Timeout  types.String `tfsdk:"timeout"`
}

// webhookActions are the provider's actions.
func webhookActions() []func() action.Action { return []func() action.Action{newWebhookTestAction} }

func (x *webhookTestAction) Metadata(_ context.Context, _ action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = webhookTestType
}

func (x *webhookTestAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Sends one test event to a product's webhook URL, exactly as TRTC delivers it, and fails " +
			"when TRTC would count the answer as a failed delivery, saying why. Needs Terraform 1.14 or later: run it " +
			"with `terraform apply -invoke=action.trtc_webhook_test.<name>`, or after an apply with an " +
			"`action_trigger`. The event is shaped like the documented one for its command word, with IDs such as " +
			"`terraform-test-0a1b2c3d` that say it is a test; Live events are signed (`Sign` and `RequestTime`) while " +
			"the app's signing token is enabled, and the token is read in the provider and never shown. One request: " +
			"no retries, redirects not followed. A receiver that answers HTTP 200 with JSON other than the documented " +
			"answer is delivered as far as TRTC is concerned, and draws a warning; so does a " +
			"`Live.CallbackBeforeSendGift` pre-check that rejects the test gift.",
		Attributes: map[string]schema.Attribute{
			"product": schema.StringAttribute{
				MarkdownDescription: productDescription(),
				Required:            true,
				Validators:          []validator.String{productValidator()},
			},
			"command": schema.StringAttribute{
				MarkdownDescription: "The command word of the event to send, a documented word of the product such as " +
					"`Live.CallbackAfterCreateRoom` (see the product's webhook resource for the list); " +
					"`Live.CallbackBeforeCallBackNotBlock` names no event and is refused. Defaults to the first event " +
					"word the app's configuration lists, or, with none configured, the product's first documented word. " +
					"A well-formed word this provider does not know draws a warning and is sent with a minimal body.",
				Optional: true,
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "The URL to send to instead of the one TRTC holds for the product. Required when " +
					"the app has no configuration for the product. TRTC's query parameters are added to it.",
				Optional:   true,
				Validators: []validator.String{webhookURL()},
			},
			attrSDKAppID: schema.NumberAttribute{
				MarkdownDescription: "The SDKAppID of the app whose configuration and token to use: the provider's " +
					"`sdk_app_id` (its default app) when omitted, or one of its `apps`.",
				Optional:   true,
				Validators: []validator.Number{sdkAppIDValidator{}},
			},
			"timeout": schema.StringAttribute{
				MarkdownDescription: timeoutDescription(""),
				Optional:            true,
				Validators:          []validator.String{deliveryTimeout()},
			},
		},
	}
}

func (x *webhookTestAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	if data, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		x.data = data
	}
}

// ValidateConfig checks command against product, as the webhook resources
// check their words: a malformed word, a word of another product or a
// likely typo is an error; a well-formed word nobody documents, a warning.
func (x *webhookTestAction) ValidateConfig(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	var m webhookTestModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Command.IsNull() || m.Command.IsUnknown() || m.Product.IsUnknown() {
		return
	}
	k, ok := productByName(m.Product.ValueString())
	if !ok {
		return // product's validator has said so
	}
	checkTestCommand(&resp.Diagnostics, k, m.Command.ValueString())
}

var pathCommand = path.Root("command")

// checkTestCommand says what is wrong with word as the command of a test
// event of k, if anything.
func checkTestCommand(diags *diag.Diagnostics, k webhookProduct, word string) {
	if word == k.delivery.ProbeWord() {
		return // the probe, which no product emits
	}
	if _, err := delivery.TestEvent(k.delivery, word, time.Now()); err != nil {
		diags.AddAttributeError(pathCommand, "Invalid test event", fmt.Sprintf("command %s.", err))
		return
	}
	summary, detail, isError := judgeCommandWord(k, word)
	switch {
	case isError:
		diags.AddAttributeError(pathCommand, summary, detail)
	case summary != "":
		diags.AddAttributeWarning(pathCommand, summary, detail+" The test event carries only CallbackCommand and EventTime.")
	}
}

func (x *webhookTestAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m webhookTestModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	k, ok := productByName(m.Product.ValueString())
	if !ok {
		return // the validator has said so
	}
	a, _ := x.data.bindConfigured(&resp.Diagnostics, pathSDKAppID, m.SDKAppID)
	if a == nil || resp.Diagnostics.HasError() {
		return
	}
	ctx = x.data.withLogMasks(ctx, a)
	api, cancel := context.WithTimeout(ctx, defaultReadTimeout)
	defer cancel()
	_, t, ok := x.data.readTarget(api, &resp.Diagnostics, a, k, m.URL.ValueString(), true)
	if !ok {
		return
	}
	ctx = x.data.maskSecret(ctx, t.target.Token)
	if t.target.URL == "" {
		resp.Diagnostics.AddAttributeError(path.Root("url"), "No webhook URL to test", fmt.Sprintf(
			"SDKAppID %s has no %s webhook configuration, so there is no URL to send a test event to. Configure one "+
				"(%s), or set url to test a receiver before configuring it.", a.idText, k.title, k.typeName()))
		return
	}

	word, why := testCommand(k, m.Command, t)
	if !m.Command.IsNull() {
		checkTestCommand(&resp.Diagnostics, k, word)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	d, err := delivery.TestEvent(k.delivery, word, time.Now())
	if err != nil {
		resp.Diagnostics.AddAttributeError(pathCommand, "Invalid test event", fmt.Sprintf("command %s.", err))
		return
	}

	var signed string
	switch {
	case t.target.Token != "":
		signed = "signed with the app's token"
	case k.delivery.Signed():
		signed = "unsigned: the app's signing token is not enabled"
	default:
		signed = "unsigned: " + k.title + " deliveries carry no Sign"
	}
	progress(resp, fmt.Sprintf("Sending a test %s event (%s) for SDKAppID %s to %s (%s).", word, why, a.idText, t.target.URL, signed))
	res, err := delivery.Send(ctx, t.target, d, delivery.Options{Timeout: timeoutOf(m.Timeout)})
	if err != nil {
		at := path.Root("url")
		if m.URL.IsNull() {
			at = path.Empty()
		}
		resp.Diagnostics.AddAttributeError(at, "Cannot send a test event", fmt.Sprintf("%s.", capitalize(err.Error())))
		return
	}
	tflog.Debug(ctx, "Webhook test event answered", map[string]any{
		"trtc_product": k.productName(), "trtc_test_url": res.URL, "trtc_test_command": res.Command,
		"trtc_test_outcome": string(res.Outcome), "trtc_test_answer": answerSummary(res), "trtc_test_signed": res.Signed,
	})
	verdict := "OK"
	if !res.OK {
		verdict = res.Error
	}
	progress(resp, fmt.Sprintf("%s answered %s: %s.", res.URL, answerSummary(res), strings.TrimSuffix(verdict, ".")))

	for _, w := range res.Warnings {
		resp.Diagnostics.AddWarning("Webhook test: "+word, capitalize(w)+".")
	}
	explanation := delivery.Explain(res, t.commands)
	sent := fmt.Sprintf("\n\nSent: POST %s (%s), %s.", res.URL, signed, answerSummary(res))
	switch {
	case res.OK:
	case !res.Delivered(), word == delivery.GiftPreCheck && res.ErrorCode == nil:
		resp.Diagnostics.AddError("Webhook test failed: "+word, explanation+sent)
	default:
		resp.Diagnostics.AddWarning("Webhook test answered other than documented: "+word, explanation+sent)
	}
}

// testCommand is the word to send, and where it came from: the command
// argument, else the first word of the app's configuration that names an
// event of k, else k's first documented event.
func testCommand(k webhookProduct, command types.String, t deliveryTarget) (word, why string) {
	if !command.IsNull() {
		return command.ValueString(), "the command argument"
	}
	for _, w := range t.commands {
		if _, err := delivery.TestEvent(k.delivery, w, time.Now()); err == nil && w != k.delivery.ProbeWord() {
			return w, "the first event word of the app's configuration"
		}
	}
	for _, w := range k.delivery.Words() {
		if k.delivery.IsEvent(w) {
			return w, "the product's first documented word: the app's configuration lists no event"
		}
	}
	return k.delivery.ProbeWord(), "the probe"
}

// progress sends msg to Terraform while the action runs.
func progress(resp *action.InvokeResponse, msg string) {
	if resp.SendProgress != nil {
		resp.SendProgress(action.InvokeProgressEvent{Message: msg})
	}
}
