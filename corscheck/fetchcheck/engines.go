package fetchcheck

import "strings"

// The engine-specific behaviours below were measured by the repository's
// browser suite (Chromium, Firefox ESR and WebKitGTK driven on every stack;
// the server records which requests reached it). Rule preflight-cache of
// docs/behaviour.md.

// FetchError is the message of the TypeError a fetch() rejects with when
// the browser refuses a response: the same for every CORS failure (and for
// network errors), so the console, not the script, tells why.
func (m Model) FetchError() string {
	switch m {
	case Firefox:
		return "TypeError: NetworkError when attempting to fetch resource."
	case WebKit:
		return "TypeError: Load failed"
	}
	return "TypeError: Failed to fetch" // Chromium; the standard only says "a TypeError"
}

// PreflightCacheSeconds is how long the model keeps the result of an ok
// preflight answered with resp. The standard caches a missing or invalid
// Access-Control-Max-Age (a negative number included) for DefaultMaxAge
// seconds; the engines treat a negative number as 0 (no caching) and clamp
// large values at their cap (MaxAgeCaps).
func (m Model) PreflightCacheSeconds(resp Response) int {
	secs, ok := MaxAge(resp)
	if !ok {
		secs = DefaultMaxAge
		if l := resp.lines(HeaderMaxAge); m != Spec && len(l) == 1 && strings.HasPrefix(l[0], "-") && allDigits(l[0][1:]) {
			secs = 0
		}
	}
	for _, c := range MaxAgeCaps() {
		if c.Browser == m.String() || (m == WebKit && c.Browser == "Safari") {
			secs = min(secs, c.Seconds)
		}
	}
	return secs
}

// ReusesPreflight reports whether a live preflight-cache entry made for a
// request with credentials mode "include" (entryCredentials) or without
// serves the same request with or without credentials
// (requestCredentials). The standard, Chromium and WebKit let a
// credentialed entry serve both (https://fetch.spec.whatwg.org/#concept-cache-match);
// Firefox keys its cache on the credentials mode, so it preflights again
// whenever the mode changes. No model lets an uncredentialed entry serve a
// credentialed request.
func (m Model) ReusesPreflight(entryCredentials, requestCredentials bool) bool {
	if m == Firefox {
		return entryCredentials == requestCredentials
	}
	return entryCredentials || !requestCredentials
}

// SendsCrossSiteCookies reports whether the model's default settings send
// the cookies it holds for the target's site on a credentialed request from
// a page of another site. The standard leaves it to the user agent's cookie
// policy; Chromium (SameSite=Lax by default) and Firefox (cookies
// partitioned by top-level site) send none, WebKit sends them.
func (m Model) SendsCrossSiteCookies() bool { return m == WebKit }
