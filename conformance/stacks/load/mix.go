package load

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"time"

	cors "github.com/originguard/cors/core"
)

// ConfigA and ConfigB are the two configurations a run alternates between.
// They share a subdomain pattern and differ in a listed origin, a method,
// the exposed header and MaxAge, so that a response mixing both shows.
func ConfigA() cors.Config {
	return cors.Config{
		AllowedOrigins:   []string{"https://a.example", "https://*.shared.example"},
		AllowedMethods:   []string{"GET", "PUT"},
		AllowedHeaders:   []string{"X-Token"},
		ExposedHeaders:   []string{"X-A"},
		AllowCredentials: true,
		MaxAge:           60 * time.Second,
	}
}

// ConfigB is the other configuration; see ConfigA.
func ConfigB() cors.Config {
	return cors.Config{
		AllowedOrigins:   []string{"https://b.example", "https://*.shared.example"},
		AllowedMethods:   []string{"GET", "DELETE"},
		AllowedHeaders:   []string{"X-Token"},
		ExposedHeaders:   []string{"X-B"},
		AllowCredentials: true,
		MaxAge:           120 * time.Second,
	}
}

// Probe is one request of the mix.
type Probe struct {
	Name   string
	Method string
	Origin string // "" for none
	ACRM   string // "" for none
	ACRH   string // "" for none
}

// Mix is the request mix: preflights, allowed and denied actual requests
// and a request without Origin, in the order the load generator cycles
// through them.
func Mix() []Probe {
	return []Probe{
		{"preflight shared PUT", http.MethodOptions, "https://x.shared.example", "PUT", "x-token"},
		{"actual shared GET", http.MethodGet, "https://x.shared.example", "", ""},
		{"preflight a PUT", http.MethodOptions, "https://a.example", "PUT", "x-token"},
		{"actual a GET", http.MethodGet, "https://a.example", "", ""},
		{"preflight b DELETE", http.MethodOptions, "https://b.example", "DELETE", ""},
		{"actual b POST", http.MethodPost, "https://b.example", "", ""},
		{"actual evil GET (denied)", http.MethodGet, "https://evil.example", "", ""},
		{"preflight evil PUT (denied)", http.MethodOptions, "https://evil.example", "PUT", "x-token"},
		{"preflight shared refused header", http.MethodOptions, "https://y.shared.example", "GET", "x-token,x-other"},
		{"not CORS", http.MethodGet, "", "", ""},
	}
}

// NewRequest builds the probe's request to base (e.g. "http://127.0.0.1:1234").
func (p Probe) NewRequest(base string) (*http.Request, error) {
	r, err := http.NewRequest(p.Method, base+Path, nil)
	if err != nil {
		return nil, err
	}
	if p.Origin != "" {
		r.Header.Set("Origin", p.Origin)
	}
	if p.ACRM != "" {
		r.Header.Set("Access-Control-Request-Method", p.ACRM)
	}
	if p.ACRH != "" {
		r.Header.Set("Access-Control-Request-Headers", p.ACRH)
	}
	return r, nil
}

// Outcome is what a response is judged by: the status, whether the
// application ran, and every Access-Control-* and Vary header.
type Outcome struct {
	Status int
	AppRan bool
	// Headers is "Name: value" per header, sorted, one per line; the
	// lines of one header are joined with ", ".
	Headers string
}

func (o Outcome) String() string {
	return "status " + strconv.Itoa(o.Status) + ", app ran " + strconv.FormatBool(o.AppRan) + "\n" + o.Headers
}

// OutcomeOf reads the outcome of a response.
func OutcomeOf(status int, h http.Header) Outcome {
	var lines []string
	for k, v := range h {
		if strings.HasPrefix(k, "Access-Control-") || k == "Vary" {
			lines = append(lines, k+": "+strings.Join(v, ", "))
		}
	}
	slices.Sort(lines)
	return Outcome{Status: status, AppRan: h.Get(HeaderAppRan) == "1", Headers: strings.Join(lines, "\n")}
}

// Expected is what the core's net/http middleware answers to p under cfg,
// evaluated in process without a network.
func Expected(cfg cors.Config, p Probe) (Outcome, error) {
	pol, err := cors.New(cfg)
	if err != nil {
		return Outcome{}, err
	}
	r, err := p.NewRequest("http://load.test")
	if err != nil {
		return Outcome{}, err
	}
	w := httptest.NewRecorder()
	pol.Handler(http.HandlerFunc(okHTTP)).ServeHTTP(w, r)
	return OutcomeOf(w.Code, w.Header()), nil
}
