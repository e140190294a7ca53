// Package examples is a placeholder until its module is written.
package examples
