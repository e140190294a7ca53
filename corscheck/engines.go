package main

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/originguard/cors/corscheck/fetchcheck"
	"golang.org/x/net/publicsuffix"
)

// EngineVerdict is what one browser engine does with the same exchange, by
// the engine models of fetchcheck (measured by the repository's browser
// suite in Chromium, Firefox ESR and WebKitGTK).
type EngineVerdict struct {
	Engine string `json:"engine"` // "chromium", "firefox" or "webkit"
	// Verdict is "allowed", "blocked", "redirect", or "unknown" when this
	// engine would pass a preflight the judging model failed (the actual
	// request was not sent).
	Verdict string `json:"verdict"`
	// FetchError is the TypeError message a blocked fetch() rejects with in
	// this engine.
	FetchError string `json:"fetch_error,omitempty"`
	// PreflightCacheSeconds is how long this engine reuses the ok preflight.
	PreflightCacheSeconds *int `json:"preflight_cache_seconds,omitempty"`
}

// engineReport fills rep.Engines and rep.EngineNotes: each engine's
// verdict, and where the engines differ outside the verdict (preflight
// cache, cookies). pre and actual are the responses received (nil when not
// sent).
func engineReport(rep *Report, r fetchcheck.Request, target *url.URL, pre, actual *fetchcheck.Response) {
	rep.Engines = []EngineVerdict{}
	rep.EngineNotes = []string{}
	var verdicts, caches []string
	cacheDiffers, preflightOK := false, false
	for _, m := range fetchcheck.Engines() {
		v := EngineVerdict{Engine: strings.ToLower(m.String())}
		switch {
		case pre != nil && !m.CheckPreflight(r, *pre).OK:
			v.Verdict = verdictBlocked
		case actual == nil:
			v.Verdict = "unknown"
		case !m.CheckActual(r, *actual).OK:
			v.Verdict = verdictBlocked
		case rep.Verdict == verdictRedirect:
			v.Verdict = verdictRedirect
		default:
			v.Verdict = verdictAllowed
		}
		if v.Verdict == verdictBlocked {
			v.FetchError = m.FetchError()
		}
		if pre != nil && m.CheckPreflight(r, *pre).OK {
			preflightOK = true
			secs := m.PreflightCacheSeconds(*pre)
			v.PreflightCacheSeconds = &secs
			if len(caches) > 0 && !strings.HasSuffix(caches[0], fmt.Sprintf(" %d s", secs)) {
				cacheDiffers = true
			}
			caches = append(caches, fmt.Sprintf("%s %d s", m, secs))
		}
		verdicts = append(verdicts, fmt.Sprintf("%s %s", m, v.Verdict))
		rep.Engines = append(rep.Engines, v)
	}
	for _, v := range rep.Engines[1:] {
		if v.Verdict != rep.Engines[0].Verdict {
			rep.EngineNotes = append(rep.EngineNotes, "the engines disagree: "+strings.Join(verdicts, ", "))
			break
		}
	}
	if preflightOK {
		spec := fetchcheck.Spec.PreflightCacheSeconds(*pre)
		if cacheDiffers || !strings.HasSuffix(caches[0], fmt.Sprintf(" %d s", spec)) {
			rep.EngineNotes = append(rep.EngineNotes, fmt.Sprintf("the preflight result is reused for %s (the Fetch standard: %d s)",
				strings.Join(caches, ", "), spec))
		}
		if r.Credentials {
			rep.EngineNotes = append(rep.EngineNotes, "Firefox keys its preflight cache on the credentials mode: the same request "+
				"without credentials is preflighted again there; Chromium and WebKit reuse this entry")
		}
	}
	if r.Credentials && !sameSite(r.Origin, target) {
		rep.EngineNotes = append(rep.EngineNotes, "the request is cross-site: by default Chromium (SameSite=Lax for cookies without SameSite) "+
			"and Firefox (cookies partitioned by top-level site) send no cookies of "+target.Host+", WebKit sends those it holds; "+
			"do not rely on cookies here (or set them SameSite=None; Secure and test in each browser)")
	}
}

// sameSite reports whether a page of origin and target are the same site
// (scheme and registrable domain; an IP address or a name without a public
// suffix is its own site). The opaque origin "null" is no site.
func sameSite(origin string, target *url.URL) bool {
	o, err := url.Parse(origin)
	if origin == "null" || err != nil || o.Host == "" {
		return false
	}
	return siteOf(o) == siteOf(target)
}

func siteOf(u *url.URL) string {
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if net.ParseIP(host) == nil {
		if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
			host = d
		}
	}
	return strings.ToLower(u.Scheme) + "://" + host
}
