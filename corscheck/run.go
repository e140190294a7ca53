package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/originguard/cors/corscheck/fetchcheck"
)

// Exit statuses.
const (
	exitAllowed = 0
	exitBlocked = 1
	exitUsage   = 2
)

type headerFlags []fetchcheck.Header

func (h *headerFlags) String() string { return fmt.Sprint(*h) }

func (h *headerFlags) Set(v string) error {
	name, value, ok := strings.Cut(v, ":")
	if !ok || strings.TrimSpace(name) == "" {
		return errors.New(`want "Name: value"`)
	}
	*h = append(*h, fetchcheck.Header{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
	return nil
}

type options struct {
	req     fetchcheck.Request
	target  *url.URL
	model   fetchcheck.Model
	strict  bool
	json    bool
	timeout time.Duration
}

func parseArgs(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("corscheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var headers headerFlags
	fs.StringVar(&o.req.Origin, "origin", "", "serialized origin of the page making the request, e.g. https://app.example (required; \"null\" for an opaque origin)")
	fs.StringVar(&o.req.Method, "method", "GET", "request method as the script writes it (fetch upper-cases only delete, get, head, options, post, put)")
	fs.Var(&headers, "header", "author request header \"Name: value\" (repeatable)")
	fs.BoolVar(&o.req.Credentials, "credentials", false, "credentials mode \"include\" (fetch credentials: 'include', XHR withCredentials)")
	fs.BoolVar(&o.req.PrivateNetwork, "private-network", false, "send the Private Network Access preflight of Chromium before 142 (Access-Control-Request-Private-Network: true); since 142 Local Network Access asks the user instead")
	fs.BoolVar(&o.strict, "strict", false, "judge by the Fetch standard instead of current Chromium (ACAH * no longer covers Authorization)")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "timeout of each HTTP request")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: corscheck -origin ORIGIN [-method M] [-header 'Name: value']... [-credentials] [-private-network] [-strict] [-json] URL")
		fmt.Fprintln(stderr, "       corscheck config FILE")
		fmt.Fprintln(stderr, "       corscheck forgery -origin ORIGIN [-json] URL")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return nil, errors.New("exactly one URL is required (flags go before it)")
	}
	if o.req.Origin == "" {
		return nil, errors.New("-origin is required")
	}
	o.req.Headers = headers
	if err := fetchcheck.Validate(o.req); err != nil {
		return nil, err
	}
	u, err := url.Parse(fs.Arg(0))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("URL %q: want an absolute http or https URL", fs.Arg(0))
	}
	if u.User != nil {
		return nil, fmt.Errorf("URL %q: fetch() refuses URLs with credentials", fs.Arg(0))
	}
	o.target = u
	o.model = fetchcheck.Chromium
	if o.strict {
		o.model = fetchcheck.Spec
	}
	return &o, nil
}

// run is the whole command: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "config" {
		return runConfig(args[1:], stdin, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "forgery" {
		return runForgery(args[1:], stdout, stderr)
	}
	o, err := parseArgs(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "corscheck:", err)
		}
		return exitUsage
	}
	rep, err := check(o)
	if err != nil {
		fmt.Fprintln(stderr, "corscheck:", err)
		return exitUsage
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintln(stderr, "corscheck:", err)
			return exitUsage
		}
	} else {
		printText(stdout, rep)
	}
	if rep.Verdict == verdictBlocked {
		return exitBlocked
	}
	return exitAllowed
}

const (
	verdictAllowed  = "allowed"
	verdictBlocked  = "blocked"
	verdictRedirect = "redirect"
)

