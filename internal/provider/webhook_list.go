package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// webhookList finds an app's configuration of one product for `terraform
// query` (Terraform 1.14 and later): zero results or one, with its
// identity, so that `terraform query -generate-config-out=FILE` writes the
// resource and its import block. It is how a configuration made in the
// console is adopted with one command.
type webhookList struct {
	kind webhookKind
	data *providerData
}

var _ list.ListResourceWithConfigure = (*webhookList)(nil)

func (l *webhookList) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = l.kind.typeName()
}

func (l *webhookList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: fmt.Sprintf("Finds the %s webhook configuration of the provider's app: none, or one.", l.kind.product),
	}
}

func (l *webhookList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d, ok := configured(req.ProviderData, &resp.Diagnostics); ok {
		l.data = d
	}
}

func (l *webhookList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	ctx, cancel := context.WithTimeout(l.data.withLogMasks(ctx), defaultReadTimeout)
	got, err := l.data.client.Webhooks(l.kind.service).Get(ctx)
	cancel()
	if errors.Is(err, trtcapi.ErrNoConfiguration) {
		stream.Results = list.NoListResults
		return
	}
	result := req.NewListResult(ctx)
	if err != nil {
		l.data.addAPIError(&result.Diagnostics, fmt.Sprintf("Could not read the %s webhook configuration", l.kind.product), err)
		stream.Results = list.ListResultsStreamDiagnostics(result.Diagnostics)
		return
	}
	result.DisplayName = fmt.Sprintf("SDKAppID %s: %s (%d events)", l.data.appID(), got.URL, len(got.Commands))
	l.data.setIdentity(ctx, result.Identity, &result.Diagnostics)
	if req.IncludeResource {
		commands, diags := commandSet(l.kind, got.Commands)
		result.Diagnostics.Append(diags...)
		// timeouts stays null: it is the user's to set.
		result.Diagnostics.Append(result.Resource.SetAttribute(ctx, path.Root("id"), types.StringValue(l.data.appID()))...)
		result.Diagnostics.Append(result.Resource.SetAttribute(ctx, path.Root("url"), types.StringValue(got.URL))...)
		result.Diagnostics.Append(result.Resource.SetAttribute(ctx, path.Root("callback_commands"), commands)...)
	}
	stream.Results = func(push func(list.ListResult) bool) { push(result) }
}
