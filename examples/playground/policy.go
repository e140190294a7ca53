package main

import (
	"encoding/json"
	"mime"
	"net/http"

	cors "github.com/originguard/cors/core"
)

// defaultPolicy is the policy the playground starts with: the page's origin
// may call the API with cookies, read X-Stack, use GET, POST and PUT and
// send X-Custom. Preflights are not cached (MaxAge < 0 sends "0"), so that
// edits made on the page apply to the very next request. Forgery protection
// is on: a form post from the third origin is refused before the API runs.
func defaultPolicy(pageOrigin string) cors.Config {
	return cors.Config{
		AllowedOrigins:    []string{pageOrigin},
		AllowedMethods:    []string{http.MethodGet, http.MethodPost, http.MethodPut},
		AllowedHeaders:    []string{"Content-Type", "X-Custom"},
		ExposedHeaders:    []string{"X-Stack"},
		AllowCredentials:  true,
		MaxAge:            -1,
		ForgeryProtection: true,
	}
}

// policyJSON is the part of the policy the page edits.
type policyJSON struct {
	Origins     []string `json:"origins"`
	Methods     []string `json:"methods"`
	Headers     []string `json:"headers"`
	Credentials bool     `json:"credentials"`
	Forgery     bool     `json:"forgery"` // ForgeryProtection
}

func policyOf(cfg cors.Config) policyJSON {
	return policyJSON{
		Origins:     nonNil(cfg.AllowedOrigins),
		Methods:     nonNil(cfg.AllowedMethods),
		Headers:     nonNil(cfg.AllowedHeaders),
		Credentials: cfg.AllowCredentials,
		Forgery:     cfg.ForgeryProtection,
	}
}

// withEdits is cfg with the fields the page edits set from in.
func withEdits(cfg cors.Config, in policyJSON) cors.Config {
	cfg.AllowedOrigins = in.Origins
	cfg.AllowedMethods = in.Methods
	cfg.AllowedHeaders = in.Headers
	cfg.AllowCredentials = in.Credentials
	cfg.ForgeryProtection = in.Forgery
	return cfg
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// servePolicy answers GET with the policy in force and applies a POSTed
// policy with Reconfigure. A rejected policy is answered 422 with the
// configuration error, verbatim, and the policy in force is unchanged.
func (pg *playground) servePolicy(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		writeJSON(w, http.StatusOK, policyOf(pg.policy.Config()))
	case http.MethodPost:
		in, ok := readPolicy(w, r)
		if !ok {
			return
		}
		cfg := withEdits(pg.policy.Config(), in)
		if err := pg.policy.Reconfigure(cfg); err != nil {
			writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, policyOf(pg.policy.Config()))
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// readPolicy decodes a POSTed policy, or answers the error and returns
// false. Requiring JSON makes a cross-origin POST need a preflight, which
// this server never grants.
func readPolicy(w http.ResponseWriter, r *http.Request) (policyJSON, bool) {
	var in policyJSON
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		writeJSON(w, http.StatusUnsupportedMediaType, map[string]string{"error": "send application/json"})
		return in, false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "bad JSON: " + err.Error()})
		return in, false
	}
	return in, true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
