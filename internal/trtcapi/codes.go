package trtcapi

// Error codes the client acts on (docs/development/trtc-api.md §2, §4 and §9).
const (
	CodeOK = 0

	CodeMalformedRequest   = 60002
	CodeBodyNotJSON        = 60003
	CodeInvalidSDKAppID    = 60006
	CodeServiceTimeout     = 60008
	CodeUnknownCommand     = 60009
	CodeNotAdministrator   = 60010
	CodeUserSigExpired     = 70001
	CodeUserSigEmpty       = 70002
	CodeUserSigMalformed   = 70003
	CodeWrongKey           = 70009
	CodeIdentifierMismatch = 70013
	CodeSDKAppIDMismatch   = 70014
	CodeUnknownApp         = 70016
	CodeUnknownAppRegion   = 70020
	CodeSigCheckLockout    = 70050

	CodeInternalError    = 100001
	CodeInvalidParameter = 100002
	CodeAlreadyExists    = 100300
	CodeNoConfiguration  = 100301
	CodeNoToken          = 100302

	// Gift catalogue (docs/development/trtc-api.md §9).
	CodeNotLiveAdministrator = 100006 // the caller is not an administrator; permanent
	CodeGiftRateLimited      = 100012 // "maximum of 1 call/s" of one command; waited out
	CodeNotLiveKitEdition    = 102001 // the app has no TUILiveKit trial or paid edition
)

// Class says what a caller should do about an ErrorCode.
type Class int

const (
	// ClassPermanent: retrying cannot help (bad input, configuration, or a
	// state the caller must handle such as 100300/100301).
	ClassPermanent Class = iota
	// ClassRetry: a transient fault; retry with backoff.
	ClassRetry
	// ClassRateLimited: retry, but back off longer.
	ClassRateLimited
	// ClassExpiredSig: sign a fresh UserSig and retry once.
	ClassExpiredSig
)

// Classify returns the class of an ErrorCode.
func Classify(code int) Class {
	switch code {
	case CodeInternalError, CodeServiceTimeout:
		return ClassRetry
	case 60007, 60011, 60018, 60019, CodeSigCheckLockout, CodeGiftRateLimited:
		return ClassRateLimited
	case CodeUserSigExpired:
		return ClassExpiredSig
	}
	return ClassPermanent
}

func (c Class) String() string {
	switch c {
	case ClassRetry:
		return "retry"
	case ClassRateLimited:
		return "rate_limited"
	case ClassExpiredSig:
		return "expired_usersig"
	}
	return "permanent"
}
