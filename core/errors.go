package cors

import (
	"fmt"
	"strconv"
)

// ErrorCode is a stable, machine-readable name for one kind of configuration
// problem (the messages are for people and may change). Every error New
// reports carries one in its Code field and unwraps to it, so
// errors.Is(err, cors.ErrOriginNotSerialized) tells whether err, or any
// problem joined into it, is of that kind.
type ErrorCode string

// Error returns "cors: " and the code.
func (c ErrorCode) Error() string { return "cors: " + string(c) }

// The kinds of configuration problems.
const (
	// ErrOriginNotSerialized: an AllowedOrigins entry is not a serialized
	// origin (no scheme, upper case, a path, a default port, …).
	ErrOriginNotSerialized ErrorCode = "origin-not-serialized"
	// ErrOriginNull: "null" or a file: origin, which a list never matches.
	ErrOriginNull ErrorCode = "origin-null"
	// ErrOriginPattern: a wildcard that is not "*" alone, "*." in front of a
	// domain, or a ":*" port.
	ErrOriginPattern ErrorCode = "origin-pattern"
	// ErrOriginNeverMatches: an entry no browser origin can match, such as
	// a "*." pattern whose domain leaves no room for a label, or a host
	// that is not valid punycode.
	ErrOriginNeverMatches ErrorCode = "origin-never-matches"
	// ErrOriginWildcardCombined: "*" together with other origins, or with
	// AllowOriginFunc or AllowOriginRequestFunc.
	ErrOriginWildcardCombined ErrorCode = "origin-wildcard-combined"
	// ErrDuplicate: an entry of a list repeats an earlier one.
	ErrDuplicate ErrorCode = "duplicate"
	// ErrCredentialsWildcard: "*" in AllowedOrigins or ExposedHeaders
	// together with AllowCredentials.
	ErrCredentialsWildcard ErrorCode = "credentials-wildcard"
	// ErrCredentialsInsecureOrigin: an http: origin other than loopback
	// together with AllowCredentials.
	ErrCredentialsInsecureOrigin ErrorCode = "credentials-insecure-origin"
	// ErrCredentialsPublicSuffix: a pattern covering a public suffix
	// together with AllowCredentials.
	ErrCredentialsPublicSuffix ErrorCode = "credentials-public-suffix"
	// ErrMethodNotToken: an AllowedMethods entry is not a method token.
	ErrMethodNotToken ErrorCode = "method-not-token"
	// ErrMethodTooLong: an AllowedMethods entry is longer than
	// MaxMethodLength.
	ErrMethodTooLong ErrorCode = "method-too-long"
	// ErrMethodForbidden: CONNECT, TRACE or TRACK, which browsers never send.
	ErrMethodForbidden ErrorCode = "method-forbidden"
	// ErrHeaderNotToken: an AllowedHeaders or ExposedHeaders entry is not a
	// header name.
	ErrHeaderNotToken ErrorCode = "header-not-token"
	// ErrHeaderTooLong: an AllowedHeaders entry is longer than 256 bytes.
	ErrHeaderTooLong ErrorCode = "header-too-long"
	// ErrHeaderForbidden: a request header only browsers set, in
	// AllowedHeaders, or Set-Cookie, in ExposedHeaders.
	ErrHeaderForbidden ErrorCode = "header-forbidden"
	// ErrMaxAgeTooLong: MaxAge above 24 hours.
	ErrMaxAgeTooLong ErrorCode = "max-age-too-long"
	// ErrMaxAgeFraction: MaxAge is not a whole number of seconds.
	ErrMaxAgeFraction ErrorCode = "max-age-fraction"
	// ErrStatusOutOfRange: PreflightSuccessStatus outside 200–299.
	ErrStatusOutOfRange ErrorCode = "status-out-of-range"
	// ErrNoOrigin: the Config allows no origin at all.
	ErrNoOrigin ErrorCode = "no-origin"
	// ErrScopeHost: a Scope's Host is not a lower-case host name or
	// "*." pattern without a port.
	ErrScopeHost ErrorCode = "scope-host"
	// ErrScopePathPrefix: a Scope's PathPrefix is not a clean path.
	ErrScopePathPrefix ErrorCode = "scope-path-prefix"
	// ErrScopeOverlap: two Scopes cover the same host and path prefix.
	ErrScopeOverlap ErrorCode = "scope-overlap"
)

