// Package corsfiber is a placeholder until its module is written.
package corsfiber
