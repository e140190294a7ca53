package conformance

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
)

// maxMethodLength is the core's bound on Access-Control-Request-Method and
// the configured methods: longer ones are refused unread.
const maxMethodLength = 64

// originKind says which policies truly allow a hostile request's origin.
type originKind uint8

const (
	originValid     originKind = iota // oApp: allowed by every hostile policy
	originMalformed                   // not a serialized origin: only "*" answers, with "*"
	originNull                        // "null": "*" and the reflect-all function allow it
	originUnlisted                    // a valid origin no list allows: "*" and the reflect-all function allow it
	originRepeated                    // several Origin lines: only "*" answers, with "*" (it answers every request alike)
)

// hostileCase is one row of the hostile-request table.
type hostileCase struct {
	name   string
	why    string
	req    request
	origin originKind
	// preflightAllowed: for a preflight from an allowed origin, whether the
	// request is entirely allowed (Decision.Allowed); refused otherwise.
	preflightAllowed bool
}

// hostilePolicies are the policies every hostile request is run against:
// an allowlist, "*" everything, a function that reflects every origin it is
// given, and "*" methods and headers with credentials (which echo validated
// names).
var hostilePolicies = []namedPolicy{pList, pStar, pFuncAll, pCredStar}

var (
	hostileOnce  sync.Once
	hostileTable []hostileCase
)

// hostileCases builds the table once: some rows hold megabytes.
func hostileCases() []hostileCase {
	hostileOnce.Do(func() { hostileTable = buildHostile() })
	return hostileTable
}

