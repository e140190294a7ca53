package conformance

import (
	"net/http"
	"strings"
	"testing"
)

// runSocket checks, for a stack with its own HTTP server (Harness.Listen),
// that Mount serves the table faithfully: every case whose request survives
// an HTTP/1.1 round trip unchanged gets the same status, markers,
// Access-Control-* headers and Vary from the stack's server on a 127.0.0.1
// socket as from Mount in process. A stack whose Mount bridges net/http
// requests into its framework's own types (fasthttp) is only as good as
// that bridge, and every case of the table runs through it.
func runSocket(t *testing.T, s *session) {
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	bases := map[string]string{} // socket address by policy name
	compared := 0
	for _, c := range cases() {
		if !wireSafe(c.req) {
			continue
		}
		app, err := s.app(s.h, s.apps, c.pol)
		if err != nil {
			t.Fatal(err)
		}
		base, ok := bases[c.pol.name]
		if !ok {
			p, err := c.pol.build()
			if err != nil {
				t.Fatal(err)
			}
			srv, err := listen(s.h, p)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(srv.stop)
			base = "http://" + srv.addr
			bases[c.pol.name] = base
		}
		want, err := serve(app, c.req)
		if err != nil {
			t.Fatal(err)
		}
		got, err := roundTrip(client, base, c.req)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if g, w := summary(got, true), summary(want, true); g != w {
			t.Errorf("%s: %s over a socket differs from Mount in process:\n\tsocket: %s\n\tMount:  %s", c.name, s.h.Name, g, w)
		}
		compared++
	}
	if compared < len(cases())/2 {
		t.Errorf("only %d of %d cases compared", compared, len(cases()))
	}
	t.Logf("%d cases compared over a socket", compared)
}

// roundTrip sends r to the server at base with net/http's client.
func roundTrip(client *http.Client, base string, r request) (response, error) {
	req, err := http.NewRequest(r.method, base+r.path, nil)
	if err != nil {
		return response{}, err
	}
	req.Host = r.httpRequest().Host
	for _, l := range r.lines {
		req.Header[l.key] = append(req.Header[l.key], l.value)
	}
	res, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	_ = res.Body.Close()
	return response{status: res.StatusCode, header: res.Header}, nil
}

// wireSafe reports whether r survives an HTTP/1.1 round trip byte for byte:
// a token method, no control or non-ASCII bytes, no whitespace at the ends
// of a value (parsers trim it), no empty value (the Go client drops it), and
// headers within a 4 kB read buffer (fasthttp's default; beyond it its
// server answers 431 before any handler runs).
func wireSafe(r request) bool {
	if !isToken(r.method) || strings.Contains(r.path, "?") {
		return false
	}
	size := 0
	for _, l := range r.lines {
		size += len(l.key) + len(l.value) + 4
	}
	if size > 3072 {
		return false
	}
	for _, l := range r.lines {
		v := l.value
		if v == "" || strings.TrimSpace(v) != v {
			return false
		}
		for i := 0; i < len(v); i++ {
			if c := v[i]; c < 0x20 || c >= 0x7f {
				return false
			}
		}
	}
	return true
}

// isToken reports whether s is an HTTP token (RFC 9110, section 5.6.2): a
// method or a header field name.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '!' || c > '~' || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}
