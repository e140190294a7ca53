// Package corsecho is a placeholder until its module is written.
package corsecho