func buildHostile() []hostileCase {
	mb := strings.Repeat("x-custom,", 1<<20/len("x-custom,"))
	var t []hostileCase
	add := func(name, why string, req request, o originKind, allowed bool) {
		t = append(t, hostileCase{name: name, why: why, req: req, origin: o, preflightAllowed: allowed})
	}
	// actualRow is an actual request; allowedPreflight a preflight that the
	// policies allow entirely when they allow its origin (see
	// preflightAllowedBy); refusedPreflight one they refuse whatever the
	// origin.
	actualRow := func(name, why string, req request, o originKind) { add(name, why, req, o, false) }
	allowedPreflight := func(name, why string, req request, o originKind) { add(name, why, req, o, true) }
	refusedPreflight := func(name, why string, req request, o originKind) { add(name, why, req, o, false) }
	both := func(name, why, origin string, o originKind) {
		actualRow(name+"/actual", why, get(PathResource, fromOrigin(origin)), o)
		allowedPreflight(name+"/preflight", why, preflightFor(origin, "GET", ""), o)
	}
	refusedPreflight("acrh-1MB", "acrh-tolerant-bounded: a 1 MB ACRH is refused at once, never echoed", preflightFor(oApp, "PUT", mb), originValid)
	refusedPreflight("acrh-1MB-commas", "acrh-tolerant-bounded: 1 MB of empty list elements", preflightFor(oApp, "PUT", strings.Repeat(",", 1<<20)), originValid)
	refusedPreflight("acrh-10000-lines", "acrh-tolerant-bounded: 10 000 ACRH lines are refused at once", manyLines(preflightFor(oApp, "PUT", ""), hACRH, "x-custom", 10000), originValid)
	refusedPreflight("acrh-crlf", "acrh-tolerant-bounded, no-blind-reflection: an ACRH with CR LF is malformed, never echoed", preflightFor(oApp, "PUT", "x-custom\r\nSet-Cookie: a=1"), originValid)
	refusedPreflight("acrh-nul", "acrh-tolerant-bounded: an ACRH with NUL is malformed", preflightFor(oApp, "PUT", "x-custom\x00"), originValid)
	refusedPreflight("acrh-non-ascii", "acrh-tolerant-bounded: an ACRH with non-ASCII bytes is malformed", preflightFor(oApp, "PUT", "x-cüstom"), originValid)
	refusedPreflight("acrh-one-long-name", "acrh-tolerant-bounded: a single 100 kB name", preflightFor(oApp, "PUT", "x-"+strings.Repeat("a", 100<<10)), originValid)
	actualRow("origin-10000-lines/actual", "repeated-request-lines: 10 000 Origin lines: refused, the app still runs", manyLines(get(PathResource), hOrigin, oApp, 10000), originRepeated)
	allowedPreflight("origin-10000-lines/preflight", "repeated-request-lines, preflight-denied-origin, wildcard-origin: 10 000 Origin lines on a preflight: 403 (under *, answered like one Origin)", manyLines(request{method: http.MethodOptions, path: PathResource, lines: []line{withHeader(hACRM, "GET")}}, hOrigin, oApp, 10000), originRepeated)
	both("origin-nul", "no-blind-reflection: an Origin with NUL is never reflected", "https://app.example\x00", originMalformed)
	both("origin-nul-inside", "no-blind-reflection: an Origin with NUL inside the host", "https://app\x00.example", originMalformed)
	both("origin-crlf", "no-blind-reflection: an Origin with CR LF (header injection) is never reflected", "https://app.example\r\nSet-Cookie: a=1", originMalformed)
	both("origin-lf", "no-blind-reflection: an Origin ending in LF", "https://app.example\n", originMalformed)
	both("origin-tab", "header-field-reading: an Origin with a trailing tab is the origin (optional whitespace)", "https://app.example\t", originValid)
	both("origin-inner-tab", "serialized-origin, no-blind-reflection: an Origin with a tab inside", "https://app.\texample", originMalformed)
	both("origin-non-ascii", "serialized-origin, no-blind-reflection: an Origin with a Unicode host", "https://äpp.example", originMalformed)
	both("origin-invalid-utf8", "no-blind-reflection: an Origin with invalid UTF-8", "https://app.example\xff", originMalformed)
	both("origin-userinfo", "serialized-origin, no-blind-reflection: an Origin with userinfo", "https://user:pass@app.example", originMalformed)
	both("origin-ipv6-zone", "serialized-origin: an IPv6 origin with a zone id", "http://[fe80::1%25eth0]:3000", originMalformed)
	both("origin-ipv6-zone-raw", "serialized-origin: an IPv6 origin with a raw zone id", "http://[::1%eth0]:3000", originMalformed)
	both("origin-trailing-dot", "trailing-dot-host: an Origin whose host ends with a dot is valid but a different origin", "https://app.example.", originUnlisted)
	both("origin-two-trailing-dots", "serialized-origin: an Origin whose host ends with two dots", "https://app.example..", originMalformed)
	both("origin-upper-scheme", "serialized-origin, origin-byte-exact: an Origin with an upper-case scheme", "HTTPS://app.example", originMalformed)
	both("origin-10kB", "no-blind-reflection: a 10 kB Origin", "https://"+strings.Repeat("a", 10<<10)+".example", originMalformed)
	both("origin-huge-port", "serialized-origin: an Origin with an out-of-range port", "https://app.example:99999999", originMalformed)
	both("origin-scheme-only", "serialized-origin: an Origin without host", "https://", originMalformed)
	both("origin-null", "null-origin: null is allowed only by * and an explicit function", "null", originNull)
	both("origin-empty", "serialized-origin: an empty Origin", "", originMalformed)
	actualRow("method-space/actual", "method-config: a request method with a space is an actual request; the router decides", send("GE T", fromOrigin(oApp)), originValid)
	actualRow("method-lower/actual", "method-case-sensitive: a lower-case request method is an actual request", send("get", fromOrigin(oApp)), originValid)
	refusedPreflight("acrm-space", "method-config: an ACRM with a space is refused, never echoed", preflightFor(oApp, "P UT", ""), originValid)
	refusedPreflight("acrm-crlf", "method-config: an ACRM with CR LF is refused, never echoed", preflightFor(oApp, "PUT\r\nX: 1", ""), originValid)
	allowedPreflight("acrm-lower-put", "method-case-sensitive: a lower-case put is PUT (Fetch normalisation)", preflightFor(oApp, "put", ""), originValid)
	allowedPreflight("acrm-lower-patch", "method-case-sensitive: a lower-case patch stays patch", preflightFor(oApp, "patch", ""), originValid)
	refusedPreflight("acrm-duplicated", "repeated-request-lines: two ACRM lines are refused", preflightFor(oApp, "PUT", "", withHeader(hACRM, "PUT")), originValid)
	refusedPreflight("acrm-list", "method-config: an ACRM holding a list is refused", preflightFor(oApp, "PUT, DELETE", ""), originValid)
	allowedPreflight("acrm-64B", "method-allowlist: an ACRM token of exactly 64 bytes, the core's bound: only \"*\" methods allow it", preflightFor(oApp, strings.Repeat("M", maxMethodLength), ""), originValid)
	refusedPreflight("acrm-65B", "method-allowlist, method-config: an ACRM token one byte past that bound: refused unread, even by \"*\" methods", preflightFor(oApp, strings.Repeat("M", maxMethodLength+1), ""), originValid)
	refusedPreflight("acrm-10kB", "method-allowlist, method-config: a 10 kB ACRM token: refused unread (past the 64-byte bound), even by \"*\" methods", preflightFor(oApp, strings.Repeat("M", 10<<10), ""), originValid)
	refusedPreflight("acrm-1MB", "method-allowlist, method-config: a 1 MB ACRM token: refused unread (past the 64-byte bound), so the work does not grow with its length", preflightFor(oApp, strings.Repeat("M", 1<<20), ""), originValid)
	allowedPreflight("acrpn-crlf", "private-network: an ACRPN that is not exactly true asks for nothing", preflightFor(oApp, "GET", "", withHeader(hACRPN, "true\r\n")), originValid)
	allowedPreflight("acrpn-true-no-pna", "private-network: without the opt-in ACRPN is not read: the preflight is judged on the rest and gets no ACAPN", preflightFor(oApp, "GET", "", withHeader(hACRPN, "true")), originValid)
	return t
}

