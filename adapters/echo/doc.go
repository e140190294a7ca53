// Package corsecho applies a CORS policy to echo v4.
package corsecho
