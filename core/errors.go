package cors

import (
	"fmt"
	"strconv"
)

// OriginError reports a problem with an entry of AllowedOrigins.
type OriginError struct {
	Index  int    // position in AllowedOrigins
	Value  string // the entry as configured
	Reason string // what is wrong
	Fix    string // the canonical form meant, or "" when none can be guessed
}

func (e *OriginError) Error() string {
	return fieldMessage("AllowedOrigins", e.Index, e.Value, e.Reason, e.Fix)
}

// MethodError reports a problem with an entry of AllowedMethods.
type MethodError struct {
	Index  int
	Value  string
	Reason string
}

func (e *MethodError) Error() string {
	return fieldMessage("AllowedMethods", e.Index, e.Value, e.Reason, "")
}

// HeaderError reports a problem with an entry of AllowedHeaders or
// ExposedHeaders.
type HeaderError struct {
	Field  string // "AllowedHeaders" or "ExposedHeaders"
	Index  int
	Value  string
	Reason string
}

func (e *HeaderError) Error() string {
	return fieldMessage(e.Field, e.Index, e.Value, e.Reason, "")
}

// CredentialsError reports a setting that is unsafe or meaningless together
// with AllowCredentials, such as a "*" origin.
type CredentialsError struct {
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

// ValueError reports an out-of-range scalar field (MaxAge,
// PreflightSuccessStatus) or a Config that allows nothing.
type ValueError struct {
	Field  string
	Value  string
	Reason string
}

func (e *ValueError) Error() string {
	return fieldMessage(e.Field, -1, e.Value, e.Reason, "")
}

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
