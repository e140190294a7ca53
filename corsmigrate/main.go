// Command corsmigrate rewrites the CORS middleware of a Go program from
// rs/cors, gin-contrib/cors, echo v4 and v5, fiber v2 and v3 and go-chi/cors
// to the originguard/cors adapter of the same framework: each configuration
// becomes New(Config{…}) of that adapter, with the old library's defaults
// written out where they differ from ours, and the imports are fixed.
//
// It is a go/analysis analyzer, so it runs in the usual ways:
//
//	corsmigrate [-fix] [-diff] PACKAGES
//	go vet -vettool=$(command -v corsmigrate) PACKAGES
//	go fix -fixtool=$(command -v corsmigrate) PACKAGES
//
// Without -fix it reports what it would change; -fix applies the changes
// and -diff shows them instead. A configuration it cannot carry over
// faithfully (a "*" origin with credentials, a glob that also matches other
// sites, a request-aware callback, a setting with no equivalent such as a
// skipper) gets a diagnostic with the reason and the change to make by hand,
// and its code is left untouched. See docs/migrating.md in the repository.
package main

import (
	"github.com/originguard/cors/corsmigrate/internal/migrate"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() { singlechecker.Main(migrate.Analyzer) }
