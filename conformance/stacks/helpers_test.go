package stacks

import (
	"fmt"
	"github.com/originguard/cors/conformance"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
)

// Origins and header names of the tests.
const (
	oApp    = "https://app.example"
	oEvil   = "https://evil.example"
	hOrigin = "Origin"
	hACAO   = "Access-Control-Allow-Origin"
)

// okHandler is the fixture's handler of PathResource.
var okHandler = conformance.RouteHandler(conformance.PathResource).ServeHTTP

// response is what a test records of one answer.
type response struct {
	status int
	header http.Header
}

// serve hands r to h and records the answer; a panic that escapes h is
// returned as an error.
func serve(h http.Handler, r *http.Request) (resp response, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic escaped the stack: %v", v)
		}
	}()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return response{status: rec.Code, header: rec.Header()}, nil
}

// newRequest is a request for path with the header lines given as name,
// value, name, value…
func newRequest(method, path string, lines ...string) *http.Request {
	r := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(lines); i += 2 {
		r.Header.Add(lines[i], lines[i+1])
	}
	return r
}

// summary is the status, every Access-Control-* header and Vary of r, for
// comparing two stacks' answers.
func summary(r response) string {
	var keys []string
	for k := range r.header {
		if k = http.CanonicalHeaderKey(k); strings.HasPrefix(k, "Access-Control-") || k == "Vary" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "status=%d", r.status)
	for _, k := range slices.Compact(keys) {
		fmt.Fprintf(&b, " %s=%q", k, r.header.Values(k))
	}
	return b.String()
}
