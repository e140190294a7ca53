package browser

import (
	"net/http"
	"time"

	cors "github.com/originguard/cors/core"
)

// The policy profiles. Every one but Cached, DefaultAge and ShortAge disables the
// preflight cache (Access-Control-Max-Age: 0) so that scenarios never
// influence one another.
var (
	// Main is a credentialed allowlist of three origins (A, A2 and the
	// cross-site page) with explicit methods, headers (Authorization included) and one exposed header.
	Main = &Profile{Name: "main", Doc: "credentialed allowlist {A, A2, Cross}", Config: mainConfig}
	// Cached is Main with Access-Control-Max-Age: 600.
	Cached = &Profile{Name: "cached", Doc: "Main, max-age 600 s", Config: func(o Origins) cors.Config {
		c := mainConfig(o)
		c.MaxAge = 600 * time.Second
		return c
	}}
	// DefaultAge is Main without Access-Control-Max-Age (browser default 5 s).
	DefaultAge = &Profile{Name: "default-age", Doc: "Main, no max-age header", Config: func(o Origins) cors.Config {
		c := mainConfig(o)
		c.MaxAge = 0
		return c
	}}
	// ShortAge is Main with Access-Control-Max-Age: 3.
	ShortAge = &Profile{Name: "short-age", Doc: "Main, max-age 3 s", Config: func(o Origins) cors.Config {
		c := mainConfig(o)
		c.MaxAge = 3 * time.Second
		return c
	}}
	// NoVary is Main behind a proxy that drops Vary.
	NoVary = &Profile{Name: "no-vary", Doc: "Main, Vary stripped by a proxy", Config: mainConfig, StripVary: true}
	// Public allows every origin, method and header and exposes every
	// header, without credentials.
	Public = &Profile{Name: "public", Doc: "uncredentialed *", Config: func(Origins) cors.Config {
		return cors.Config{
			AllowedOrigins: []string{"*"},
			AllowedMethods: []string{"*"},
			AllowedHeaders: []string{"*"},
			ExposedHeaders: []string{"*"},
			MaxAge:         -1,
		}
	}}
	// Status200 is Main answering successful preflights with 200.
	Status200 = &Profile{Name: "status-200", Doc: "Main, preflight status 200", Config: func(o Origins) cors.Config {
		c := mainConfig(o)
		c.PreflightSuccessStatus = http.StatusOK
		return c
	}}
	// NullFunc allows the opaque origin "null" through AllowOriginFunc.
	NullFunc = &Profile{Name: "null-func", Doc: "Main + AllowOriginFunc(null)", Config: func(o Origins) cors.Config {
		c := mainConfig(o)
		c.AllowCredentials = false
		c.AllowOriginFunc = func(origin string) bool { return origin == "null" }
		return c
	}}
)

// Scoped is one policy of several scopes: /api/public/ open to every origin
// for GET, /api/app/ and /only-put credentialed for {A}, the host localhost
// (another name of the API server) a tenant whose own front end is {A} (so
// {A2}, another tenant's, is refused), and no CORS anywhere else.
var Scoped = &Profile{Name: "scoped", Doc: "scopes: public, credentialed {A}, tenant localhost; no CORS elsewhere", Scoped: scopedConfig}

func scopedConfig(o Origins) cors.ScopedConfig {
	app := cors.Config{AllowedOrigins: []string{o.A}, AllowCredentials: true,
		AllowedMethods: []string{"GET", "PUT"}, AllowedHeaders: []string{"X-Custom"}, MaxAge: -1}
	frontEnds := map[string]string{"localhost": o.A} // tenant host -> its front end's origin
	tenant := "localhost"                            // as browsers send it: with the API server's port
	if o.APIPort != "" {
		tenant += ":" + o.APIPort
	}
	return cors.ScopedConfig{Scopes: []cors.Scope{
		{PathPrefix: "/api/public/", Config: cors.Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, MaxAge: -1}},
		{PathPrefix: "/api/app/", Config: app},
		{PathPrefix: "/only-put", Config: app},
		{Host: tenant, PathPrefix: "/api/", Config: cors.Config{AllowCredentials: true, MaxAge: -1,
			AllowOriginRequestFunc: func(origin, host, _ string) bool { return frontEnds[host] == origin }}},
	}}
}

func mainConfig(o Origins) cors.Config {
	return cors.Config{
		AllowedOrigins:   []string{o.A, o.A2, o.Cross},
		AllowedMethods:   []string{"GET", "POST", "PUT", "PATCH", "DELETE"},
		AllowedHeaders:   []string{"X-Custom", "Content-Type", "Authorization"},
		ExposedHeaders:   []string{"X-Exposed"},
		AllowCredentials: true,
		MaxAge:           -1,
	}
}

// raw builds a Raw profile from a function that writes the CORS headers of
// a response (preflight or not) and returns its status.
func raw(name, doc string, answer func(o Origins, r *http.Request, h http.Header) int) *Profile {
	return &Profile{Name: name, Doc: doc, Raw: func(o Origins) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Cache-Control", "no-store")
			h.Set("X-Exposed", "e")
			h.Set("X-Hidden", "h")
			w.WriteHeader(answer(o, r, h))
			if r.Method != http.MethodOptions {
				_, _ = w.Write([]byte(`{"raw":true}`))
			}
		})
	}}
}