// preflightAllowedBy reports whether the policy entirely allows a hostile
// preflight that its origin passes.
func (h hostileCase) preflightAllowedBy(p namedPolicy) bool {
	switch {
	case !h.preflightAllowed:
		return false
	case (h.name == "acrm-lower-patch" || h.name == "acrm-lower-put") && p.policy == pFuncAll.policy:
		return false // default methods (GET, HEAD, POST) refuse PUT and patch
	case h.name == "acrm-64B":
		return p.acam == "*" || (p.cred && p.acam == "") // "*" allows any method token up to the bound
	}
	return true
}

func manyLines(r request, key, v string, n int) request {
	lines := append([]line(nil), r.lines...)
	for range n {
		lines = append(lines, withHeader(key, v))
	}
	r.lines = lines
	return r
}

// wantACAO is the ACAO a policy must send for h ("" for none).
func (h hostileCase) wantACAO(p namedPolicy) string {
	switch h.origin {
	case originRepeated:
		if p.star {
			return "*"
		}
		return ""
	case originValid:
		if p.star {
			return "*"
		}
		return oApp
	case originNull, originUnlisted:
		switch p.policy {
		case pStar.policy:
			return "*"
		case pFuncAll.policy:
			return h.req.header(hOrigin)[0]
		}
		return ""
	}
	if p.star {
		return "*"
	}
	return ""
}

// isPreflight reports whether the request is a preflight (preflight-classification).
func (r request) isPreflight() bool {
	return r.method == http.MethodOptions && len(r.header(hOrigin)) > 0 && len(r.header(hACRM)) > 0
}

// hostileProblems runs h on app under policy p and returns every problem.
func hostileProblems(app http.Handler, p namedPolicy, h hostileCase) []string {
	got, err := serve(app, h.req)
	if err != nil {
		return []string{err.Error()}
	}
	var out []string
	bad := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	if got.status == http.StatusInternalServerError {
		bad("status 500: the stack failed (a recovered panic?)")
	}
	rejectedEarly := got.rejectedEarly()
	want := h.wantACAO(p)
	acao := got.header.Values(hACAO)
	switch {
	case want == "" && len(acao) > 0:
		bad("ACAO %q for a request the policy does not allow", acao)
	case want != "" && !rejectedEarly && (len(acao) != 1 || acao[0] != want):
		bad("ACAO %q, want exactly %q", acao, want)
	}
	if acac := got.header.Values(hACAC); len(acac) > 0 && (!p.cred || len(acao) == 0 || len(acac) != 1 || acac[0] != "true") {
		bad("ACAC %q without an allowed credentialed origin", acac)
	}
	out = append(out, headerHygiene(p, h, got)...)
	switch {
	case h.req.isPreflight():
		if got.marker(HeaderAppRan) || got.marker(HeaderInner) {
			bad("a preflight got past the middleware")
		}
		wantStatus := http.StatusNoContent
		if want == "" {
			wantStatus = http.StatusForbidden
		}
		if got.status != wantStatus {
			bad("preflight status %d, want %d", got.status, wantStatus)
		}
	case rejectedEarly:
		// The framework refused the request line before any middleware
		// (fiber: a method it does not know): a clean denial.
	case h.req.method == http.MethodGet && !got.marker(HeaderAppRan):
		bad("the application did not run for an actual request")
	}
	return out
}

