// Package corsfiber applies a CORS policy to fiber v2.
package corsfiber
