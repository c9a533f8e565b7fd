package provider

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// SDKAppIDs are unsigned 32-bit integers. One rule serves every place an
// SDKAppID enters: the provider block, TRTC_SDK_APP_ID, import IDs and
// resource identities.
const maxSDKAppID = math.MaxUint32

var errSDKAppIDRange = fmt.Errorf("must be a whole number from 1 to %d", uint64(maxSDKAppID))

// parseSDKAppID reads a decimal SDKAppID (an env variable or import ID).
func parseSDKAppID(raw string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimSpace(raw), 10, 32)
	if err != nil || id == 0 {
		return 0, errSDKAppIDRange
	}
	return id, nil
}

// sdkAppIDFromNumber reads an SDKAppID from an HCL number, which may be a
// fraction or any size: the schema takes a Number, not an Int64, so that
// such values are a clear error on the attribute rather than a failed
// conversion.
func sdkAppIDFromNumber(v *big.Float) (uint64, error) {
	if v == nil || !v.IsInt() || v.Sign() <= 0 {
		return 0, errSDKAppIDRange
	}
	id, accuracy := v.Uint64()
	if accuracy != big.Exact || id > maxSDKAppID {
		return 0, errSDKAppIDRange
	}
	return id, nil
}

func sdkAppIDString(id uint64) string { return strconv.FormatUint(id, 10) }

// sdkAppIDValidator checks a Number attribute holding an SDKAppID.
type sdkAppIDValidator struct{}

func (sdkAppIDValidator) Description(context.Context) string {
	return fmt.Sprintf("must be a whole number from 1 to %d", uint64(maxSDKAppID))
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
