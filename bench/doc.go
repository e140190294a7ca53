// Package bench is a placeholder until its module is written.
package bench