// check sends the preflight (when the browser would) and the actual request
// and judges them.
func check(o *options) (*Report, error) {
	r := o.req
	ph := fetchcheck.PreflightHeaders(r) // sent only when a preflight is needed
	method := ph.Get("Access-Control-Request-Method")
	rep := &Report{URL: o.target.String(), Origin: r.Origin, Method: method, Credentials: r.Credentials, Model: "chromium", Warnings: []string{},
		LocalNetwork: localNetworkNote(r.Origin, o.target)}
	if o.strict {
		rep.Model = "spec"
	}
	client := &http.Client{
		Timeout:       o.timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{Proxy: http.ProxyFromEnvironment},
	}
	defer client.CloseIdleConnections()

	for _, h := range r.Headers {
		if fetchcheck.IsForbiddenRequestHeader(h.Name, h.Value) {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("header %s is a forbidden request header: browsers drop it silently, so it is not sent", h.Name))
		}
	}

	var pre, actual *fetchcheck.Response
	defer func() { engineReport(rep, r, o.target, pre, actual) }()
	if fetchcheck.NeedsPreflight(r) {
		resp, err := send(client, http.MethodOptions, o.target, ph)
		if err != nil {
			return nil, fmt.Errorf("preflight: %w", err)
		}
		pre = &resp
		res := o.model.CheckPreflight(r, resp)
		rep.Preflight = step(http.MethodOptions, o.target, ph, resp, res)
		preflightWarnings(rep, r, resp, res)
		if !res.OK {
			return block(rep, res), nil
		}
	}

	ah := http.Header{}
	ah.Set("Origin", r.Origin)
	for _, h := range r.Headers {
		if !fetchcheck.IsForbiddenRequestHeader(h.Name, h.Value) {
			ah.Add(h.Name, h.Value)
		}
	}
	resp, err := send(client, method, o.target, ah)
	if err != nil {
		return nil, fmt.Errorf("actual request: %w", err)
	}
	actual = &resp
	res := o.model.CheckActual(r, resp)
	rep.Actual = step(method, o.target, ah, resp, res)
	varyWarning(rep, "actual response", resp)
	if !res.OK {
		return block(rep, res), nil
	}
	if names, all := fetchcheck.ExposedHeaders(r, resp); all {
		rep.Readable = []string{"*"}
	} else {
		rep.Readable = names
	}
	if loc := resp.Header.Get("Location"); resp.Status >= 300 && resp.Status < 400 && loc != "" {
		if next, err := o.target.Parse(loc); err == nil {
			rep.Redirect = next.String()
			rep.Verdict = verdictRedirect
			rep.Allowed = true
			rep.Warnings = append(rep.Warnings, redirectNote(r, o.target, next))
			return rep, nil
		}
	}
	rep.Verdict = verdictAllowed
	rep.Allowed = true
	return rep, nil
}

func block(rep *Report, res fetchcheck.Result) *Report {
	c := checkOf(res)
	rep.Failure = &c
	rep.Verdict = verdictBlocked
	rep.Allowed = false
	return rep
}

// redirectNote explains how to continue after a redirect of the actual
// request, including the tainted origin (Fetch#concept-request-tainted-origin).
func redirectNote(r fetchcheck.Request, from, to *url.URL) string {
	origin := r.Origin
	if originOf(to) != originOf(from) && originOf(from) != r.Origin {
		origin = "null"
	}
	note := fmt.Sprintf("redirect: the browser would follow to %s; re-run against it", to)
	if origin != r.Origin {
		note += " with -origin null (the redirect crosses origins from a third origin, so the browser sends Origin: null)"
	}
	return note
}

func originOf(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host += ":" + port
	}
	return strings.ToLower(u.Scheme) + "://" + host
}

// send makes one request without following redirects and returns the
// status and headers.
func send(client *http.Client, method string, u *url.URL, h http.Header) (fetchcheck.Response, error) {
	req, err := http.NewRequest(method, u.String(), nil)
	if err != nil {
		return fetchcheck.Response{}, err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := client.Do(req)
	if err != nil {
		return fetchcheck.Response{}, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	return fetchcheck.Response{Status: resp.StatusCode, Header: resp.Header}, nil
}

// fieldsOf lists the field lines of h whose name keep accepts, sorted by
// name.
func fieldsOf(h http.Header, keep func(name string) bool) []Field {
	var keys []string
	for k := range h {
		if keep(k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := []Field{}
	for _, k := range keys {
		for _, v := range h[k] {
			out = append(out, Field{k, v})
		}
	}
	return out
}

// mattersForCORS reports whether a response header is shown.
func mattersForCORS(name string) bool {
	lk := strings.ToLower(name)
	return strings.HasPrefix(lk, "access-control-") || lk == "vary" || lk == "location"
}

func step(method string, u *url.URL, reqH http.Header, resp fetchcheck.Response, res fetchcheck.Result) *Step {
	all := func(string) bool { return true }
	return &Step{
		Request:  Message{Line: method + " " + u.RequestURI(), Headers: fieldsOf(reqH, all)},
		Status:   resp.Status,
		Response: Message{Line: fmt.Sprintf("%d %s", resp.Status, http.StatusText(resp.Status)), Headers: fieldsOf(resp.Header, mattersForCORS)},
		Check:    checkOf(res),
	}
}
