package bench

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	corschi "github.com/originguard/cors/adapters/chi"
	cors "github.com/originguard/cors/core"
)

// terminalHTTP is the application: it notes that it ran and answers 200
// with no body.
func terminalHTTP(a *app) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		a.handle(w.Header())
		w.WriteHeader(http.StatusOK)
	})
}

// httpMiddleware returns the net/http middleware for lib, or nil for none.
func httpMiddleware(lib string, s settings, y refs) (func(http.Handler) http.Handler, error) {
	switch lib {
	case libNone:
		return nil, nil
	case libFloor:
		return y.floor.httpMiddleware, nil
	case libMinimal:
		return y.min.httpMiddleware, nil
	case libOurs:
		p, err := cors.New(s.ours())
		if err != nil {
			return nil, err
		}
		return p.Handler, nil
	}
	return httpPeer(lib, s)
}

// buildNetHTTP wraps the terminal handler directly: net/http has no router
// to measure, so the baseline is the handler alone.
func buildNetHTTP(lib string, s settings, y refs, a *app) (stack, error) {
	mw, err := httpMiddleware(lib, s, y)
	if err != nil {
		return stack{}, err
	}
	h := terminalHTTP(a)
	if mw != nil {
		h = mw(h)
	}
	return stack{h: h}, nil
}

// buildChi mounts the middleware on the root router with r.Use; ours goes
// through corschi.Middleware.
func buildChi(lib string, s settings, y refs, a *app) (stack, error) {
	var mw func(http.Handler) http.Handler
	var err error
	if lib == libOurs {
		p, perr := cors.New(s.ours())
		if perr != nil {
			return stack{}, perr
		}
		mw = corschi.Middleware(p)
	} else if mw, err = httpMiddleware(lib, s, y); err != nil {
		return stack{}, err
	}
	r := chi.NewRouter()
	if mw != nil {
		r.Use(mw)
	}
	h := terminalHTTP(a)
	r.Method(http.MethodGet, "/", h)
	r.Method(http.MethodOptions, "/", h)
	return stack{h: r}, nil
}
