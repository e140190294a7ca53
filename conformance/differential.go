package conformance

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

// Differential testing: the same raw request bytes go over a loopback
// socket to the stack's own HTTP server and to net/http's, and the answers
// must agree on everything CORS decides (see compareWire). Requests one
// server's parser refuses before any middleware runs (400, 431, 501, 505,
// or a hang-up) are classified and listed, not compared.

// DifferentialSize is the number of generated requests each stack receives
// on top of the fixed regressions (with DifferentialSeed). The suite's own
// tests raise it with -differential.n.
var (
	DifferentialSize        = 300
	DifferentialSeed uint64 = 1
)

// wirePolicies are the policies the corpus runs against: an allowlist,
// "*" everything, and credentialed "*" methods and headers (which echo).
var wirePolicies = []namedPolicy{pList, pStar, pCredStar}

// reachedMiddleware reports whether the request was parsed and handed to
// the fixture: the outermost middleware ran (it sets Vary: X-Outer first)
// and the status is not one a server gives a request it could not parse.
// (fiber v3 runs its middleware chain on the emptied request of a parse
// error, so the marker alone is not enough; the fixture itself never
// answers these statuses.)
func (a wireAnswer) reachedMiddleware() bool {
	switch a.status {
	case 400, 413, 414, 431, 501, 505:
		return false
	}
	return !a.closed && len(a.header.Values("Vary")) > 0 && a.header.Values("Vary")[0] == OuterVary
}

// class names a parser-level answer: its status, or "closed".
func (a wireAnswer) class() string {
	if a.closed {
		return "closed"
	}
	return fmt.Sprint(a.status)
}

// wireSummary is what two stacks must agree on: markers, every
// Access-Control-* header and Vary, and the status when the CORS middleware
// answered itself (otherwise the status is the router's own).
func wireSummary(a wireAnswer, withStatus bool) string {
	if !a.reachedMiddleware() {
		return "parser:" + a.class()
	}
	return summary(a.response, withStatus)
}

// referenceWire answers corpus requests on the net/http reference stack,
// once per process: every stack compares with the same answers.
var referenceWire struct {
	sync.Mutex
	servers map[string]*wireServer
	answers map[string][]wireAnswer // by policy name + "\x00" + raw bytes
}

func referenceExchange(p namedPolicy, raw []byte, methods []string) ([]wireAnswer, error) {
	ref := &referenceWire
	ref.Lock()
	defer ref.Unlock()
	key := p.name + "\x00" + string(raw)
	if a, ok := ref.answers[key]; ok {
		return a, nil
	}
	if ref.servers == nil {
		ref.servers, ref.answers = map[string]*wireServer{}, map[string][]wireAnswer{}
	}
	srv, ok := ref.servers[p.name]
	if !ok {
		pol, err := p.build()
		if err != nil {
			return nil, err
		}
		if srv, err = listen(NetHTTP(), pol); err != nil {
			return nil, err
		}
		ref.servers[p.name] = srv
	}
	a, err := exchange(srv.addr, raw, methods)
	if err == nil {
		ref.answers[key] = a
	}
	return a, err
}

// wireReport collects what a differential run found for one stack.
type wireReport struct {
	compared int
	parser   map[string][]string // "stack 431 / net/http reached" -> case names
}

func (r *wireReport) parserDiff(side string, got, want wireAnswer, name string) {
	key := fmt.Sprintf("%s: %s, net/http: %s", side, wireSummaryClass(got), wireSummaryClass(want))
	r.parser[key] = append(r.parser[key], name)
}

func wireSummaryClass(a wireAnswer) string {
	if a.reachedMiddleware() {
		return "reached the middleware"
	}
	return "refused by the parser (" + a.class() + ")"
}

