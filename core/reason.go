package cors

// ReasonCode names why a decision was taken. Codes are stable; their text is
// for people.
type ReasonCode uint8

// The reasons a Decision can carry.
const (
	ReasonNotCORS ReasonCode = iota
	ReasonOriginAllowed
	ReasonAnyOrigin
	ReasonPreflightAllowed
	ReasonOriginNotAllowed
	ReasonOriginMalformed
	ReasonOriginRepeated
	ReasonMethodNotAllowed
	ReasonMethodMalformed
	ReasonMethodRepeated
	ReasonHeaderNotAllowed
	ReasonHeadersMalformed
	ReasonHeadersTooLong
	ReasonPrivateNetworkNotAllowed
	ReasonMethodTooLong
)

var reasonText = [...]string{
	ReasonNotCORS:                  "no Origin header: not a CORS request",
	ReasonOriginAllowed:            "origin allowed",
	ReasonAnyOrigin:                "every origin is allowed",
	ReasonPreflightAllowed:         "preflight allowed",
	ReasonOriginNotAllowed:         "origin not allowed",
	ReasonOriginMalformed:          "Origin is not a serialized origin",
	ReasonOriginRepeated:           "more than one Origin header line",
	ReasonMethodNotAllowed:         "method not allowed",
	ReasonMethodMalformed:          "Access-Control-Request-Method is not a method token",
	ReasonMethodRepeated:           "more than one Access-Control-Request-Method header line",
	ReasonHeaderNotAllowed:         "request header not allowed",
	ReasonHeadersMalformed:         "Access-Control-Request-Headers is not a list of header names",
	ReasonHeadersTooLong:           "Access-Control-Request-Headers exceeds the parsing bound",
	ReasonPrivateNetworkNotAllowed: "private network access not allowed",
	ReasonMethodTooLong:            "Access-Control-Request-Method is longer than MaxMethodLength",
}

// Reason explains a decision: a code and, where one helps, a detail such as
// the refused method or header name (a substring of the request, possibly
// truncated; never used in a response header).
type Reason struct {
	Code   ReasonCode
	Detail string
}

// String returns the reason in words, e.g. `request header not allowed: "x-foo"`.
func (r Reason) String() string {
	text := "unknown reason"
	if int(r.Code) < len(reasonText) {
		text = reasonText[r.Code]
	}
	if r.Detail == "" {
		return text
	}
	return text + ": " + quoteDetail(r.Detail)
}

// maxDetail bounds how much of a hostile value a reason repeats.
const maxDetail = 64

func quoteDetail(s string) string {
	b := make([]byte, 0, min(len(s), maxDetail)+len(`""…`))
	b = append(b, '"')
	for i := 0; i < len(s) && i < maxDetail; i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c >= 0x7f:
			const hex = "0123456789abcdef"
			b = append(b, '\\', 'x', hex[c>>4], hex[c&15])
		default:
			b = append(b, c)
		}
	}
	if len(s) > maxDetail {
		b = append(b, "…"...)
	}
	b = append(b, '"')
	return string(b)
}

// Denied reports whether the code is a refusal.
func (c ReasonCode) Denied() bool { return c >= ReasonOriginNotAllowed }