// headerHygiene checks that no response header carries control or
// non-ASCII bytes, that the Access-Control-* headers stay small, and that
// every listed name or method is one the policy may legitimately send.
func headerHygiene(p namedPolicy, h hostileCase, got response) []string {
	var out []string
	total := 0
	for k, vs := range got.header {
		for _, v := range vs {
			for i := 0; i < len(v); i++ {
				if c := v[i]; (c < 0x20 && c != '\t') || c >= 0x7f {
					out = append(out, fmt.Sprintf("%s carries byte %#x from the request", k, c))
					break
				}
			}
			if strings.HasPrefix(k, "Access-Control-") || k == "Vary" {
				total += len(v)
			}
		}
	}
	if total > 1024 {
		out = append(out, fmt.Sprintf("Access-Control-* and Vary total %d bytes: input reflected?", total))
	}
	allowedNames := map[string]bool{}
	for _, n := range splitList(p.acah) {
		allowedNames[strings.ToLower(n)] = true
	}
	if p.cred && p.acah == "" { // "*" with credentials echoes validated requested names
		for _, n := range listElems(h.req.header(hACRH)) {
			if isToken(n) && !strings.EqualFold(n, "authorization") {
				allowedNames[strings.ToLower(n)] = true
			}
		}
	}
	for _, n := range listElems(got.header.Values(hACAH)) {
		if !allowedNames[strings.ToLower(n)] {
			out = append(out, fmt.Sprintf("ACAH names %q, which the policy does not allow", n))
		}
	}
	for _, m := range listElems(got.header.Values(hACAM)) {
		if !isToken(m) || (p.acam != "" && !slices.Contains(splitList(p.acam), m)) || (p.acam == "" && !containsFold(h.req.header(hACRM), m)) {
			out = append(out, fmt.Sprintf("ACAM names %q, which the policy does not send", m))
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// hostileDecision checks the core's decision for h under p: preflights are
// allowed only where the policy truly allows them.
func hostileDecision(p namedPolicy, h hostileCase) string {
	pol, err := cors.New(p.cfg)
	if err != nil {
		return err.Error()
	}
	hr := h.req.httpRequest()
	req := adapter.FromHTTP(hr)
	d := pol.Evaluate(hr.Context(), &req, nil)
	if !h.req.isPreflight() {
		if d.Allowed != (h.wantACAO(p) != "") && d.Kind != cors.NotCORS {
			return fmt.Sprintf("Decision.Allowed = %v (%s) for an actual request whose expected ACAO is %q", d.Allowed, d.Reason, h.wantACAO(p))
		}
		return ""
	}
	want := h.wantACAO(p) != "" && h.preflightAllowedBy(p)
	if d.Allowed != want {
		return fmt.Sprintf("Decision.Allowed = %v (%s), want %v", d.Allowed, d.Reason, want)
	}
	return ""
}

// hostileDiff compares the stack's answer with the net/http reference's:
// Access-Control-* headers, Vary and the markers must match. It returns ""
// when they do, and early=true when the stack's framework refused the
// request line before any middleware ran (see rejectedEarly), a clean denial
// that is reported but not failed.
func (s *session) hostileDiff(app http.Handler, p namedPolicy, h hostileCase) (msg string, early bool) {
	ref, err := s.app(s.ref, s.refs, p.policy)
	if err != nil {
		return err.Error(), false
	}
	got, err1 := serve(app, h.req)
	want, err2 := serve(ref, h.req)
	if err1 != nil || err2 != nil {
		return fmt.Sprint(err1, err2), false
	}
	if g, w := summary(got, false), summary(want, false); g != w {
		early = got.rejectedEarly()
		return fmt.Sprintf("differs from net/http:\n\t%s: %d %s\n\tnet/http: %d %s", s.h.Name, got.status, g, want.status, w), early
	}
	return "", false
}

// runHostile runs the hostile table through the session's stack.
func runHostile(t *testing.T, s *session) {
	for _, h := range hostileCases() {
		for _, p := range hostilePolicies {
			t.Run(h.name+"/"+p.name, func(t *testing.T) {
				app, err := s.app(s.h, s.apps, p.policy)
				if err != nil {
					t.Fatal(err)
				}
				for _, msg := range hostileProblems(app, p, h) {
					t.Errorf("%s: %s\n\trequest: %s\n\twhy: %s", s.h.Name, msg, describe(h.req), h.why)
				}
				if s.h.Name == s.ref.Name {
					if msg := hostileDecision(p, h); msg != "" {
						t.Errorf("core: %s\n\trequest: %s\n\twhy: %s", msg, describe(h.req), h.why)
					}
					return
				}
				switch msg, early := s.hostileDiff(app, p, h); {
				case early:
					t.Logf("%s (the framework rejected the request before any middleware)", msg)
				case msg != "":
					t.Errorf("%s\n\trequest: %s\n\twhy: %s", msg, describe(h.req), h.why)
				}
			})
		}
	}
}

// rejectedEarly reports whether the framework refused the request line
// before any middleware ran: no Vary (every stack's outer middleware sets
// one) and fiber's answer to a method outside Config.RequestMethods, 400 in
// fiber v2 and 501 in fiber v3.
func (r response) rejectedEarly() bool {
	return (r.status == http.StatusBadRequest || r.status == http.StatusNotImplemented) && r.header.Get("Vary") == ""
}
