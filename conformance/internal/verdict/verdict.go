// Package verdict is the browser's side of a conformance case: the fetch a
// browser made and whether it must accept the response.
//
// Package conformance writes a Verdict into most cases of its table. The
// published kit does not judge them itself: that takes a model of what
// browsers do (github.com/originguard/cors/corscheck/fetchcheck), which the
// kit does not require, and the kit's raw checks pin every
// Access-Control-* header and Vary of the response exactly, so a response
// that passes them gets the verdict the reference stack's response gets.
// The repository's stack suite (module
// github.com/originguard/cors/conformance/stacks) sets Judge in its
// TestMain, so there every response Run checks is judged the way a browser
// would judge it, on every stack.
package verdict

import "net/http"

// Verdict is a fetch a browser makes and what it must conclude from the
// response: for non-CORS cases, a cross-origin fetch that could be served
// the same cached response.
type Verdict struct {
	Preflight   bool     // judge the response as a preflight response
	Origin      string   // the fetch's origin
	Method      string   // the fetch's method
	Headers     []string // non-safelisted request header names the script set
	Credentials bool     // a credentialed fetch
	Private     bool     // a private-network fetch
	OK          bool     // the browser must accept the response
	// Exposed, when non-nil, lists response header names the script must
	// be able to read (beyond the CORS-safelisted ones).
	Exposed []string
	// Hidden lists response header names the script must not be able to
	// read.
	Hidden []string
}

// Judge, when set, returns every way in which the response (status and
// header) contradicts v, and every way in which sent, the case's request,
// is not what a browser making v's fetch would send. Run calls it for every
// case with a verdict; nil means no browser model is at hand. It is set
// once, before any test runs.
var Judge func(v *Verdict, sent *http.Request, status int, header http.Header) []string
