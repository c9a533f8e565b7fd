package provider

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/trtc/terraform-provider-trtc/internal/trtcapi"
)

// addAPIError reports a failed call: ErrorCode, ErrorInfo and RequestId
// when the service answered, what went wrong when it did not, and a hint
// naming the provider attribute when the cause is configuration. Neither
// the client's errors nor the hints contain secrets.
func (a *app) addAPIError(diags *diag.Diagnostics, summary string, err error, hints ...string) {
	var b strings.Builder
	var apiErr *trtcapi.APIError
	var reqErr *trtcapi.RequestError
	switch {
	case errors.As(err, &reqErr) && reqErr.TimedOut:
		fmt.Fprintf(&b, "TRTC %s/%s timed out after %d attempt(s).\n", reqErr.Service, reqErr.Command, reqErr.Attempts)
		fmt.Fprintf(&b, "Last error: %v\n", reqErr.Err)
		if reqErr.RetryAfter > 0 {
			fmt.Fprintf(&b, "\nTRTC asked to wait %v before retrying (Retry-After), longer than the %v left of the "+
				"operation's timeout, so the provider stopped rather than wait. Try again later, or raise the "+
				"resource's timeouts block above that wait.", roundWait(reqErr.RetryAfter), roundLeft(reqErr.TimeLeft))
		} else {
			b.WriteString("\nThe operation's timeout ran out. If TRTC is slow rather than down, raise it in the " +
				"resource's timeouts block; request_timeout bounds each single request.")
		}
		if errors.As(err, &apiErr) {
			writeAPIFields(&b, apiErr)
		}
	case errors.As(err, &apiErr):
		fmt.Fprintf(&b, "TRTC %s/%s answered with an error.\n", apiErr.Service, apiErr.Command)
		writeAPIFields(&b, apiErr)
		var full *trtcapi.CapacityError
		if errors.As(err, &full) {
			b.WriteString("\n" + a.capacityHint(full))
		} else if hint := a.hint(apiErr.ErrorCode); hint != "" {
			b.WriteString("\n" + hint)
		}
	default:
		b.WriteString(err.Error())
	}
	var statusErr *trtcapi.HTTPStatusError
	if errors.As(err, &statusErr) && statusErr.StatusCode == http.StatusNotFound {
		b.WriteString("\n\n" + a.notFoundHint(reqErr))
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

// attr names an attribute of the app's configuration as a user finds it:
// "secret_key (TRTC_SECRET_KEY)" for the default app, "apps[1].secret_key"
// for an entry.
func (a *app) attr(name, env string) string {
	if a.settings.entry != "" {
		return a.settings.entry + "." + name
	}
	return name + " (" + env + ")"
}

// hint explains the codes that point at the provider configuration.
func (a *app) hint(code int) string {
	credential := a.attr(attrSecretKey, envSecretKey)
	if a.usesUserSig() {
		credential = a.attr(attrUserSig, envUserSig)
	}
	switch code {
	case trtcapi.CodeNotAdministrator:
		return "Hint: " + a.attr(attrIdentifier, envIdentifier) + " must be an App administrator account of SDKAppID " +
			a.idText + ". Every app has \"" + defaultIdentifier + "\"; others are added in the console."
	case trtcapi.CodeWrongKey:
		if a.usesUserSig() {
			return "Hint: " + credential + " was not signed with the secret key of SDKAppID " + a.idText + "."
		}
		return "Hint: " + credential + " does not belong to SDKAppID " + a.idText +
			". Copy the key of this app from the TRTC console."
	case trtcapi.CodeUnknownApp, trtcapi.CodeUnknownAppRegion:
		return "Hint: SDKAppID " + a.idText + " is not hosted in this data centre. Check " + a.attr(attrRegion, envRegion) +
			" or " + a.attr(attrEndpoint, envEndpoint) + " against the app's region in the TRTC console, and " +
			a.attr(attrSDKAppID, envSDKAppID) + "."
	case trtcapi.CodeUserSigExpired:
		if a.usesUserSig() {
			return "Hint: " + credential + " has expired. Generate a new one, or set secret_key so the provider signs its own."
		}
		return "Hint: TRTC still found the freshly signed UserSig expired. Check this machine's clock."
	case trtcapi.CodeSDKAppIDMismatch:
		return "Hint: the UserSig was issued for another app. Check " + a.attr(attrSDKAppID, envSDKAppID) + " and " + credential + "."
	case trtcapi.CodeIdentifierMismatch:
		return "Hint: the UserSig was issued for another account. Check " + a.attr(attrIdentifier, envIdentifier) + " and " + credential + "."
	case trtcapi.CodeInvalidSDKAppID:
		return "Hint: " + a.attr(attrSDKAppID, envSDKAppID) + " is not a valid SDKAppID."
	case 60016, 60017, 60020, 60021:
		return "Hint: the app is disabled, its package has expired, or this machine's IP address is not allowed to call the REST API. Check the app in the TRTC console."
	case trtcapi.CodeSigCheckLockout:
		return "Hint: too many requests failed their signature check; TRTC blocks the app's REST calls for a minute. Check " + credential + "."
	case trtcapi.CodeInvalidParameter:
		return "Hint: TRTC rejected a parameter; ErrorInfo names it."
	case trtcapi.CodeNotLiveKitEdition:
		return "Hint: SDKAppID " + a.idText + " has no TUILiveKit trial or paid edition, which the gift catalogue " +
			"needs. Start a trial or buy an edition for this app in the TRTC console (TUILiveKit), then apply again."
	case trtcapi.CodeNotLiveAdministrator:
		return "Hint: " + a.attr(attrIdentifier, envIdentifier) + " is not an administrator of SDKAppID " + a.idText +
			". Every app has \"" + defaultIdentifier + "\"."
	}
	return ""
}

// capacityHint explains an add refused because the app's package holds no
// more gifts or categories.
func (a *app) capacityHint(e *trtcapi.CapacityError) string {
	one, many, noun := "gift", "gifts", "gift"
	if e.Kind == trtcapi.CapacityCategory {
		one, many, noun = "category", "categories", "gift_category"
	}
	holds := "holds no more " + many
	switch {
	case e.Limit == 1:
		holds = "holds 1 " + one + ", and has it"
	case e.Limit > 1:
		holds = fmt.Sprintf("holds at most %d %s, and has them all", e.Limit, many)
	}
	return fmt.Sprintf("Hint: the TUILiveKit package of SDKAppID %s %s. Delete %s the app no longer needs "+
		"(data.%s lists the whole catalogue; compare it with your trtc_live_%s resources to find those nobody "+
		"manages), or move the app to a package that holds more.",
		a.idText, holds, many, liveGiftsType, noun)
}

// notFoundHint explains an HTTP 404: TRTC's gateways answer it for a path
// they do not serve, which is what a base URL with a path of its own
// produces.
func (a *app) notFoundHint(reqErr *trtcapi.RequestError) string {
	path := "/v4/{service}/{command}"
	if reqErr != nil && reqErr.Service != "" {
		path = "/v4/" + reqErr.Service + "/" + reqErr.Command
	}
	if a.settings.viaRegion {
		return "Hint: HTTP 404 means the gateway serves no such path. " + a.attr(attrRegion, envRegion) + " chose the " +
			"data centre, and the service path " + path + " was not found there: check the region against the app's " +
			"region in the TRTC console."
	}
	return "Hint: HTTP 404 means the gateway serves no such path. " + a.attr(attrEndpoint, envEndpoint) + " should be " +
		"the data centre's base URL such as https://adminapisgp.im.qcloud.com; the provider adds " +
		"/v4/{service}/{command} (here " + path + ") itself."
}

// roundWait shows a wait the server asked for to the second, as
// Retry-After gives it.
func roundWait(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Second)
}

// roundLeft shows the time that was left without overstating it: whole
// seconds, or milliseconds under a second.
func roundLeft(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Truncate(time.Second)
}
