package bench

import (
	"net/http"
	"slices"

	cors "github.com/originguard/cors/core"
	"github.com/valyala/fasthttp"
)

// floor is what our middleware writes for one scenario, recorded once
// from the net/http stack and replayed with no decision logic. Like our
// middleware it never shares a value slice between responses (design
// rule 10), so on an http.Header it costs one allocation per response
// that has headers; on fasthttp it costs none.
type floor struct {
	keys    []string
	vals    [][]string
	n       int
	respond bool
	status  int
}

// recordFloor observes our net/http middleware on scenario sc.
func recordFloor(sc scenario) (*floor, error) {
	p, err := cors.New(sc.settings().ours())
	if err != nil {
		return nil, err
	}
	a := &app{}
	st := stack{fw: "nethttp", lib: libOurs, app: a, h: p.Handler(terminalHTTP(a))}
	sc.outerVary = ""
	resp := newExchange(st, sc).observe()
	f := &floor{respond: !resp.appRan, status: resp.status}
	for k := range resp.header {
		f.keys = append(f.keys, k)
	}
	slices.Sort(f.keys)
	for _, k := range f.keys {
		f.vals = append(f.vals, resp.header[k])
		f.n += len(resp.header[k])
	}
	return f, nil
}

// writeHTTP writes the recorded headers into h through one fresh array.
func (f *floor) writeHTTP(h http.Header) {
	if f.n == 0 {
		return
	}
	vals := make([]string, f.n)
	i := 0
	for j, k := range f.keys {
		start := i
		i += copy(vals[i:], f.vals[j])
		h[k] = vals[start:i:i]
	}
}

// writeFast writes the recorded headers into a fasthttp response.
func (f *floor) writeFast(h *fasthttp.ResponseHeader) {
	for j, k := range f.keys {
		for i, v := range f.vals[j] {
			if i == 0 && k != "Vary" {
				h.Set(k, v)
			} else {
				h.Add(k, v)
			}
		}
	}
}

// httpMiddleware is the floor as net/http middleware.
func (f *floor) httpMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.writeHTTP(w.Header())
		if f.respond {
			w.WriteHeader(f.status)
			return
		}
		next.ServeHTTP(w, r)
	})
}
