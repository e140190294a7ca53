// Package corschi applies a CORS policy to chi v5.
package corschi
