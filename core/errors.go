package cors

import (
	"fmt"
	"strconv"
)

// ErrorCode is a stable, machine-readable name for one kind of configuration
// problem (the messages are for people and may change). Every ConfigError
// carries one in its Code field and unwraps to it, so
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
	// ErrOriginWildcardCombined: "*" together with other origins, with
	// AllowOriginFunc or AllowOriginRequestFunc, or with ForgeryProtection.
	ErrOriginWildcardCombined ErrorCode = "origin-wildcard-combined"
	// ErrJoinedEntries: one list entry holds several, joined by commas or
	// spaces ("GET, PUT"), as other libraries' string options are written;
	// the message lists the separate entries to write instead.
	ErrJoinedEntries ErrorCode = "joined-entries"
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
	// 64 bytes.
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

// ConfigError reports one problem of a Config or ScopedConfig. New,
// NewScoped and the Reconfigure methods join every problem they find with
// errors.Join: errors.As(err, &ce) finds the first, errors.Is(err,
// cors.ErrJoinedEntries) tells whether any problem has that code (a ConfigError
// unwraps to its Code).
type ConfigError struct {
	Code ErrorCode
	// Scope locates the Config in a ScopedConfig: "Scopes[2]" or "Default";
	// "" for the Config given to New or Reconfigure, and for a problem of the
	// ScopedConfig as a whole.
	Scope string
	// Field is the setting at fault: a Config field ("AllowedOrigins",
	// "MaxAge", …) or a Scope's "Host" or "PathPrefix"; "" when the
	// configuration as a whole is meant.
	Field string
	// Index is the position of the entry in Field's list, or -1 when Field
	// is not a list or is meant as a whole.
	Index int
	// Value is the entry or value as configured ("" when the field is meant
	// as a whole).
	Value string
	// Fix is the value probably meant (for MaxAge, as Go source), or "" when
	// none can be guessed.
	Fix string

	problem string // what is wrong, in words
	optIn   string // the Config field that accepts the risk, or ""
	where   string // the scope with its host and path prefix, for the message
}

func (e *ConfigError) Error() string {
	msg := e.problem
	if e.Field != "" {
		msg = fieldMessage(e.Field, e.Index, e.Value, e.problem, e.Fix)
	}
	if e.optIn != "" {
		msg += " (set " + e.optIn + " to accept the risk)"
	}
	if e.where != "" {
		msg = e.where + ": " + msg
	}
	return "cors: " + msg
}

// Unwrap returns e.Code.
func (e *ConfigError) Unwrap() error { return e.Code }

// listError reports entry i of the list field.
func listError(code ErrorCode, field string, i int, value, problem string) *ConfigError {
	return &ConfigError{Code: code, Field: field, Index: i, Value: value, problem: problem}
}

// valueError reports a field that is not a list, or a list as a whole.
func valueError(code ErrorCode, field, value, problem, fix string) *ConfigError {
	return &ConfigError{Code: code, Field: field, Index: -1, Value: value, problem: problem, Fix: fix}
}

// fieldMessage is the message of a problem with a field, without the
// "cors: " prefix.
func fieldMessage(field string, index int, value, reason, fix string) string {
	name := field
	if index >= 0 {
		name += "[" + strconv.Itoa(index) + "]"
	}
	msg := fmt.Sprintf("%s %q %s", name, value, reason)
	if value == "" && index < 0 {
		msg = fmt.Sprintf("%s %s", name, reason)
	}
	if fix != "" {
		msg += fmt.Sprintf("; did you mean %q?", fix)
	}
	return msg
}
