package main

import "github.com/originguard/cors/corscheck/fetchcheck"

// Report is the -json output. Its fields are stable; new fields may be
// added, none renamed or removed.
type Report struct {
	URL         string   `json:"url"`
	Origin      string   `json:"origin"`
	Method      string   `json:"method"`      // as the browser sends it (normalized)
	Credentials bool     `json:"credentials"` // credentials mode "include"
	Model       string   `json:"model"`       // "chromium" or "spec" (-strict)
	Preflight   *Step    `json:"preflight,omitempty"`
	Actual      *Step    `json:"actual,omitempty"`
	Verdict     string   `json:"verdict"` // "allowed", "blocked" or "redirect" (not followed)
	Allowed     bool     `json:"allowed"` // false only when blocked
	Failure     *Check   `json:"failure,omitempty"`
	Redirect    string   `json:"redirect,omitempty"` // absolute Location of an actual-request redirect
	Readable    []string `json:"readable,omitempty"` // exposed response headers beyond the safelist ("*" = all)
	Warnings    []string `json:"warnings"`
	// Engines is what Chromium, Firefox and WebKit each do with the same
	// exchange; EngineNotes says where they differ (never absent).
	Engines     []EngineVerdict `json:"engines"`
	EngineNotes []string        `json:"engine_notes"`
	// LocalNetwork, when the URL is on a loopback or private address and
	// the page's origin is not, says that Chromium's Local Network Access
	// permission may block the request whatever the server answers, and
	// what the page can do.
	LocalNetwork string `json:"local_network,omitempty"`
}

// Step is one request sent and the response received.
type Step struct {
	Request  Message `json:"request"`
	Status   int     `json:"status"`
	Response Message `json:"response"` // only the headers that matter for CORS
	Check    Check   `json:"check"`
}

// Message is a request line or status and the headers shown.
type Message struct {
	Line    string  `json:"line"`
	Headers []Field `json:"headers"` // one entry per field line
}

// Field is one header field line.
type Field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Check is a fetchcheck.Result with JSON names.
type Check struct {
	OK      bool   `json:"ok"`
	Error   string `json:"error,omitempty"`   // Chromium's CorsError name
	Detail  string `json:"detail,omitempty"`  // Chromium's failedParameter
	Message string `json:"message,omitempty"` // Chromium's console text
	Fix     string `json:"fix,omitempty"`
}

func checkOf(r fetchcheck.Result) Check {
	return Check{OK: r.OK, Error: r.Error, Detail: r.Detail, Message: r.Message, Fix: r.Fix}
}
