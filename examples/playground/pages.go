package main

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed page
var pageFiles embed.FS

// pageFS holds index.html, app.js, style.css and frame.html.
var pageFS, _ = fs.Sub(pageFiles, "page")

// info tells the page where everything is.
type info struct {
	API   string `json:"api"`
	Page  string `json:"page"`
	Other string `json:"other"`
	Stack string `json:"stack"`
	// LocalNetwork is the Local Network Access note for the API's address
	// ("" for a public one).
	LocalNetwork string `json:"localNetwork,omitempty"`
}

// pageHandler serves the playground page (an allowed origin) and the
// endpoints it reads: where the servers are, the decisions recorded for a
// probe, and the policy.
func (pg *playground) pageHandler() http.Handler {
	files := http.FileServerFS(pageFS)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		// A host-only cookie for 127.0.0.1: it also reaches the API on its
		// other port, but only on credentialed requests.
		http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "hello", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
		w.Header().Set("Cache-Control", "no-store")
		http.ServeFileFS(w, r, pageFS, "index.html")
	})
	mux.Handle("GET /app.js", files)
	mux.Handle("GET /style.css", files)
	mux.HandleFunc("GET /playground/info", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, info{API: pg.APIURL, Page: pg.PageURL, Other: pg.OtherURL, Stack: pg.Stack,
			LocalNetwork: localNetworkNote(pg.APIURL, r.Host)})
	})
	mux.HandleFunc("GET /playground/decisions", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, pg.rec.decisions(r.URL.Query().Get("probe")))
	})
	mux.HandleFunc("/playground/policy", pg.servePolicy)
	mux.HandleFunc("/playground/candidate", pg.serveCandidate)
	mux.HandleFunc("GET /playground/counters", pg.serveCounters)
	return mux
}

// otherHandler serves the third origin: a frame that the page embeds and
// asks, by postMessage, to fetch from the API. Its origin is not in the
// policy.
func otherHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /frame.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		http.ServeFileFS(w, r, pageFS, "frame.html")
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("This origin is not allowed by the playground's policy. Open the playground page instead.\n"))
	})
	return mux
}
