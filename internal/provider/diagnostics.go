package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// addAPIError reports a failed call: ErrorCode, ErrorInfo and RequestId
// when the service answered, what went wrong when it did not, and a hint
// naming the provider attribute when the cause is configuration. Neither
// the client's errors nor the hints contain secrets.
func (d *providerData) addAPIError(diags *diag.Diagnostics, summary string, err error, hints ...string) {
	var b strings.Builder
	var apiErr *trtcapi.APIError
	var reqErr *trtcapi.RequestError
	switch {
	case errors.As(err, &reqErr) && reqErr.TimedOut:
		fmt.Fprintf(&b, "TRTC %s/%s timed out after %d attempt(s).\n", reqErr.Service, reqErr.Command, reqErr.Attempts)
		fmt.Fprintf(&b, "Last error: %v\n", reqErr.Err)
		b.WriteString("\nThe operation's timeout ran out. If TRTC is slow rather than down, raise it in the " +
			"resource's timeouts block; request_timeout bounds each single request.")
		if errors.As(err, &apiErr) {
			writeAPIFields(&b, apiErr)
		}
	case errors.As(err, &apiErr):
		fmt.Fprintf(&b, "TRTC %s/%s answered with an error.\n", apiErr.Service, apiErr.Command)
		writeAPIFields(&b, apiErr)
		if hint := d.hint(apiErr.ErrorCode); hint != "" {
			b.WriteString("\n" + hint)
		}
	default:
		b.WriteString(err.Error())
	}
	for _, h := range hints {
		b.WriteString("\n" + h)
	}
	diags.AddError(summary, b.String())
}

func writeAPIFields(b *strings.Builder, e *trtcapi.APIError) {
	info := e.ErrorInfo
	if info == "" {
		info = "(none)"
	}
	requestID := e.RequestID
	if requestID == "" {
		requestID = "(none)"
	}
	fmt.Fprintf(b, "\nErrorCode: %d\nErrorInfo: %s\nRequestId: %s\n", e.ErrorCode, info, requestID)
	if e.Attempts > 1 {
		fmt.Fprintf(b, "Attempts: %d\n", e.Attempts)
	}
}

// hint explains the codes that point at the provider configuration.
func (d *providerData) hint(code int) string {
	credential := "secret_key (" + envSecretKey + ")"
	if d.usesUserSig {
		credential = "user_sig (" + envUserSig + ")"
	}
	switch code {
	case trtcapi.CodeNotAdministrator:
		return "Hint: identifier (" + envIdentifier + ") must be an App administrator account of SDKAppID " +
			d.appID() + ". Every app has \"" + defaultIdentifier + "\"; others are added in the console."
	case trtcapi.CodeWrongKey:
		if d.usesUserSig {
			return "Hint: user_sig (" + envUserSig + ") was not signed with the secret key of SDKAppID " +
				d.appID() + "."
		}
		return "Hint: secret_key (" + envSecretKey + ") does not belong to SDKAppID " + d.appID() +
			". Copy the key of this app from the TRTC console."
	case trtcapi.CodeUnknownApp, trtcapi.CodeUnknownAppRegion:
		return "Hint: SDKAppID " + d.appID() + " is not hosted in this data centre. Check region (" +
			envRegion + ") or endpoint (" + envEndpoint + ") against the app's region in the TRTC console, " +
			"and sdk_app_id (" + envSDKAppID + ")."
	case trtcapi.CodeUserSigExpired:
		if d.usesUserSig {
			return "Hint: user_sig (" + envUserSig + ") has expired. Generate a new one, or set secret_key so the provider signs its own."
		}
		return "Hint: TRTC still found the freshly signed UserSig expired. Check this machine's clock."
	case trtcapi.CodeSDKAppIDMismatch:
		return "Hint: the UserSig was issued for another app. Check sdk_app_id (" + envSDKAppID + ") and " + credential + "."
	case trtcapi.CodeIdentifierMismatch:
		return "Hint: the UserSig was issued for another account. Check identifier (" + envIdentifier + ") and " + credential + "."
	case trtcapi.CodeInvalidSDKAppID:
		return "Hint: sdk_app_id (" + envSDKAppID + ") is not a valid SDKAppID."
	case 60016, 60017, 60020, 60021:
		return "Hint: the app is disabled, its package has expired, or this machine's IP address is not allowed to call the REST API. Check the app in the TRTC console."
	case trtcapi.CodeSigCheckLockout:
		return "Hint: too many requests failed their signature check; TRTC blocks the app's REST calls for a minute. Check " + credential + "."
	case trtcapi.CodeInvalidParameter:
		return "Hint: TRTC rejected a parameter; ErrorInfo names it."
	}
	return ""
}