// runDifferential sends the corpus to the stack and to the reference and
// compares every answer.
func runDifferential(t *testing.T, h Harness) {
	corpus := wireCorpus(DifferentialSeed, DifferentialSize)
	for _, p := range wirePolicies {
		t.Run(p.name, func(t *testing.T) {
			pol, err := p.build()
			if err != nil {
				t.Fatal(err)
			}
			srv, err := listen(h, pol)
			if err != nil {
				t.Fatal(err)
			}
			defer srv.stop()
			rep := &wireReport{parser: map[string][]string{}}
			for _, c := range corpus {
				for _, msg := range compareWire(srv.addr, p, c, rep) {
					t.Errorf("%s: %s\n\tcase: %s\n\tbytes: %q", h.Name, msg, c.name, clip(c.bytes()))
				}
			}
			keys := make([]string, 0, len(rep.parser))
			for k := range rep.parser {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				names := rep.parser[k]
				t.Logf("parser-level difference (not compared), %d requests: %s; e.g. %s", len(names), k, strings.Join(names[:min(3, len(names))], " | "))
			}
			t.Logf("%s: %d answers compared with net/http over loopback (%d requests in the corpus)", h.Name, rep.compared, len(corpus))
		})
	}
}

// compareWire sends c to the stack at addr and to the reference and returns
// every disagreement.
func compareWire(addr string, p namedPolicy, c wireCase, rep *wireReport) []string {
	raw, methods := c.bytes(), c.methods()
	got, err := exchange(addr, raw, methods)
	if err != nil {
		return []string{err.Error()}
	}
	want, err := referenceExchange(p, raw, methods)
	if err != nil {
		return []string{"reference: " + err.Error()}
	}
	var out []string
	for i := range want {
		g, w := got[i], want[i]
		switch {
		case g.reachedMiddleware() && w.reachedMiddleware():
			withStatus := !w.marker(HeaderInner)
			if gs, ws := wireSummary(g, withStatus), wireSummary(w, withStatus); gs != ws {
				out = append(out, fmt.Sprintf("request %d of %d differs from net/http:\n\tstack:    %s\n\tnet/http: %s", i+1, len(want), gs, ws))
			}
			rep.compared++
		case g.reachedMiddleware() && c.without != nil:
			// net/http refused a header name no browser sends; a stack
			// that accepts it must ignore the line.
			alone, err := referenceExchange(p, c.without.bytes(), []string{c.without.method})
			if err != nil {
				return append(out, "reference: "+err.Error())
			}
			withStatus := !alone[0].marker(HeaderInner)
			if gs, ws := wireSummary(g, withStatus), wireSummary(alone[0], withStatus); gs != ws {
				out = append(out, fmt.Sprintf("a header line with an invalid name was read as a CORS header:\n\tstack:                    %s\n\tnet/http, without the line: %s", gs, ws))
			}
			rep.compared++
		case g.reachedMiddleware() != w.reachedMiddleware() || g.class() != w.class():
			rep.parserDiff("stack", g, w, c.name)
		}
	}
	if len(c.parts) > 1 {
		out = append(out, pipelineLeaks(addr, c, got)...)
	}
	return out
}

// pipelineLeaks requires each answer of a pipelined exchange to equal the
// stack's answer to the same request sent alone: no decision leaks into the
// next request on the connection.
func pipelineLeaks(addr string, c wireCase, got []wireAnswer) []string {
	var out []string
	for i, part := range c.parts {
		alone, err := exchange(addr, part.bytes(), []string{part.method})
		if err != nil {
			return append(out, err.Error())
		}
		if g, a := wireSummary(got[i], true), wireSummary(alone[0], true); g != a && got[i].reachedMiddleware() {
			out = append(out, fmt.Sprintf("pipelined request %d is answered differently than alone:\n\tpipelined: %s\n\talone:     %s", i+1, g, a))
		}
	}
	return out
}

func clip(b []byte) []byte {
	if len(b) > 300 {
		return slices.Concat(b[:300], []byte("…"))
	}
	return b
}
