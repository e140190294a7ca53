// Package corsgin is a placeholder until its module is written.
package corsgin
