package main

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/originguard/cors/corscheck/fetchcheck"
)

// preflightWarnings adds the warnings that do not change the verdict: Vary,
// Access-Control-Max-Age beyond browser caps or invalid, and ACAH "*" used
// to cover Authorization.
func preflightWarnings(rep *Report, r fetchcheck.Request, resp fetchcheck.Response, res fetchcheck.Result) {
	varyWarning(rep, "preflight response", resp)
	if spec := fetchcheck.Spec.CheckPreflight(r, resp); fetchcheck.Chromium.CheckPreflight(r, resp).OK && !spec.OK {
		rep.Warnings = append(rep.Warnings, "Access-Control-Allow-Headers: * is used to cover Authorization: this works in Chromium today "+
			"(with a deprecation warning), Firefox and WebKit, but fails per the Fetch standard, which browsers may enforce; "+spec.Fix)
	}
	if !res.OK {
		return
	}
	if secs, ok := fetchcheck.MaxAge(resp); ok {
		var over []string
		for _, c := range fetchcheck.MaxAgeCaps() {
			if secs > c.Seconds {
				over = append(over, fmt.Sprintf("%s caps it at %d", c.Browser, c.Seconds))
			}
		}
		if len(over) > 0 {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("Access-Control-Max-Age %d is above browser caps (%s): they clamp it silently",
				secs, strings.Join(over, ", ")))
		}
	} else if v := resp.Header.Values("Access-Control-Max-Age"); len(v) > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("Access-Control-Max-Age %q is not a single number of seconds: browsers ignore it and cache the preflight for %d s",
			strings.Join(v, ", "), fetchcheck.DefaultMaxAge))
	}
}

// varyWarning flags a dynamic Access-Control-Allow-Origin (not "*") sent
// without Vary: Origin, which lets caches serve one origin's answer to
// another (rule vary-origin of docs/behaviour.md).
func varyWarning(rep *Report, what string, resp fetchcheck.Response) {
	acao := resp.Header.Values("Access-Control-Allow-Origin")
	if len(acao) == 0 || (len(acao) == 1 && strings.TrimSpace(acao[0]) == "*") {
		return
	}
	if varies(resp.Header, "Origin") {
		return
	}
	rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: Access-Control-Allow-Origin is %q but Vary does not list Origin: "+
		"a shared or browser cache can serve this answer to another origin; add Vary: Origin", what, strings.Join(acao, ", ")))
}

func varies(h http.Header, name string) bool {
	for _, line := range h.Values("Vary") {
		for _, v := range strings.Split(line, ",") {
			v = strings.TrimSpace(v)
			if v == "*" || strings.EqualFold(v, name) {
				return true
			}
		}
	}
	return false
}
