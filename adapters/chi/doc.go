// Package corschi is a placeholder until its module is written.
package corschi