func isPreflight(r *http.Request) bool {
	return r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
}

// The raw (hand-written, misbehaving) servers.
var (
	rawStarAuthorization = raw("raw-star-authorization", "ACAO/ACAM/ACAH: * to a request with Authorization",
		func(_ Origins, r *http.Request, h http.Header) int {
			h.Set("Access-Control-Allow-Origin", "*")
			if isPreflight(r) {
				h.Set("Access-Control-Allow-Methods", "*")
				h.Set("Access-Control-Allow-Headers", "*")
				return http.StatusNoContent
			}
			return http.StatusOK
		})
	rawMismatch = raw("raw-acao-mismatch", "ACAO names another origin",
		func(_ Origins, _ *http.Request, h http.Header) int {
			h.Set("Access-Control-Allow-Origin", "http://example.invalid")
			return http.StatusOK
		})
	rawTwoACAO = raw("raw-two-acao", "two ACAO field lines naming the origin",
		func(o Origins, _ *http.Request, h http.Header) int {
			h.Add("Access-Control-Allow-Origin", o.A)
			h.Add("Access-Control-Allow-Origin", o.A)
			return http.StatusOK
		})
	rawListACAO = raw("raw-list-acao", "ACAO lists the whole allowlist",
		func(o Origins, _ *http.Request, h http.Header) int {
			h.Set("Access-Control-Allow-Origin", o.A+" "+o.A2)
			return http.StatusOK
		})
	rawPreflight403 = raw("raw-preflight-403", "preflight 403 carrying valid CORS headers",
		func(o Origins, r *http.Request, h http.Header) int {
			h.Set("Access-Control-Allow-Origin", o.A)
			if isPreflight(r) {
				h.Set("Access-Control-Allow-Methods", "PUT")
				h.Set("Access-Control-Allow-Headers", "X-Custom")
				return http.StatusForbidden
			}
			return http.StatusOK
		})
	rawNoACAC = raw("raw-no-acac", "ACAO echoes the origin, no ACAC",
		func(_ Origins, r *http.Request, h http.Header) int {
			h.Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
			return http.StatusOK
		})
	rawACACTitle = raw("raw-acac-True", "ACAC: True (wrong case)",
		func(_ Origins, r *http.Request, h http.Header) int {
			h.Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
			h.Set("Access-Control-Allow-Credentials", "True")
			return http.StatusOK
		})
	rawStarCredentials = raw("raw-star-credentials", "ACAO: * with ACAC: true",
		func(_ Origins, _ *http.Request, h http.Header) int {
			h.Set("Access-Control-Allow-Origin", "*")
			h.Set("Access-Control-Allow-Credentials", "true")
			return http.StatusOK
		})
	rawNullACAO = raw("raw-acao-null", "ACAO: null to every origin",
		func(_ Origins, _ *http.Request, h http.Header) int {
			h.Set("Access-Control-Allow-Origin", "null")
			return http.StatusOK
		})
	rawPreflightNoACAH = raw("raw-preflight-no-acah", "preflight without ACAH",
		func(o Origins, r *http.Request, h http.Header) int {
			h.Set("Access-Control-Allow-Origin", o.A)
			if isPreflight(r) {
				h.Set("Access-Control-Allow-Methods", "PUT")
				return http.StatusNoContent
			}
			return http.StatusOK
		})
	rawPreflightNoACAO = raw("raw-preflight-no-acao", "preflight with ACAM/ACAH but no ACAO",
		func(o Origins, r *http.Request, h http.Header) int {
			if isPreflight(r) {
				h.Set("Access-Control-Allow-Methods", "PUT")
				h.Set("Access-Control-Allow-Headers", "X-Custom")
				return http.StatusNoContent
			}
			h.Set("Access-Control-Allow-Origin", o.A)
			return http.StatusOK
		})
	rawNegativeMaxAge = raw("raw-max-age-negative", "preflight answered Access-Control-Max-Age: -1",
		func(o Origins, r *http.Request, h http.Header) int {
			h.Set("Access-Control-Allow-Origin", o.A)
			if isPreflight(r) {
				h.Set("Access-Control-Allow-Methods", "PUT")
				h.Set("Access-Control-Allow-Headers", "X-Custom")
				h.Set("Access-Control-Max-Age", "-1")
				return http.StatusNoContent
			}
			return http.StatusOK
		})
	rawStarHeadersCredentialed = raw("raw-star-acah-credentialed", "credentialed preflight answered ACAH: * (a literal name then)",
		func(_ Origins, r *http.Request, h http.Header) int {
			h.Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
			h.Set("Access-Control-Allow-Credentials", "true")
			if isPreflight(r) {
				h.Set("Access-Control-Allow-Methods", "PUT")
				h.Set("Access-Control-Allow-Headers", "*")
				return http.StatusNoContent
			}
			return http.StatusOK
		})
)
