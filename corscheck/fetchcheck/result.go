package fetchcheck

// Result is the verdict of a check.
type Result struct {
	// OK is true when the browser lets the request or response through.
	OK bool
	// Error is "" when OK; otherwise the name of Chromium's
	// network::mojom::CorsError (one of the constants in this package).
	Error string
	// Detail is Chromium's failedParameter: the refused method or header
	// name, or the offending Access-Control-Allow-Origin,
	// Access-Control-Allow-Credentials, Access-Control-Allow-Private-Network
	// or Location value; "" when Chromium reports none.
	Detail string
	// Message is the text Chromium's console prints after "has been
	// blocked by CORS policy: " for a fetch() call.
	Message string
	// Fix is the concrete server-side change that makes the check pass.
	Fix string
}

// Chromium's CORS error names (network::mojom::CorsError without the k).
const (
	WildcardOriginNotAllowed             = "WildcardOriginNotAllowed"
	MissingAllowOriginHeader             = "MissingAllowOriginHeader"
	MultipleAllowOriginValues            = "MultipleAllowOriginValues"
	InvalidAllowOriginValue              = "InvalidAllowOriginValue"
	AllowOriginMismatch                  = "AllowOriginMismatch"
	InvalidAllowCredentials              = "InvalidAllowCredentials"
	PreflightInvalidStatus               = "PreflightInvalidStatus"
	PreflightDisallowedRedirect          = "PreflightDisallowedRedirect"
	PreflightWildcardOriginNotAllowed    = "PreflightWildcardOriginNotAllowed"
	PreflightMissingAllowOriginHeader    = "PreflightMissingAllowOriginHeader"
	PreflightMultipleAllowOriginValues   = "PreflightMultipleAllowOriginValues"
	PreflightInvalidAllowOriginValue     = "PreflightInvalidAllowOriginValue"
	PreflightAllowOriginMismatch         = "PreflightAllowOriginMismatch"
	PreflightInvalidAllowCredentials     = "PreflightInvalidAllowCredentials"
	PreflightMissingAllowPrivateNetwork  = "PreflightMissingAllowPrivateNetwork"
	PreflightInvalidAllowPrivateNetwork  = "PreflightInvalidAllowPrivateNetwork"
	InvalidAllowMethodsPreflightResponse = "InvalidAllowMethodsPreflightResponse"
	InvalidAllowHeadersPreflightResponse = "InvalidAllowHeadersPreflightResponse"
	MethodDisallowedByPreflightResponse  = "MethodDisallowedByPreflightResponse"
	HeaderDisallowedByPreflightResponse  = "HeaderDisallowedByPreflightResponse"
	RedirectContainsCredentials          = "RedirectContainsCredentials"
)

// preflightPrefixed lists the errors Chromium's console prefixes with
// "Response to preflight request doesn't pass access control check: ".
var preflightPrefixed = map[string]bool{
	PreflightWildcardOriginNotAllowed: true, PreflightMissingAllowOriginHeader: true,
	PreflightMultipleAllowOriginValues: true, PreflightInvalidAllowOriginValue: true,
	PreflightAllowOriginMismatch: true, PreflightInvalidAllowCredentials: true,
	PreflightInvalidStatus: true, PreflightDisallowedRedirect: true,
	PreflightMissingAllowPrivateNetwork: true, PreflightInvalidAllowPrivateNetwork: true,
}

const noCorsHint = " Have the server send the header with a valid value, or, if an opaque " +
	"response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled."

// ConsoleMessage returns the text Chromium prints after "has been blocked by
// CORS policy: " for a fetch() call failing with the error called name and
// failedParameter detail; "" for an unknown name.
func ConsoleMessage(name, detail string) string {
	var m string
	switch name {
	case WildcardOriginNotAllowed, PreflightWildcardOriginNotAllowed:
		m = "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."
	case MissingAllowOriginHeader, PreflightMissingAllowOriginHeader:
		m = "No 'Access-Control-Allow-Origin' header is present on the requested resource." +
			" If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled."
	case MultipleAllowOriginValues, PreflightMultipleAllowOriginValues:
		m = "The 'Access-Control-Allow-Origin' header contains multiple values '" + detail + "', but only one is allowed." + noCorsHint
	case InvalidAllowOriginValue, PreflightInvalidAllowOriginValue:
		m = "The 'Access-Control-Allow-Origin' header contains the invalid value '" + detail + "'." + noCorsHint
	case AllowOriginMismatch, PreflightAllowOriginMismatch:
		m = "The 'Access-Control-Allow-Origin' header has a value '" + detail + "' that is not equal to the supplied origin." + noCorsHint
	case InvalidAllowCredentials, PreflightInvalidAllowCredentials:
		m = "The value of the 'Access-Control-Allow-Credentials' header in the response is '" + detail + "' which must be 'true' when the request's credentials mode is 'include'."
	case PreflightInvalidStatus:
		m = "It does not have HTTP ok status."
	case PreflightDisallowedRedirect:
		m = "Redirect is not allowed for a preflight request."
	case PreflightMissingAllowPrivateNetwork:
		m = "No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the `private` address space."
	case PreflightInvalidAllowPrivateNetwork:
		m = "The 'Access-Control-Allow-Private-Network' header in the preflight response for this private network request targeting the `private` address space had a value of '" + detail + "',  not 'true'."
	case InvalidAllowMethodsPreflightResponse:
		m = "Cannot parse Access-Control-Allow-Methods response header field in preflight response."
	case InvalidAllowHeadersPreflightResponse:
		m = "Cannot parse Access-Control-Allow-Headers response header field in preflight response."
	case MethodDisallowedByPreflightResponse:
		m = "Method " + detail + " is not allowed by Access-Control-Allow-Methods in preflight response."
	case HeaderDisallowedByPreflightResponse:
		m = "Request header field " + detail + " is not allowed by Access-Control-Allow-Headers in preflight response."
	case RedirectContainsCredentials:
		m = "Redirect location '" + detail + "' contains a username and password, which is disallowed for cross-origin requests."
	default:
		return ""
	}
	if preflightPrefixed[name] {
		m = "Response to preflight request doesn't pass access control check: " + m
	}
	return m
}

func fail(name, detail, fix string) Result {
	return Result{Error: name, Detail: detail, Message: ConsoleMessage(name, detail), Fix: fix}
}

var okResult = Result{OK: true}
