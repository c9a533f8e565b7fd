package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// The create rule (DESIGN.md): a create never overwrites a configuration
// Terraform does not manage. It reads first and writes only when the app
// has none, when what it holds is exactly what the create is about to
// write (nothing is overwritten), or when what it holds is a lagging read
// of a configuration deleted moments ago (by this apply, per the ledger,
// or by an earlier run: such a read is given the lag window to go away).
// Anything else is refused with import instructions.

// errAnotherConfiguration is a create refused under the create rule.
var errAnotherConfiguration = errors.New("the app has another configuration")

func (r *webhookResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan webhookResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	timeout, diags := plan.Timeouts.Create(ctx, defaultWriteTimeout)
	resp.Diagnostics.Append(diags...)
	want, diags := plan.toConfig(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(r.data.withLogMasks(ctx), timeout)
	defer cancel()
	summary := fmt.Sprintf("Could not create the %s webhook configuration", r.kind.product)

	stale, err := r.clearToCreate(ctx, want)
	if err == nil {
		err = r.write(ctx, want)
	}
	plan.ID = types.StringValue(r.data.appID())
	switch {
	case errors.Is(err, errAnotherConfiguration):
		r.addAlreadyExists(&resp.Diagnostics, summary)
		return
	case errors.As(err, new(*uncertainWrite)):
		// The write may have landed. Record the resource, with a warning
		// rather than an error: an error would taint it, and replacing a
		// tainted resource deletes the webhook before writing it again.
		// The next refresh settles it: present, it is kept; absent, the
		// plan creates it.
		resp.Diagnostics.AddWarning(summary+": not confirmed", fmt.Sprintf(
			"TRTC gave no definitive answer, so the configuration may or may not have been written:\n\n%s\n\n"+
				"The resource is recorded in the state. The next plan reads it back: if TRTC holds it, nothing "+
				"changes; if not, the plan creates it.", err))
	case err != nil:
		r.data.addAPIError(&resp.Diagnostics, summary, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	r.data.setIdentity(ctx, resp.Identity, &resp.Diagnostics)
	recordWrite(ctx, resp.Private, stale, &resp.Diagnostics)
}

// clearToCreate applies the create rule and returns the answers a lagging
// read may still give after the write (for the read-after-write note).
func (r *webhookResource) clearToCreate(ctx context.Context, want trtcapi.WebhookConfig) ([]*trtcapi.WebhookConfig, error) {
	stale := []*trtcapi.WebhookConfig{nil}
	lagging := func(got trtcapi.WebhookConfig) bool {
		return r.data.writes.removedHere(r.singleton(), got, settleWindow)
	}
	got, err := r.api().GetWhile(ctx, time.Now().Add(settleWindow), func(got trtcapi.WebhookConfig, err error) bool {
		// Another configuration may be a read lagging an earlier run's
		// delete: read it again until the lag window ends.
		return err == nil && !got.Equal(want) && !lagging(got)
	})
	switch {
	case errors.Is(err, trtcapi.ErrNoConfiguration):
		return stale, nil
	case err != nil:
		return nil, err
	case got.Equal(want):
		return stale, nil
	case lagging(got):
		return append(stale, &got), nil
	}
	return nil, errAnotherConfiguration
}

// uncertainWrite is a create whose write may have landed unseen. Reads
// can be uncertain too (a dropped connection), but only a write's
// uncertainty means there may be something to record.
type uncertainWrite struct{ error }

func (u *uncertainWrite) Unwrap() error { return u.error }

// write sends the create and records it in the ledger. A certain "already
// exists" (100300) means TRTC holds a configuration the read did not show:
// it is read back, and only the very configuration being written counts as
// success.
func (r *webhookResource) write(ctx context.Context, want trtcapi.WebhookConfig) error {
	unlock := r.data.writes.lock(r.singleton())
	defer unlock()
	err := r.api().Create(ctx, want)
	if errors.Is(err, trtcapi.ErrAlreadyExists) && !trtcapi.IsUncertain(err) {
		got, rerr := r.api().GetWhile(ctx, time.Now().Add(settleWindow), func(_ trtcapi.WebhookConfig, err error) bool {
			return errors.Is(err, trtcapi.ErrNoConfiguration) // it exists: absent is a lagging read
		})
		switch {
		case rerr == nil && got.Equal(want):
			err = nil
		case rerr == nil || errors.Is(rerr, trtcapi.ErrNoConfiguration):
			err = errAnotherConfiguration
		}
	}
	switch {
	case err == nil:
		r.data.writes.wrote(r.singleton())
	case trtcapi.IsUncertain(err):
		r.data.writes.wrote(r.singleton())
		err = &uncertainWrite{err}
	}
	return err
}

func (r *webhookResource) addAlreadyExists(diags *diag.Diagnostics, summary string) {
	id, typeName := r.data.appID(), r.kind.typeName()
	diags.AddError(summary, fmt.Sprintf(
		"SDKAppID %[1]s already has a different %[2]s webhook configuration, and creating one would replace it. "+
			"Nothing was changed.\n\nTo manage the existing configuration with Terraform, import it:\n\n"+
			"  terraform import %[3]s.<name> %[1]s\n\nor, with Terraform 1.5 or later, add an import block and apply:\n\n"+
			"  import {\n    to = %[3]s.<name>\n    id = %[1]q\n  }\n\n"+
			"If it belongs to a resource that this apply replaces with create_before_destroy, apply the change "+
			"without -replace instead: the webhook is updated in place.",
		id, r.kind.product, typeName))
}
