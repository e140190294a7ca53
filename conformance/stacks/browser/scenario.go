package browser

import (
	"net/http"
	"strings"
	"time"

	cors "github.com/originguard/cors/core"
)

// PageKind names the page a step's fetch runs in.
type PageKind uint8

const (
	// PageA is a page of an allowed origin; it sets the cookie sid=a.
	PageA PageKind = iota
	// PageA2 is a page of a second allowed origin, opened as a sibling tab
	// of PageA (same cookies, HTTP cache and preflight cache).
	PageA2
	// PageOther is a page of an origin that no policy lists.
	PageOther
	// PageNull is a page served with "Content-Security-Policy: sandbox
	// allow-scripts", whose fetches carry "Origin: null".
	PageNull
	// PageCross is a page of another site, http://localhost:<port>, opened
	// as a tab of its own: its fetches to the API on 127.0.0.1 are
	// cross-site, so the engine's third-party cookie policy applies.
	PageCross
)

// PageKinds lists every page kind, in order: a kind is its own index.
var PageKinds = []PageKind{PageA, PageA2, PageOther, PageNull, PageCross}

func (k PageKind) String() string {
	switch k {
	case PageA:
		return "A"
	case PageA2:
		return "A2"
	case PageOther:
		return "other"
	case PageCross:
		return "cross"
	}
	return "null"
}

// Origins are the serialized origins of the page servers of one run:
// http://127.0.0.1:<port>, and http://localhost:<port> for Cross.
type Origins struct {
	A, A2, Other, Cross string
	// APIPort is the port of the API server the policy is built for ("" when
	// none listens yet): a host scope names the port browsers send.
	APIPort string
}

// Of returns the origin a page of kind k sends ("null" for PageNull).
func (o Origins) Of(k PageKind) string {
	switch k {
	case PageA:
		return o.A
	case PageA2:
		return o.A2
	case PageOther:
		return o.Other
	case PageCross:
		return o.Cross
	}
	return "null"
}

// Expand replaces the placeholders {A}, {A2}, {Other} and {Cross} in s.
func (o Origins) Expand(s string) string {
	return strings.NewReplacer("{A}", o.A, "{A2}", o.A2, "{Other}", o.Other, "{Cross}", o.Cross).Replace(s)
}

// Profile is what the API server answers with: a policy run through the
// stack under test, or, for Raw profiles, a hand-written server that
// misbehaves on purpose (stack-independent; it shows what the engines do with
// answers our middleware never gives).
type Profile struct {
	Name string
	Doc  string
	// Config builds the policy for a run's origins. Nil for Raw profiles
	// and scoped ones.
	Config func(o Origins) cors.Config
	// Scoped, instead of Config, builds a policy of several scopes
	// (cors.NewScoped).
	Scoped func(o Origins) cors.ScopedConfig
	// StripVary removes every Vary header from the stack's responses, as a
	// misconfigured proxy would.
	StripVary bool
	// Raw, when set, is the whole API server: no stack, no policy.
	Raw func(o Origins) http.Handler
}

// Policy builds the profile's policy for a run's origins; it panics on an
// invalid profile (TestScenarioTable checks every profile).
func (p *Profile) Policy(o Origins) *cors.Policy {
	if p.Scoped != nil {
		return cors.MustNewScoped(p.Scoped(o))
	}
	return cors.MustNew(p.Config(o))
}

// Step is one fetch() in a scenario, and what the engines do with it.
type Step struct {
	Page PageKind
	// Host, when set, replaces 127.0.0.1 in the API URL: another name of
	// the same server (localhost), as a tenant's host.
	Host string
	// Path of the API URL; "" means "/api/<scenario ID>". The suite adds a
	// query string unique to the scenario and run, the same for every step
	// of the scenario, so steps with the same Path fetch the same URL.
	Path        string
	Method      string // as written in the script; "" is GET
	Headers     []Header
	Credentials string // "", "include" or "omit"
	Body        string
	// After is a pause before the step, e.g. for a preflight-cache entry
	// to expire. The suite pauses once for all scenarios and stacks: steps
	// after a pause run in a later phase, each at least After after the
	// step before it.
	After time.Duration
	// Want is what every engine does with the step, unless Differs says
	// otherwise for it.
	Want Want
	// Differs holds the verdicts of the engines that do not give Want, by
	// engine name (chromium, firefox, webkit).
	Differs map[string]Want
}

