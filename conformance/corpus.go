package conformance

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
)

// wireLine is one header field line as written on the wire: name, the
// separator (normally ": ") and the value, with any bytes at all.
type wireLine struct{ name, sep, value string }

// wireReq is one HTTP/1.1 request of the differential corpus.
type wireReq struct {
	method, path string
	lines        []wireLine
	// trailer, when non-nil, makes the body chunked and sends these lines
	// in its trailer section.
	trailer []wireLine
	// emptyBody, with a trailer, sends no chunk before the last one: an
	// empty chunked body, after which fasthttp reports a content length
	// of 0 rather than -1.
	emptyBody bool
}

func (r wireReq) clone() wireReq {
	r.lines = slices.Clone(r.lines)
	r.trailer = slices.Clone(r.trailer)
	return r
}

// bytes serializes r.
func (r wireReq) bytes() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: api.example\r\n", r.method, r.path)
	for _, l := range r.lines {
		b.WriteString(l.name + l.sep + l.value + "\r\n")
	}
	if r.trailer == nil {
		b.WriteString("\r\n")
		return b.Bytes()
	}
	b.WriteString("Transfer-Encoding: chunked\r\n\r\n")
	if !r.emptyBody {
		b.WriteString("2\r\nok\r\n")
	}
	b.WriteString("0\r\n")
	for _, l := range r.trailer {
		b.WriteString(l.name + l.sep + l.value + "\r\n")
	}
	b.WriteString("\r\n")
	return b.Bytes()
}

// wireCase is one entry of the differential corpus: one request, or several
// sent pipelined on one connection.
type wireCase struct {
	name  string
	parts []wireReq
	// without, for a case whose mutation made a header name invalid, is the
	// same request without that line: a stack whose parser accepts the
	// line must answer as if it were absent, since no browser or net/http
	// reads it as a CORS header.
	without *wireReq
}

func (c wireCase) bytes() []byte {
	var b []byte
	for _, p := range c.parts {
		b = append(b, p.bytes()...)
	}
	return b
}

func (c wireCase) methods() []string {
	m := make([]string, len(c.parts))
	for i, p := range c.parts {
		m[i] = p.method
	}
	return m
}

func wl(name, value string) wireLine { return wireLine{name, ": ", value} }

// wireBases are the requests the generator mutates.
func wireBases() []wireReq {
	return []wireReq{
		{method: "GET", path: PathResource, lines: []wireLine{wl(hOrigin, oApp)}},
		{method: "GET", path: PathResource, lines: []wireLine{wl(hOrigin, oEvil)}},
		{method: "GET", path: PathResource},
		{method: "POST", path: PathResource, lines: []wireLine{wl(hOrigin, "null"), wl("Content-Length", "0")}},
		{method: "OPTIONS", path: PathResource, lines: []wireLine{wl(hOrigin, oApp), wl(hACRM, "PUT"), wl(hACRH, "x-custom")}},
		{method: "OPTIONS", path: PathResource, lines: []wireLine{wl(hOrigin, oApp), wl(hACRM, "DELETE"), wl(hACRH, "content-type,x-custom"), wl(hACRPN, "true")}},
		{method: "OPTIONS", path: PathMissing, lines: []wireLine{wl(hOrigin, oSub), wl(hACRM, "patch")}},
		{method: "OPTIONS", path: PathResource, lines: []wireLine{wl(hOrigin, oEvil), wl(hACRM, "GET")}},
		{method: "OPTIONS", path: PathResource, lines: []wireLine{wl(hOrigin, oApp)}},
		{method: "PUT", path: PathResource, lines: []wireLine{wl(hOrigin, oLocal), wl("Content-Length", "0")}},
	}
}

// wireOrigins are Origin values the generator substitutes: allowed,
// refused, opaque, IDN, IPv6, default port, trailing dot, malformed.
var wireOrigins = []string{
	oApp, oEvil, oSub, oLocal, oAdmin, oDot, "null", "", "*",
	"https://xn--bcher-kva.example", "https://bücher.example", "http://[::1]:3000", "http://[0:0::1]:3000",
	"http://127.0.0.1:8080", "https://app.example:443", "HTTPS://APP.EXAMPLE", "https://app.example/",
	"https://app.example:8443", "https://eu.sub.example.", "https://app.example, https://evil.example",
}

