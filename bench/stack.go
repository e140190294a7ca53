package bench

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/valyala/fasthttp"
)

// app is the terminal handler's state: whether it ran for this request,
// and whether it should overwrite every response header value in place
// (see poisonCheck).
type app struct {
	ran    bool
	poison bool
	undo   []func()
}

// handle records that the application ran and, when asked, poisons the
// response headers the middleware wrote before it.
func (a *app) handle(h http.Header) {
	a.ran = true
	if a.poison {
		a.undo = append(a.undo, poisonAll(h)...)
	}
}

// stack is one framework with one CORS library (or none, or a yardstick)
// in front of the terminal handler, routed for GET and OPTIONS on "/".
type stack struct {
	fw, lib string
	h       http.Handler            // every framework except fiber
	fast    fasthttp.RequestHandler // fiber
	app     *app
	min     *minimal // the minimal middleware, for lib=minimal
}

// refs are the yardsticks a stack may be built with; each is nil unless
// the stack's library is that yardstick.
type refs struct {
	floor *floor
	min   *minimal
}

// framework lists the libraries measured on one framework, baseline and
// yardsticks first, then ours, then the peers that fit it.
type framework struct {
	name  string
	libs  []string
	build func(lib string, s settings, y refs, a *app) (stack, error)
}

const (
	libNone  = "none"
	libFloor = "floor"
	// libMinimal is the minimal correct middleware (minimal.go).
	libMinimal = "minimal"
	libOurs    = "ours"
	// libNoop is a middleware that only calls the next handler (echo v4
	// and v5).
	libNoop = "noop-mw"
)

// frameworks is every framework the harness measures.
func frameworks() []framework {
	return []framework{
		{"nethttp", []string{libNone, libFloor, libMinimal, libOurs, libRS, libJub0bs, libGoChi}, buildNetHTTP},
		{"chi", []string{libNone, libFloor, libMinimal, libOurs, libRS, libJub0bs, libGoChi}, buildChi},
		{"gin", []string{libNone, libFloor, libMinimal, libOurs, libGinContrib, libRSGin}, buildGin},
		{"echo", []string{libNone, libNoop, libFloor, libMinimal, libOurs, libEcho, libRSEcho}, buildEcho},
		{"fiber", []string{libNone, libFloor, libMinimal, libOurs, libFiber}, buildFiber},
		{"echov5", []string{libNone, libNoop, libFloor, libMinimal, libOurs, libEchoV5}, buildEchoV5},
		{"fiberv3", []string{libNone, libFloor, libMinimal, libOurs, libFiberV3}, buildFiberV3},
	}
}

// buildStack builds the stack for framework fw and library lib, configured
// for scenario sc.
func buildStack(fw framework, lib string, sc scenario) (stack, error) {
	s := sc.settings()
	var y refs
	switch lib {
	case libFloor:
		var err error
		if y.floor, err = recordFloor(sc); err != nil {
			return stack{}, err
		}
	case libMinimal:
		y.min = newMinimal(s)
	}
	a := &app{}
	st, err := fw.build(lib, s, y, a)
	if err != nil {
		return stack{}, fmt.Errorf("%s/%s: %w", fw.name, lib, err)
	}
	st.fw, st.lib, st.app, st.min = fw.name, lib, a, y.min
	return st, nil
}

func errUnknownLib(lib string) error { return fmt.Errorf("unknown library %q", lib) }

// exchange is a stack with its request, ready to be served repeatedly on
// the same writer (or RequestCtx).
type exchange struct {
	st        stack
	outerVary string
	w         *reuseWriter
	r         *http.Request
	ctx       *fasthttp.RequestCtx
}

func newExchange(st stack, sc scenario) *exchange {
	x := &exchange{st: st, outerVary: sc.outerVary}
	if st.fast != nil {
		x.ctx = &fasthttp.RequestCtx{}
		x.ctx.Request.Header.SetMethod(sc.method)
		x.ctx.Request.SetRequestURI(requestURL)
		for k, vs := range sc.header {
			for _, v := range vs {
				x.ctx.Request.Header.Add(k, v)
			}
		}
		return x
	}
	x.w = newReuseWriter()
	x.r = httptest.NewRequest(sc.method, requestURL, nil)
	x.r.Header = sc.header.Clone()
	return x
}

// serve runs one request.
func (x *exchange) serve() {
	x.st.app.ran = false
	if x.ctx != nil {
		x.ctx.Response.Reset()
		if x.outerVary != "" {
			x.ctx.Response.Header.Set("Vary", x.outerVary)
		}
		x.st.fast(x.ctx)
		return
	}
	x.w.reset()
	if x.outerVary != "" {
		x.w.h["Vary"] = []string{x.outerVary}
	}
	x.st.h.ServeHTTP(x.w, x.r)
}

// response is what a client would see, plus whether the app ran.
type response struct {
	status int
	header http.Header
	appRan bool
}

// observe serves one request and returns the response.
func (x *exchange) observe() response {
	x.serve()
	resp := response{appRan: x.st.app.ran, header: http.Header{}}
	if x.ctx != nil {
		resp.status = x.ctx.Response.StatusCode()
		for k, v := range x.ctx.Response.Header.All() {
			resp.header.Add(string(k), string(v))
		}
		return resp
	}
	resp.status = x.w.statusOrOK()
	for k, vs := range x.w.h {
		resp.header[k] = append([]string(nil), vs...)
	}
	return resp
}

// requestURL is where every request goes. Its host is not one of the
// origins: gin-contrib/cors skips requests whose Origin equals the Host.
const requestURL = "http://backend.test/"