// WantIn returns the verdict engine gives the step.
func (st *Step) WantIn(engine string) Want {
	if w, ok := st.Differs[engine]; ok {
		return w
	}
	return st.Want
}

// Want is an engine's verdict on a step. CORSError and FailedParameter are
// Chromium's DevTools codes: other engines are judged on what the page and
// the servers see.
type Want struct {
	Allowed bool
	// CORSError is the corsErrorStatus.corsError Chromium reports for a
	// refusal, e.g. "MissingAllowOriginHeader".
	CORSError string
	// FailedParameter is corsErrorStatus.failedParameter; origins are
	// written as {A}, {A2}, {Other} or {Cross} (see Origins.Expand).
	FailedParameter string
	// Preflights is how many OPTIONS preflights the engine sends for the
	// step (counted on the server). After a step that preflighted the same
	// URL, 0 says the engine reused that preflight's cache entry: the step
	// concludes that the engine kept the entry that long, not that the
	// standard requires it to, since an engine may drop an entry at any
	// time before its Max-Age has passed; only a preflight once it has
	// passed is the standard's requirement
	// (https://fetch.spec.whatwg.org/#concept-cache). A failure on such a
	// step shows the Max-Age the server sent and the entry's age, to tell a
	// wrong Max-Age, an early eviction and a late step apart.
	Preflights int
	// Status is the status the script reads when allowed (0 means 200).
	Status int
	// Readable and Hidden are response header names (lower case) the
	// script can and cannot read.
	Readable, Hidden []string
	// BodyContains is a substring of the body the script reads.
	BodyContains string
}

// Hits is what the API server saw of a whole scenario.
type Hits struct {
	// Preflights and Actual count the OPTIONS and other requests that
	// reached the server; App counts those that reached the application
	// behind the middleware.
	Preflights, Actual, App int
}

// Scenario is a browser scenario: the profile the API runs and the fetches
// pages make, in order.
type Scenario struct {
	ID      string
	Doc     string
	Refs    string // rules of docs/behaviour.md the scenario checks, comma-separated
	Profile *Profile
	Steps   []Step
	// Hits, when set, is asserted on the server side, unless HitsDiffer
	// has an entry for the engine.
	Hits       *Hits
	HitsDiffer map[string]Hits
	// Standard, required when the engines disagree, says what the Fetch
	// standard requires; Deviations says, by engine name, what each engine
	// that departs from it does instead (the table asserts that behaviour,
	// so a browser change shows up as a failure to look at).
	Standard   string
	Deviations map[string]string
	// ChromiumLenient marks a scenario where Chromium lets through what the
	// Fetch standard refuses (fetchcheck.Spec disagrees, fetchcheck.Chromium
	// agrees).
	ChromiumLenient bool
}

// HitsIn returns the server-side expectation for engine, nil if none.
func (s *Scenario) HitsIn(engine string) *Hits {
	if h, ok := s.HitsDiffer[engine]; ok {
		return &h
	}
	return s.Hits
}

// PathOf returns the API path of step i.
func (s *Scenario) PathOf(i int) string {
	if p := s.Steps[i].Path; p != "" {
		return p
	}
	return "/api/" + s.ID
}

// Call builds the fetch of step i against the API at base (e.g.
// "http://127.0.0.1:8080"); query is the scenario's unique query string
// without "?".
func (s *Scenario) Call(base string, i int, query string) Call {
	st := s.Steps[i]
	return Call{URL: s.BaseOf(base, i) + s.PathOf(i) + "?" + query, Method: st.Method, Headers: st.Headers,
		Credentials: st.Credentials, Body: st.Body}
}

// BaseOf returns the API base URL of step i: base with the step's Host, if
// any, in place of 127.0.0.1.
func (s *Scenario) BaseOf(base string, i int) string {
	if h := s.Steps[i].Host; h != "" {
		return strings.Replace(base, "127.0.0.1", h, 1)
	}
	return base
}
