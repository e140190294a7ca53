package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"
)

// ForgeryReport is the -json output of `corscheck forgery`. Its fields are
// stable; new fields may be added, none renamed or removed.
type ForgeryReport struct {
	URL    string  `json:"url"`
	Origin string  `json:"origin"`
	Probes []Probe `json:"probes"`
	// Verdict is "refused" (no probe was performed), "trusted" (performed,
	// and the server's CORS answer allows the origin, so it trusts it) or
	// "forgeable" (performed for an origin the server does not allow).
	Verdict string `json:"verdict"`
	Fix     string `json:"fix,omitempty"`
}

// Probe is one request a forging page's browser would send.
type Probe struct {
	Name      string  `json:"name"`
	Request   Message `json:"request"`
	Status    int     `json:"status"`
	Performed bool    `json:"performed"` // a 2xx or 3xx answer: the handler ran
	// AllowOrigin is the Access-Control-Allow-Origin of the answer.
	AllowOrigin string `json:"allow_origin,omitempty"`
}

const forgeryFix = "refuse cross-origin unsafe requests before the application runs: with originguard/cors, set Config.ForgeryProtection: true " +
	"(the middleware mounted before routing; origins the policy allows still pass); without it, wrap the handler in net/http's CrossOriginProtection (Go 1.25)"

// runForgery is `corscheck forgery`: it sends the POST a page on -origin can
// make a signed-in user's browser send without any CORS permission (an HTML
// form post), once as current browsers send it (Origin and Sec-Fetch-Site)
// and once as browsers without Fetch Metadata do (Origin only), and says
// whether the server performed it. Exit 0 when refused or trusted, 1 when
// forgeable, 2 on usage or network errors.
func runForgery(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("corscheck forgery", flag.ContinueOnError)
	fs.SetOutput(stderr)
	origin := fs.String("origin", "", "serialized origin of the forging page, e.g. https://evil.example (required)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	timeout := fs.Duration("timeout", 10*time.Second, "timeout of each HTTP request")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: corscheck forgery -origin ORIGIN [-json] [-timeout 10s] URL")
		fmt.Fprintln(stderr, "Sends a cross-site form POST to URL as a page on ORIGIN would: point it at a test server, the request may change state.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	target, site, err := forgeryArgs(fs, *origin)
	if err != nil {
		fmt.Fprintln(stderr, "corscheck forgery:", err)
		return exitUsage
	}
	rep, err := probeForgery(target, *origin, site, *timeout)
	if err != nil {
		fmt.Fprintln(stderr, "corscheck forgery:", err)
		return exitUsage
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
	} else {
		printForgery(stdout, rep)
	}
	if rep.Verdict == "forgeable" {
		return exitBlocked
	}
	return exitAllowed
}

// forgeryArgs checks the URL and origin and returns the Sec-Fetch-Site a
// browser sends from that origin to that URL.
func forgeryArgs(fs *flag.FlagSet, origin string) (*url.URL, string, error) {
	if fs.NArg() != 1 {
		fs.Usage()
		return nil, "", errors.New("exactly one URL is required (flags go before it)")
	}
	u, err := url.Parse(fs.Arg(0))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, "", fmt.Errorf("URL %q: want an absolute http or https URL", fs.Arg(0))
	}
	o, err := url.Parse(origin)
	if origin == "" || err != nil || o.Host == "" || o.Path != "" || originOf(o) != origin {
		return nil, "", fmt.Errorf("-origin %q: want a serialized origin such as https://evil.example", origin)
	}
	if origin == originOf(u) {
		return nil, "", fmt.Errorf("-origin %s is the URL's own origin: same-origin requests are never forgery; give another origin", origin)
	}
	return u, secFetchSite(o, u), nil
}

// secFetchSite is "same-site" when the two URLs have the same scheme and
// registrable domain (Fetch Metadata's same-site), and "cross-site"
// otherwise; the URLs are of different origins.
func secFetchSite(from, to *url.URL) string {
	site := func(u *url.URL) string {
		h := strings.ToLower(u.Hostname())
		if d, err := publicsuffix.EffectiveTLDPlusOne(h); err == nil {
			h = d
		}
		return u.Scheme + "://" + h
	}
	if site(from) == site(to) {
		return "same-site"
	}
	return "cross-site"
}

func probeForgery(target *url.URL, origin, site string, timeout time.Duration) (*ForgeryReport, error) {
	client := &http.Client{
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{Proxy: http.ProxyFromEnvironment},
	}
	defer client.CloseIdleConnections()
	rep := &ForgeryReport{URL: target.String(), Origin: origin, Verdict: "refused"}
	for _, p := range []struct {
		name     string
		metadata bool
	}{
		{"form post from a current browser (Sec-Fetch-Site: " + site + ")", true},
		{"form post from a browser without Fetch Metadata (Origin only)", false},
	} {
		h := http.Header{}
		h.Set("Origin", origin)
		h.Set("Content-Type", "application/x-www-form-urlencoded")
		if p.metadata {
			h.Set("Sec-Fetch-Site", site)
			h.Set("Sec-Fetch-Mode", "navigate")
			h.Set("Sec-Fetch-Dest", "document")
		}
		req, err := http.NewRequest(http.MethodPost, target.String(), strings.NewReader("corscheck=forgery-probe"))
		if err != nil {
			return nil, err
		}
		req.Header = h
		res, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<20))
		_ = res.Body.Close()
		pr := Probe{
			Name:        p.name,
			Request:     Message{Line: "POST " + target.RequestURI(), Headers: fieldsOf(h, func(string) bool { return true })},
			Status:      res.StatusCode,
			Performed:   res.StatusCode >= 200 && res.StatusCode < 400,
			AllowOrigin: res.Header.Get("Access-Control-Allow-Origin"),
		}
		rep.Probes = append(rep.Probes, pr)
		switch {
		case !pr.Performed:
		case pr.AllowOrigin == origin:
			if rep.Verdict == "refused" {
				rep.Verdict = "trusted"
			}
		default:
			rep.Verdict, rep.Fix = "forgeable", forgeryFix
		}
	}
	return rep, nil
}

func printForgery(w io.Writer, rep *ForgeryReport) {
	fmt.Fprintf(w, "corscheck forgery: POST %s as a page on %s makes a signed-in user's browser send it (no CORS permission needed)\n", rep.URL, rep.Origin)
	for _, p := range rep.Probes {
		what := "refused or not performed"
		if p.Performed {
			what = "PERFORMED"
		}
		fmt.Fprintf(w, "\n  %s:\n    %d %s: %s\n", p.Name, p.Status, http.StatusText(p.Status), what)
	}
	fmt.Fprintln(w)
	switch rep.Verdict {
	case "refused":
		fmt.Fprintf(w, "Verdict: REFUSED: the server did not perform the forged request (a 4xx or 5xx answer). Probe a URL that changes state to be sure it is not a missing route.\n")
	case "trusted":
		fmt.Fprintf(w, "Verdict: TRUSTED: the server performed it, and its CORS answer allows %s, so it trusts that origin.\n", rep.Origin)
	default:
		fmt.Fprintf(w, "Verdict: FORGEABLE: the server performed a request that a page on %s can send in a signed-in user's name; CORS only hides the response.\n  Fix: %s\n", rep.Origin, rep.Fix)
	}
}
