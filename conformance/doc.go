// Package conformance is a placeholder until its module is written.
package conformance
