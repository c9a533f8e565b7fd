package provider

import (
	"context"
	"fmt"
	"math/big"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// Where Terraform values become SDKAppIDs. The rule itself is the client's
// (trtcapi.CheckSDKAppID), whichever way an SDKAppID enters: an attribute,
// TRTC_SDK_APP_ID, an import ID or an identity.

// parseSDKAppID reads a decimal SDKAppID (an env variable or import ID).
func parseSDKAppID(raw string) (uint64, error) { return trtcapi.ParseSDKAppID(raw) }

// sdkAppIDFromNumber reads an SDKAppID from an HCL number, which may be a
// fraction or any size: schemas take a Number, not an Int64, so that such
// values are a clear error on the attribute rather than a failed
// conversion.
func sdkAppIDFromNumber(v *big.Float) (uint64, error) {
	if v == nil || !v.IsInt() || v.Sign() <= 0 {
		return 0, trtcapi.CheckSDKAppID(0)
	}
	id, accuracy := v.Uint64()
	if accuracy != big.Exact {
		id = 0
	}
	return id, trtcapi.CheckSDKAppID(id)
}

func sdkAppIDString(id uint64) string { return strconv.FormatUint(id, 10) }

// sdkAppIDNumber is id as a Terraform number.
func sdkAppIDNumber(id uint64) *big.Float { return new(big.Float).SetUint64(id) }

// sdkAppIDValidator checks a Number attribute holding an SDKAppID.
type sdkAppIDValidator struct{}

func (sdkAppIDValidator) Description(context.Context) string {
	return fmt.Sprintf("must be a whole number from 1 to %d", uint64(trtcapi.MaxSDKAppID))
}

func (v sdkAppIDValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (sdkAppIDValidator) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueBigFloat()
	if _, err := sdkAppIDFromNumber(value); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid SDKAppID",
			fmt.Sprintf("%s %s (SDKAppIDs are 32-bit), got %s.", req.Path, err, value.Text('f', -1)))
	}
}
