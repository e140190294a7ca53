package bench

import (
	"fmt"
	"strings"
	"time"

	cors "github.com/originguard/cors/core"
)

// The common configuration, expressed once here and translated for each
// peer in peers.go.
var (
	commonOrigins  = []string{"https://example.com", "https://*.example.com"}
	commonMethods  = []string{"GET", "POST", "PUT", "DELETE"}
	commonHeaders  = []string{"Authorization", "Content-Type", "X-Requested-With"}
	commonExposed  = []string{"X-Request-Id"}
	commonMaxAge   = 600 // seconds
	commonCredsOn  = true
	manyOriginsLen = 1000
)

// settings is the configuration of one stack: the common one, or the
// common one with 1000 exact origins instead of the two patterns.
type settings struct {
	origins []string
}

func commonSettings() settings { return settings{origins: commonOrigins} }

// manySettings lists https://app0000.example.net … app0999.example.net:
// all the same length, so that a length check cannot shortcut a scan.
func manySettings() settings {
	o := make([]string, manyOriginsLen)
	for i := range o {
		o[i] = manyOrigin(i)
	}
	return settings{origins: o}
}

func manyOrigin(i int) string { return fmt.Sprintf("https://app%04d.example.net", i) }

// ours is the configuration for originguard/cors.
func (s settings) ours() cors.Config {
	return cors.Config{
		AllowedOrigins:   s.origins,
		AllowedMethods:   commonMethods,
		AllowedHeaders:   commonHeaders,
		ExposedHeaders:   commonExposed,
		AllowCredentials: commonCredsOn,
		MaxAge:           time.Duration(commonMaxAge) * time.Second,
	}
}

func joinComma(s []string) string { return strings.Join(s, ",") }
