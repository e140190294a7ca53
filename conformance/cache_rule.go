package conformance

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
)

// originVariants are the Origin lines a request of a cache-rule group
// carries: absent, allowed, refused, opaque, malformed, repeated.
var originVariants = [][]string{
	nil, {oApp}, {oEvil}, {"null"}, {oSub}, {"HTTPS://APP.EXAMPLE/"}, {oApp, oEvil}, {oApp, oApp}, {""}, {oDot},
}

// cacheRulePolicies are the policies the cache rule is checked under.
var cacheRulePolicies = []namedPolicy{pList, pStar, pStarOnly, pCredStar, pFunc, pPNA}

// runCacheRule checks origin-cache-rule on the stack: for seeded, random
// requests, every two variants that differ only in their Origin lines get
// the same Access-Control-* headers and Vary, or both vary on Origin.
func runCacheRule(t *testing.T, s *session) {
	r := rand.New(rand.NewPCG(DifferentialSeed, 0x636163686521))
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodOptions, "Chicken"}
	paths := []string{PathResource, PathMissing, PathError, PathRedirect}
	for _, p := range cacheRulePolicies {
		app, err := s.app(s.h, s.apps, p.policy)
		if err != nil {
			t.Fatal(err)
		}
		for range 40 {
			base := request{method: methods[r.IntN(len(methods))], path: paths[r.IntN(len(paths))]}
			if r.IntN(2) == 0 {
				base.lines = append(base.lines, withHeader(hACRM, []string{"PUT", "GET", "patch", "P UT"}[r.IntN(4)]))
			}
			if r.IntN(2) == 0 {
				base.lines = append(base.lines, withHeader(hACRH, []string{"x-custom", "content-type,x-a", "authorization", ""}[r.IntN(4)]))
			}
			if r.IntN(4) == 0 {
				base.lines = append(base.lines, withHeader(hACRPN, "true"))
			}
			for _, msg := range cacheRuleProblems(app, base) {
				t.Errorf("%s, policy %s: %s", s.h.Name, p.name, msg)
			}
		}
	}
}

// cacheRuleProblems serves every Origin variant of base and compares them
// pairwise.
func cacheRuleProblems(app http.Handler, base request) []string {
	type answer struct {
		origins []string
		key     string
		vary    bool
	}
	var answers []answer
	for _, origins := range originVariants {
		req := base
		req.lines = append([]line(nil), base.lines...)
		for _, o := range origins {
			req.lines = append(req.lines, fromOrigin(o))
		}
		got, err := serve(app, req)
		if err != nil {
			return []string{err.Error()}
		}
		var b strings.Builder
		for _, k := range accessControlKeys(got.header) {
			fmt.Fprintf(&b, "%s=%q ", k, got.header.Values(k))
		}
		vary := listElems(got.header.Values("Vary"))
		fmt.Fprintf(&b, "Vary=%q", vary)
		answers = append(answers, answer{origins, b.String(), containsFold(vary, "Origin")})
	}
	var out []string
	for i, a := range answers {
		for _, b := range answers[i+1:] {
			if a.key != b.key && !(a.vary && b.vary) {
				out = append(out, fmt.Sprintf("origin-cache-rule: %s %s with Origin %q gets %s, with Origin %q gets %s; not both Vary: Origin",
					base.method, base.path, a.origins, a.key, b.origins, b.key))
			}
		}
	}
	return out
}