// mutation changes a request in place and names what it did; badName is
// the index of the line whose name it made invalid (see wireCase.without),
// or -1.
type mutation struct {
	name string
	do   func(r *rand.Rand, q *wireReq) (label string, badName int)
}

// corsLine picks a CORS request header line of q, or -1.
func corsLine(r *rand.Rand, q *wireReq) int {
	var idx []int
	for i, l := range q.lines {
		switch http.CanonicalHeaderKey(strings.TrimSpace(l.name)) {
		case hOrigin, hACRM, hACRH, hACRPN:
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return -1
	}
	return idx[r.IntN(len(idx))]
}

var (
	owsChoices  = []string{" ", "\t", " \t", "\t ", "  "}
	badBytes    = []string{"\x00", "\r", "\x7f", "\xff", "ü", "\x01", "\v", "\f"}
	unicodeName = map[string]string{
		hOrigin: "Orıgin", // dotless i: folds to "origin" only under Unicode rules
		hACRM:   "Acce\u017fs-Control-Request-Method",
		hACRH:   "Acce\u017fs-Control-Request-Headers",
		hACRPN:  "Access-Control-Request-Private-Networ\u212a",
	}
)

var mutations = []mutation{
	{"duplicate", func(r *rand.Rand, q *wireReq) (string, int) {
		i := corsLine(r, q)
		if i < 0 {
			return "", -1
		}
		q.lines = slices.Insert(q.lines, i+1, q.lines[i])
		return "duplicate " + q.lines[i].name, -1
	}},
	{"name-case", func(r *rand.Rand, q *wireReq) (string, int) {
		i := corsLine(r, q)
		if i < 0 {
			return "", -1
		}
		switch r.IntN(3) {
		case 0:
			q.lines[i].name = strings.ToLower(q.lines[i].name)
		case 1:
			q.lines[i].name = strings.ToUpper(q.lines[i].name)
		default:
			b := []byte(q.lines[i].name)
			for j := range b {
				if r.IntN(2) == 0 {
					b[j] ^= 0x20 * byte(boolInt(b[j] >= 'A' && b[j] <= 'Z' || b[j] >= 'a' && b[j] <= 'z'))
				}
			}
			q.lines[i].name = string(b)
		}
		return "case " + q.lines[i].name, -1
	}},
	{"ows", func(r *rand.Rand, q *wireReq) (string, int) {
		i := corsLine(r, q)
		if i < 0 {
			return "", -1
		}
		pre, post := owsChoices[r.IntN(len(owsChoices))], owsChoices[r.IntN(len(owsChoices))]
		q.lines[i].value = pre + q.lines[i].value + post
		return fmt.Sprintf("ows %q", q.lines[i].name+":"+q.lines[i].value), -1
	}},
	{"obs-fold", func(r *rand.Rand, q *wireReq) (string, int) {
		i := corsLine(r, q)
		if i < 0 {
			return "", -1
		}
		fold := []string{"\r\n ", "\r\n\t"}[r.IntN(2)]
		if v := q.lines[i].value; strings.Contains(v, ",") && r.IntN(2) == 0 {
			q.lines[i].value = strings.Replace(v, ",", ","+fold, 1)
		} else {
			q.lines[i].sep = ":" + fold
		}
		return "obs-fold " + q.lines[i].name, -1
	}},
	{"bad-byte", func(r *rand.Rand, q *wireReq) (string, int) {
		i := corsLine(r, q)
		if i < 0 {
			return "", -1
		}
		v := q.lines[i].value
		at := r.IntN(len(v) + 1)
		bad := badBytes[r.IntN(len(badBytes))]
		q.lines[i].value = v[:at] + bad + v[at:]
		return fmt.Sprintf("byte %q in %s", bad, q.lines[i].name), -1
	}},
	{"100kB", func(r *rand.Rand, q *wireReq) (string, int) {
		i := corsLine(r, q)
		if i < 0 {
			return "", -1
		}
		q.lines[i].value += strings.Repeat("a", 100<<10)
		return "100 kB " + q.lines[i].name, -1
	}},
	{"unicode-name", func(r *rand.Rand, q *wireReq) (string, int) {
		i := corsLine(r, q)
		if i < 0 {
			return "", -1
		}
		q.lines[i].name = unicodeName[http.CanonicalHeaderKey(q.lines[i].name)]
		return "unicode name " + q.lines[i].name, i
	}},
	{"space-before-colon", func(r *rand.Rand, q *wireReq) (string, int) {
		i := corsLine(r, q)
		if i < 0 {
			return "", -1
		}
		q.lines[i].sep = " :" + q.lines[i].sep[1:]
		return "space before colon " + q.lines[i].name, i
	}},
	{"empty-value", func(r *rand.Rand, q *wireReq) (string, int) {
		i := corsLine(r, q)
		if i < 0 {
			return "", -1
		}
		q.lines[i].value = []string{"", " ", "\t"}[r.IntN(3)]
		return "empty " + q.lines[i].name, -1
	}},
	{"origin", func(r *rand.Rand, q *wireReq) (string, int) {
		o := wireOrigins[r.IntN(len(wireOrigins))]
		for i, l := range q.lines {
			if l.name == hOrigin {
				q.lines[i].value = o
				return fmt.Sprintf("origin %q", o), -1
			}
		}
		q.lines = append(q.lines, wl(hOrigin, o))
		return fmt.Sprintf("add origin %q", o), -1
	}},
	{"split-acrh", func(r *rand.Rand, q *wireReq) (string, int) {
		for i, l := range q.lines {
			if l.name == hACRH {
				names := strings.Split(l.value, ",")
				lines := make([]wireLine, 0, len(names)+3)
				for range r.IntN(4) {
					lines = append(lines, wl(hACRH, ""))
				}
				for _, n := range names {
					lines = append(lines, wl(hACRH, n))
				}
				q.lines = slices.Replace(q.lines, i, i+1, lines...)
				return "ACRH one name per line", -1
			}
		}
		return "", -1
	}},
	{"trailer", func(r *rand.Rand, q *wireReq) (string, int) {
		i := corsLine(r, q)
		if i < 0 {
			return "", -1
		}
		q.trailer = append(q.trailer, q.lines[i])
		q.lines = slices.Delete(q.lines, i, i+1)
		q.lines = slices.DeleteFunc(q.lines, func(l wireLine) bool { return l.name == "Content-Length" })
		return "trailer " + q.trailer[len(q.trailer)-1].name, -1
	}},
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// wireRegressions are fixed corpus entries, one per way a stack's HTTP
// parser was once seen to read CORS headers differently from net/http.
func wireRegressions() []wireCase {
	one := func(name string, q wireReq) wireCase { return wireCase{name: name, parts: []wireReq{q}} }
	pre := func(lines ...wireLine) wireReq {
		return wireReq{method: "OPTIONS", path: PathResource, lines: lines}
	}
	get := func(lines ...wireLine) wireReq { return wireReq{method: "GET", path: PathResource, lines: lines} }
	cases := []wireCase{
		one("origin-trailing-tab", get(wl(hOrigin, oApp+"\t"))),
		one("origin-leading-tab", get(wl(hOrigin, "\t"+oApp))),
		one("origin-trailing-space-tab", get(wl(hOrigin, oApp+" \t "))),
		one("acrm-trailing-tab", pre(wl(hOrigin, oApp), wl(hACRM, "PUT\t"))),
		one("acrpn-trailing-tab", pre(wl(hOrigin, oApp), wl(hACRM, "GET"), wl(hACRPN, "true\t"))),
		one("acrh-surrounding-tabs", pre(wl(hOrigin, oApp), wl(hACRM, "PUT"), wl(hACRH, "\tx-custom\t"))),
		one("origin-in-trailer", wireReq{method: "POST", path: PathResource, trailer: []wireLine{wl(hOrigin, oApp)}}),
		one("origin-in-trailer-empty-body", wireReq{method: "POST", path: PathResource, trailer: []wireLine{wl(hOrigin, oApp)}, emptyBody: true}),
		one("preflight-in-trailer", wireReq{method: "OPTIONS", path: PathResource, trailer: []wireLine{wl(hOrigin, oApp), wl(hACRM, "PUT")}}),
		one("acrm-in-trailer", wireReq{method: "OPTIONS", path: PathResource, lines: []wireLine{wl(hOrigin, oApp)}, trailer: []wireLine{wl(hACRM, "PUT")}}),
		one("acrm-obs-fold", pre(wl(hOrigin, oApp), wireLine{hACRM, ":\r\n ", "PUT"})),
		one("acrh-obs-fold", pre(wl(hOrigin, oApp), wl(hACRM, "PUT"), wl(hACRH, "x-custom,\r\n content-type"))),
		one("origin-obs-fold", get(wireLine{hOrigin, ":\r\n\t", oApp})),
	}
	// Header names that only Unicode case folding matches: no browser and
	// no net/http server reads them as CORS headers.
	for _, c := range []struct {
		name string
		q    wireReq
		bad  int
	}{
		{"acrm-long-s", pre(wl(hOrigin, oApp), wl(unicodeName[hACRM], "PUT")), 1},
		{"acrh-long-s", pre(wl(hOrigin, oApp), wl(hACRM, "PUT"), wl(unicodeName[hACRH], "x-other")), 2},
		{"acrpn-kelvin", pre(wl(hOrigin, oApp), wl(hACRM, "GET"), wl(unicodeName[hACRPN], "true")), 2},
		{"origin-dotless-i", get(wl(unicodeName[hOrigin], oApp)), 0},
	} {
		without := c.q.clone()
		without.lines = slices.Delete(without.lines, c.bad, c.bad+1)
		cases = append(cases, wireCase{name: c.name, parts: []wireReq{c.q}, without: &without})
	}
	// Pipelined requests: the second decision must not inherit anything
	// from the first.
	bases := wireBases()
	for i, pair := range [][2]int{{0, 2}, {4, 7}, {4, 8}, {5, 1}, {1, 0}} {
		cases = append(cases, wireCase{name: fmt.Sprintf("pipelined-%d", i), parts: []wireReq{bases[pair[0]], bases[pair[1]]}})
	}
	return cases
}

// wireCorpus returns the fixed regressions followed by n requests
// generated from seed: a base request with one to three mutations, now and
// then pipelined behind another.
func wireCorpus(seed uint64, n int) []wireCase {
	r := rand.New(rand.NewPCG(seed, 0x6f726967696e))
	cases := wireRegressions()
	bases := wireBases()
	for k := 0; k < n; k++ {
		q := bases[r.IntN(len(bases))].clone()
		var labels []string
		var without *wireReq
		badNames := 0
		for range 1 + r.IntN(3) {
			m := mutations[r.IntN(len(mutations))]
			before := q.clone()
			label, bad := m.do(r, &q)
			if label == "" {
				continue
			}
			labels = append(labels, label)
			without = nil // only when the last mutation is the one bad name
			if bad >= 0 {
				if badNames++; badNames == 1 {
					w := before.clone()
					w.lines = slices.Delete(w.lines, bad, bad+1)
					without = &w
				}
			}
		}
		c := wireCase{name: fmt.Sprintf("gen-%d %s %s [%s]", k, q.method, q.path, strings.Join(labels, "; ")), parts: []wireReq{q}, without: without}
		if r.IntN(8) == 0 {
			c.parts = append([]wireReq{bases[r.IntN(len(bases))]}, q)
			c.without = nil
			c.name += " (pipelined second)"
		}
		cases = append(cases, c)
	}
	return cases
}
