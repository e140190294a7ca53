package conformance

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
)

// response is what the suite records of one answer.
type response struct {
	status int
	header http.Header
	body   int // length of the body
}

func (r response) marker(key string) bool { return r.header.Get(key) == "1" }

// singleValued are the Access-Control-* headers that must be exactly one
// field line with an exact value (one-field-line).
var singleValued = map[string]bool{hACAO: true, hACAC: true, hACMA: true, hACAPN: true}

// accessControlKeys returns the canonical Access-Control-* keys of h, sorted.
func accessControlKeys(h http.Header) []string {
	var keys []string
	for k := range h {
		if strings.HasPrefix(http.CanonicalHeaderKey(k), "Access-Control-") {
			keys = append(keys, http.CanonicalHeaderKey(k))
		}
	}
	sort.Strings(keys)
	return keys
}

// listElems joins every line of a list header and returns its non-empty
// elements, trimmed.
func listElems(lines []string) []string {
	return splitList(strings.Join(lines, ","))
}

// normalizeList returns the elements of a list header as a sorted set key;
// header names compare case-insensitively, methods byte for byte.
func normalizeList(key string, lines []string) string {
	elems := listElems(lines)
	if key != hACAM {
		for i := range elems {
			elems[i] = strings.ToLower(elems[i])
		}
	}
	sort.Strings(elems)
	return strings.Join(elems, ",")
}

// checkResponse compares got with want and returns every problem found.
func checkResponse(want expect, got response) []string {
	var p []string
	if !want.routerStatus && got.status != want.status {
		p = append(p, fmt.Sprintf("status %d, want %d", got.status, want.status))
	}
	if g := got.marker(HeaderAppRan); g != want.app && !want.anyApp {
		p = append(p, fmt.Sprintf("application ran = %v, want %v", g, want.app))
	}
	if g := got.marker(HeaderInner); g != want.inner {
		p = append(p, fmt.Sprintf("request got past the CORS middleware = %v, want %v", g, want.inner))
	}
	for _, k := range accessControlKeys(got.header) {
		if _, ok := want.ac[k]; !ok {
			p = append(p, fmt.Sprintf("unexpected %s: %q", k, got.header.Values(k)))
		}
	}
	for k, v := range want.ac {
		lines := got.header.Values(k)
		switch {
		case len(lines) == 0:
			p = append(p, fmt.Sprintf("missing %s, want %q", k, v))
		case singleValued[k] && (len(lines) != 1 || lines[0] != v):
			p = append(p, fmt.Sprintf("%s = %q, want exactly one line %q", k, lines, v))
		case !singleValued[k]:
			if dup := duplicates(k, lines); dup != "" {
				p = append(p, fmt.Sprintf("%s %q repeats %q", k, lines, dup))
			}
			if normalizeList(k, lines) != normalizeList(k, []string{v}) {
				p = append(p, fmt.Sprintf("%s = %q, want the elements of %q", k, lines, v))
			}
		}
	}
	p = append(p, checkVary(want.vary, got.header.Values("Vary"))...)
	if !want.inner && got.body != 0 {
		p = append(p, fmt.Sprintf("the middleware's own answer has a %d-byte body, want none (preflight-status)", got.body))
	}
	return p
}

func duplicates(key string, lines []string) string {
	seen := map[string]bool{}
	for _, e := range listElems(lines) {
		if key != hACAM {
			e = strings.ToLower(e)
		}
		if seen[e] {
			return e
		}
		seen[e] = true
	}
	return ""
}

// checkVary requires the outer middleware's token first (appended, never
// replaced: vary-append), then exactly the expected tokens, once each.
func checkVary(want []string, lines []string) []string {
	toks := listElems(lines)
	if len(toks) == 0 || toks[0] != OuterVary {
		return []string{fmt.Sprintf("Vary %q does not start with the outer middleware's %q (overwritten?)", lines, OuterVary)}
	}
	var p []string
	got := map[string]int{}
	for _, t := range toks[1:] {
		got[strings.ToLower(t)]++
	}
	for _, w := range want {
		if got[strings.ToLower(w)] == 0 {
			p = append(p, fmt.Sprintf("Vary %q lacks %s", lines, w))
		}
	}
	for t, n := range got {
		if n > 1 {
			p = append(p, fmt.Sprintf("Vary %q repeats %s", lines, t))
		}
		if !slices.ContainsFunc(want, func(w string) bool { return strings.EqualFold(w, t) }) {
			p = append(p, fmt.Sprintf("Vary %q has unexpected %s", lines, t))
		}
	}
	return p
}

// summary is the stack-independent view of a response used to diff a stack
// against the net/http reference.
func summary(r response, withStatus bool) string { return summaryOf(r, withStatus, true) }

// summaryOf is summary, leaving out whether the application ran unless
// withApp.
func summaryOf(r response, withStatus, withApp bool) string {
	var b strings.Builder
	if withStatus {
		fmt.Fprintf(&b, "status=%d ", r.status)
	}
	if withApp {
		fmt.Fprintf(&b, "app=%v ", r.marker(HeaderAppRan))
	}
	fmt.Fprintf(&b, "inner=%v", r.marker(HeaderInner))
	for _, k := range accessControlKeys(r.header) {
		v := r.header.Values(k)
		if singleValued[k] {
			fmt.Fprintf(&b, " %s=%q", k, v)
		} else {
			fmt.Fprintf(&b, " %s=[%s]", k, normalizeList(k, v))
		}
	}
	fmt.Fprintf(&b, " Vary=[%s]", strings.ToLower(strings.Join(listElems(r.header.Values("Vary")), ",")))
	return b.String()
}