// OriginError reports a problem with an entry of AllowedOrigins.
type OriginError struct {
	Code   ErrorCode
	Index  int    // position in AllowedOrigins
	Value  string // the entry as configured
	Reason string // what is wrong
	Fix    string // the canonical form meant, or "" when none can be guessed
}

func (e *OriginError) Error() string {
	return fieldMessage("AllowedOrigins", e.Index, e.Value, e.Reason, e.Fix)
}

// Unwrap returns e.Code.
func (e *OriginError) Unwrap() error { return e.Code }

// MethodError reports a problem with an entry of AllowedMethods.
type MethodError struct {
	Code   ErrorCode
	Index  int
	Value  string
	Reason string
}

func (e *MethodError) Error() string {
	return fieldMessage("AllowedMethods", e.Index, e.Value, e.Reason, "")
}

// Unwrap returns e.Code.
func (e *MethodError) Unwrap() error { return e.Code }

// HeaderError reports a problem with an entry of AllowedHeaders or
// ExposedHeaders.
type HeaderError struct {
	Code   ErrorCode
	Field  string // "AllowedHeaders" or "ExposedHeaders"
	Index  int
	Value  string
	Reason string
}

func (e *HeaderError) Error() string {
	return fieldMessage(e.Field, e.Index, e.Value, e.Reason, "")
}

// Unwrap returns e.Code.
func (e *HeaderError) Unwrap() error { return e.Code }

// CredentialsError reports a setting that is unsafe or meaningless together
// with AllowCredentials, such as a "*" origin.
type CredentialsError struct {
	Code   ErrorCode
	Field  string
	Index  int // -1 when the whole field is meant
	Value  string
	Reason string
	OptIn  string // the Config field that accepts the risk, or ""
}

func (e *CredentialsError) Error() string {
	msg := fieldMessage(e.Field, e.Index, e.Value, e.Reason, "")
	if e.OptIn != "" {
		msg += " (set " + e.OptIn + " to accept the risk)"
	}
	return msg
}

// Unwrap returns e.Code.
func (e *CredentialsError) Unwrap() error { return e.Code }

// ValueError reports a scalar field out of range or malformed: MaxAge,
// PreflightSuccessStatus, or a Scope's Host or PathPrefix.
type ValueError struct {
	Code   ErrorCode
	Field  string
	Value  string
	Reason string
	Fix    string // the value probably meant, as Go source, or ""
}

func (e *ValueError) Error() string {
	return fieldMessage(e.Field, -1, e.Value, e.Reason, e.Fix)
}

// Unwrap returns e.Code.
func (e *ValueError) Unwrap() error { return e.Code }

// NoOriginError reports a Config that allows no origin at all:
// AllowedOrigins is empty and AllowOriginFunc and AllowOriginRequestFunc are
// nil. It unwraps to ErrNoOrigin.
type NoOriginError struct{}

func (*NoOriginError) Error() string {
	return `cors: AllowedOrigins is empty and AllowOriginFunc and AllowOriginRequestFunc are nil, so no origin is allowed; list origins or use "*"`
}

// Unwrap returns ErrNoOrigin.
func (*NoOriginError) Unwrap() error { return ErrNoOrigin }

func fieldMessage(field string, index int, value, reason, fix string) string {
	name := field
	if index >= 0 {
		name += "[" + strconv.Itoa(index) + "]"
	}
	msg := fmt.Sprintf("cors: %s %q %s", name, value, reason)
	if value == "" && index < 0 {
		msg = fmt.Sprintf("cors: %s %s", name, reason)
	}
	if fix != "" {
		msg += fmt.Sprintf("; did you mean %q?", fix)
	}
	return msg
}
