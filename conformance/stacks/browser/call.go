package browser

import (
	"encoding/json"
	"fmt"

	"github.com/chromedp/cdproto/network"
)

// Header is one request header field as the script sets it.
type Header struct {
	Name, Value string
}

// Call is one fetch() made by a page.
type Call struct {
	// URL is the absolute URL fetched. Outcomes are matched to calls by URL
	// (and by order for a URL fetched more than once), so make it unique
	// unless the test is about caching.
	URL string
	// Method as written in the script ("" means GET); fetch() upper-cases
	// only delete, get, head, options, post and put.
	Method  string
	Headers []Header
	// Credentials is the RequestInit credentials mode: "" (same-origin),
	// "include" or "omit".
	Credentials string
	// Body is sent as the request body when not empty.
	Body string
}

// init renders the RequestInit as a JavaScript object literal (JSON).
func (c Call) init() string {
	m := map[string]any{}
	if c.Method != "" {
		m["method"] = c.Method
	}
	if len(c.Headers) > 0 {
		pairs := make([][2]string, len(c.Headers))
		for i, h := range c.Headers {
			pairs[i] = [2]string{h.Name, h.Value}
		}
		m["headers"] = pairs
	}
	if c.Credentials != "" {
		m["credentials"] = c.Credentials
	}
	if c.Body != "" {
		m["body"] = c.Body
	}
	b, err := json.Marshal(m)
	if err != nil { // strings and slices of strings always marshal
		panic(fmt.Sprintf("browser: marshal RequestInit: %v", err))
	}
	return string(b)
}

// Outcome is what Chromium did with one fetch().
type Outcome struct {
	// Allowed is true when fetch() resolved: the script may read the response.
	Allowed bool
	// Status is the response status the script sees; 0 when refused.
	Status int
	// Body is the response text the script read.
	Body string
	// Headers are the response headers readable by the script, with
	// lower-case names.
	Headers map[string]string
	// JSError is the script's error, "TypeError: Failed to fetch" for every
	// CORS refusal.
	JSError string

	// CORSError is Chromium's corsErrorStatus.corsError from
	// Network.loadingFailed, "" when the fetch did not fail on CORS.
	CORSError network.CorsError
	// FailedParameter is corsErrorStatus.failedParameter: the refused
	// header (lower case), method or Access-Control-Allow-Origin value.
	FailedParameter string
	// NetError is loadingFailed.errorText (e.g. "net::ERR_FAILED").
	NetError string
	// Console is Chromium's console sentence "Access to fetch at … has been
	// blocked by CORS policy: …", for messages only: its wording changes
	// between versions.
	Console string
	// Preflights counts the preflights Chromium reported for this fetch
	// (requestWillBeSent events whose initiator is this fetch) by the time
	// its loadingFinished or loadingFailed arrived. It may undercount: the
	// network service reports a preflight on another channel than the
	// renderer reports the fetch, so a preflight's event may come after the
	// fetch ended. It never counts a preflight of another fetch, and a
	// preflight taken from the preflight cache is not sent and not counted.
	// The server's count of OPTIONS requests is the exact figure.
	Preflights int
	// FromCache is true when the response came from Chromium's HTTP cache.
	FromCache bool
}

// String summarises the outcome for failure messages.
func (o Outcome) String() string {
	if o.Allowed {
		return fmt.Sprintf("allowed status=%d preflights=%d cache=%v headers=%v", o.Status, o.Preflights, o.FromCache, o.Headers)
	}
	return fmt.Sprintf("refused %s(%q) preflights=%d net=%s js=%q console=%q", o.CORSError, o.FailedParameter, o.Preflights, o.NetError, o.JSError, o.Console)
}
