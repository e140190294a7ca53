package cors

import (
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// slip is a configuration written the way users of rs/cors, go-chi/cors,
// gin-contrib/cors, jub0bs/cors and the echo and fiber middlewares write
// theirs, and what New says about it: every problem and every warning, in
// full.
type slip struct {
	habit    string // where the habit comes from
	cfg      Config
	scope    string // when set, cfg is the Config of a Scope with this Host
	problems []string
	warnings []string
}

var anyOrigin = []string{"*"}

var slips = []slip{
	// Lists written as one string (fiber's AllowOrigins, AllowMethods,
	// AllowHeaders and ExposeHeaders; environment variables).
	{habit: "fiber AllowOrigins string", cfg: Config{AllowedOrigins: []string{"https://a.example,https://b.example"}},
		problems: []string{`AllowedOrigins[0] "https://a.example,https://b.example" joins 2 entries with commas; split it into separate entries: "https://a.example", "https://b.example"`}},
	{habit: "fiber AllowOrigins with spaces", cfg: Config{AllowedOrigins: []string{"https://a.example, https://b.example/"}},
		problems: []string{`AllowedOrigins[0] "https://a.example, https://b.example/" joins 2 entries with commas; split it into separate entries: "https://a.example", "https://b.example"`}},
	{habit: "origins from an environment variable", cfg: Config{AllowedOrigins: []string{"https://a.example https://b.example"}},
		problems: []string{`AllowedOrigins[0] "https://a.example https://b.example" joins 2 entries with spaces; split it into separate entries: "https://a.example", "https://b.example"`}},
	{habit: "fiber AllowMethods string", cfg: Config{AllowedOrigins: anyOrigin, AllowedMethods: []string{"GET,POST,HEAD,PUT,DELETE,PATCH"}},
		problems: []string{`AllowedMethods[0] "GET,POST,HEAD,PUT,DELETE,PATCH" joins 6 entries with commas; split it into separate entries: "GET", "POST", "HEAD", "PUT", "DELETE", "PATCH"`}},
	{habit: "fiber AllowMethods with spaces", cfg: Config{AllowedOrigins: anyOrigin, AllowedMethods: []string{"GET, PUT"}},
		problems: []string{`AllowedMethods[0] "GET, PUT" joins 2 entries with commas; split it into separate entries: "GET", "PUT"`}},
	{habit: "fiber AllowHeaders string", cfg: Config{AllowedOrigins: anyOrigin, AllowedHeaders: []string{"Authorization, Content-Type"}},
		problems: []string{`AllowedHeaders[0] "Authorization, Content-Type" joins 2 entries with commas; split it into separate entries: "Authorization", "Content-Type"`}},
	{habit: "fiber docs' AllowHeaders", cfg: Config{AllowedOrigins: anyOrigin, AllowedHeaders: []string{"Origin, Content-Type, Accept"}},
		problems: []string{`AllowedHeaders[0] "Origin, Content-Type, Accept" joins 3 entries with commas; split it into separate entries: "Content-Type", "Accept", and leave out "Origin" (only the browser sets it)`}},
	{habit: "fiber ExposeHeaders string", cfg: Config{AllowedOrigins: anyOrigin, ExposedHeaders: []string{"X-Total-Count,ETag"}},
		problems: []string{`ExposedHeaders[0] "X-Total-Count,ETag" joins 2 entries with commas; split it into separate entries: "X-Total-Count", "ETag"`}},
	{habit: "strings.Split(s, \",\") leaves spaces", cfg: Config{AllowedOrigins: anyOrigin, AllowedHeaders: []string{"X-Token", " Content-Type"}},
		problems: []string{`AllowedHeaders[1] " Content-Type" is not a header name; did you mean "Content-Type"?`}},
	{habit: "strings.Split(s, \",\") leaves spaces", cfg: Config{AllowedOrigins: anyOrigin, AllowedMethods: []string{"GET", " PUT"}},
		problems: []string{`AllowedMethods[1] " PUT" is not a method token; did you mean "PUT"?`}},

	// Wildcards and regular expressions.
	{habit: "echo AllowOrigins https://*", cfg: Config{AllowedOrigins: []string{"https://*"}},
		problems: []string{`AllowedOrigins[0] "https://*" has a wildcard without a domain: "*" alone allows every origin (without credentials); for subdomains write a pattern such as https://*.example.com`}},
	{habit: "echo AllowOrigins http://*", cfg: Config{AllowedOrigins: []string{"http://*"}},
		problems: []string{`AllowedOrigins[0] "http://*" has a wildcard without a domain: "*" alone allows every origin (without credentials); for subdomains write a pattern such as https://*.example.com`}},
	{habit: "rs/cors one * anywhere", cfg: Config{AllowedOrigins: []string{"https://*example.com"}},
		problems: []string{`AllowedOrigins[0] "https://*example.com" has a wildcard that is not the whole leftmost label; only https://*.example.com, :* ports and "*" alone are patterns; did you mean "https://*.example.com"?`}},
	{habit: "gin-contrib AllowWildcard without scheme", cfg: Config{AllowedOrigins: []string{"*.example.com"}},
		problems: []string{`AllowedOrigins[0] "*.example.com" has no scheme; did you mean "https://*.example.com"?`}},
	{habit: "regular expression between slashes", cfg: Config{AllowedOrigins: []string{`/^https:\/\/.*\.example\.com$/`}},
		problems: []string{`AllowedOrigins[0] "/^https:\\/\\/.*\\.example\\.com$/" looks like a regular expression, but entries are matched literally: write a pattern such as https://*.example.com, or match in AllowOriginFunc; did you mean "https://*.example.com"?`}},
	{habit: "regular expression for subdomains", cfg: Config{AllowedOrigins: []string{`^https://[a-z0-9-]+\.example\.com$`}},
		problems: []string{`AllowedOrigins[0] "^https://[a-z0-9-]+\\.example\\.com$" looks like a regular expression, but entries are matched literally: write a pattern such as https://*.example.com, or match in AllowOriginFunc; did you mean "https://*.example.com"?`}},
	{habit: "regular expression with alternatives", cfg: Config{AllowedOrigins: []string{`^https://(a|b)\.example\.com$`}},
		problems: []string{`AllowedOrigins[0] "^https://(a|b)\\.example\\.com$" looks like a regular expression, but entries are matched literally: write a pattern such as https://*.example.com, or match in AllowOriginFunc`}},

	// Origins copied from the address bar or written by hand.
	{habit: "address bar: trailing slash", cfg: Config{AllowedOrigins: []string{"https://app.example/"}},
		problems: []string{`AllowedOrigins[0] "https://app.example/" is not a serialized origin (lower-case scheme://host[:port], ASCII host, no default port, path, userinfo or trailing slash); did you mean "https://app.example"?`}},
	{habit: "upper case", cfg: Config{AllowedOrigins: []string{"https://App.Example.com"}},
		problems: []string{`AllowedOrigins[0] "https://App.Example.com" is not a serialized origin (lower-case scheme://host[:port], ASCII host, no default port, path, userinfo or trailing slash); did you mean "https://app.example.com"?`}},
	{habit: "default port", cfg: Config{AllowedOrigins: []string{"https://app.example:443", "http://localhost:80"}},
		problems: []string{
			`AllowedOrigins[0] "https://app.example:443" is not a serialized origin (lower-case scheme://host[:port], ASCII host, no default port, path, userinfo or trailing slash); did you mean "https://app.example"?`,
			`AllowedOrigins[1] "http://localhost:80" is not a serialized origin (lower-case scheme://host[:port], ASCII host, no default port, path, userinfo or trailing slash); did you mean "http://localhost"?`}},
	{habit: "a URL with a path", cfg: Config{AllowedOrigins: []string{"https://app.example/login"}},
		problems: []string{`AllowedOrigins[0] "https://app.example/login" is not a serialized origin (lower-case scheme://host[:port], ASCII host, no default port, path, userinfo or trailing slash); did you mean "https://app.example"?`}},
	{habit: "a host without a scheme", cfg: Config{AllowedOrigins: []string{"app.example"}},
		problems: []string{`AllowedOrigins[0] "app.example" has no scheme; did you mean "https://app.example"?`}},
	{habit: "a dev server without a scheme", cfg: Config{AllowedOrigins: []string{"localhost:3000"}},
		problems: []string{`AllowedOrigins[0] "localhost:3000" has no scheme; did you mean "http://localhost:3000"?`}},
	{habit: "the colon forgotten", cfg: Config{AllowedOrigins: []string{"https//app.example"}},
		problems: []string{`AllowedOrigins[0] "https//app.example" has no scheme; did you mean "https://app.example"?`}},
	{habit: "one slash", cfg: Config{AllowedOrigins: []string{"https:/app.example"}},
		problems: []string{`AllowedOrigins[0] "https:/app.example" has no scheme; did you mean "https://app.example"?`}},
	{habit: "unicode host", cfg: Config{AllowedOrigins: []string{"https://bücher.example"}},
		problems: []string{`AllowedOrigins[0] "https://bücher.example" is not a serialized origin (lower-case scheme://host[:port], ASCII host, no default port, path, userinfo or trailing slash); did you mean "https://xn--bcher-kva.example"?`}},
	{habit: "rs/cors lists null", cfg: Config{AllowedOrigins: []string{"null"}},
		problems: []string{`AllowedOrigins[0] "null" is never matched by a list entry: every sandboxed page and file: document sends null; accept it deliberately with AllowOriginFunc`}},

	// Credentials.
	{habit: "gin-contrib AllowAllOrigins with credentials", cfg: Config{AllowedOrigins: anyOrigin, AllowCredentials: true},
		problems: []string{`AllowedOrigins[0] "*" cannot be used with AllowCredentials (browsers reject ACAO * on credentialed requests); list the origins instead`}},
	{habit: "echo ExposeHeaders * with credentials", cfg: Config{AllowedOrigins: []string{"https://app.example"}, AllowCredentials: true, ExposedHeaders: []string{"*"}},
		problems: []string{`ExposedHeaders[0] "*" exposes nothing on credentialed requests (browsers read it as a header named *); list the headers`}},
	{habit: "staging over http with credentials", cfg: Config{AllowedOrigins: []string{"http://staging.example"}, AllowCredentials: true},
		problems: []string{`AllowedOrigins[0] "http://staging.example" is insecure (http: and not loopback) and cannot be used with AllowCredentials: anyone on the network path can impersonate it (set DangerouslyAllowInsecureOriginsWithCredentials to accept the risk)`}},

	// Max-Age written in seconds, or longer than browsers honour.
	{habit: "rs/cors MaxAge int seconds", cfg: Config{AllowedOrigins: anyOrigin, MaxAge: 3600},
		problems: []string{`MaxAge "3.6µs" is not a whole number of seconds (a time.Duration counts nanoseconds); did you mean "3600 * time.Second"?`}},
	{habit: "rs/cors MaxAge of a day in seconds", cfg: Config{AllowedOrigins: anyOrigin, MaxAge: 86400},
		problems: []string{`MaxAge "86.4µs" is not a whole number of seconds (a time.Duration counts nanoseconds); did you mean "86400 * time.Second"?`}},
	{habit: "gin-contrib MaxAge 12 * time.Hour", cfg: Config{AllowedOrigins: anyOrigin, MaxAge: 12 * time.Hour},
		warnings: []string{`MaxAge 12h0m0s is above Chromium's cap of 7200 s (2h): Chromium caches a preflight for at most 2h, Firefox for 24h and Safari for 10 minutes, each shortening a longer Max-Age silently; 2 * time.Hour or less is what every engine honours`}},

	// Duplicates: harmless, ignored with a warning.
	{habit: "the same origin twice", cfg: Config{AllowedOrigins: []string{"https://a.example", "https://b.example", "https://a.example"}},
		warnings: []string{`AllowedOrigins[2] "https://a.example" repeats AllowedOrigins[0]; the repetition is ignored`}},
	{habit: "* twice", cfg: Config{AllowedOrigins: []string{"*", "*"}},
		warnings: []string{`AllowedOrigins[1] "*" repeats AllowedOrigins[0]; the repetition is ignored`}},
	{habit: "GET and get", cfg: Config{AllowedOrigins: anyOrigin, AllowedMethods: []string{"GET", "get", "delete", "PUT", "DELETE"}},
		warnings: []string{
			`AllowedMethods[1] "get" repeats AllowedMethods[0] "GET" (both are GET after Fetch's method normalisation); the repetition is ignored`,
			`AllowedMethods[4] "DELETE" repeats AllowedMethods[2] "delete" (both are DELETE after Fetch's method normalisation); the repetition is ignored`}},
	{habit: "X-Token and x-token", cfg: Config{AllowedOrigins: anyOrigin, AllowedHeaders: []string{"X-Token", "x-token"}},
		warnings: []string{`AllowedHeaders[1] "x-token" repeats AllowedHeaders[0] "X-Token" (header names are case-insensitive); the repetition is ignored`}},
	{habit: "an exposed header twice", cfg: Config{AllowedOrigins: anyOrigin, ExposedHeaders: []string{"X-Id", "X-ID"}},
		warnings: []string{`ExposedHeaders[1] "X-ID" repeats ExposedHeaders[0] "X-Id" (header names are case-insensitive); the repetition is ignored`}},

	// Conflicts stay errors.
	{habit: "* with listed origins", cfg: Config{AllowedOrigins: []string{"*", "https://a.example"}},
		problems: []string{`AllowedOrigins[0] "*" allows every origin and cannot be combined with other entries`}},
	{habit: "gin-contrib default AllowHeaders", cfg: Config{AllowedOrigins: anyOrigin, AllowedHeaders: []string{"Origin", "Content-Length", "Content-Type"}},
		problems: []string{
			`AllowedHeaders[0] "Origin" is a forbidden request header that only the browser sets; remove it`,
			`AllowedHeaders[1] "Content-Length" is a forbidden request header that only the browser sets; remove it`}},

	// Scopes.
	{habit: "a scope's host written as an origin pattern", scope: "https://*.tenant.test", cfg: Config{AllowedOrigins: anyOrigin},
		problems: []string{`Scopes[0] (host "https://*.tenant.test", path prefix ""): Host "https://*.tenant.test" has a scheme (https://), but a scope matches the request's host alone; did you mean "*.tenant.test"?`}},
	{habit: "a scope's host with its default port", scope: "API.example:443", cfg: Config{AllowedOrigins: anyOrigin},
		problems: []string{`Scopes[0] (host "API.example:443", path prefix ""): Host "API.example:443" is not in lower case and has a port browsers never send in a Host header (they leave default ports out); did you mean "api.example"?`}},
	{habit: "a scope's host with its port, upper case", scope: "API.localhost:8443", cfg: Config{AllowedOrigins: anyOrigin},
		problems: []string{`Scopes[0] (host "API.localhost:8443", path prefix ""): Host "API.localhost:8443" is not in lower case; did you mean "api.localhost:8443"?`}},
}

// TestSlipsOfPeerLibraryUsers checks what New says about each slip, word
// for word, and that its suggestions are right: the configuration with
// every suggestion applied (a fix in place of the entry, the separate
// entries in place of a joined one) is accepted.
func TestSlipsOfPeerLibraryUsers(t *testing.T) {
	if len(slips) < 30 {
		t.Fatalf("%d slips; the table is meant to cover at least 30", len(slips))
	}
	suggested := 0
	for _, s := range slips {
		problems, warnings, err := tryConfig(s.scope, s.cfg)
		if !slices.Equal(problems, s.problems) {
			t.Errorf("%s: problems\n\t%s\nwant\n\t%s", s.habit, strings.Join(problems, "\n\t"), strings.Join(s.problems, "\n\t"))
		}
		if !slices.Equal(warnings, s.warnings) {
			t.Errorf("%s: warnings\n\t%s\nwant\n\t%s", s.habit, strings.Join(warnings, "\n\t"), strings.Join(s.warnings, "\n\t"))
		}
		host, cfg, ok := applySuggestions(t, s.scope, s.cfg, err)
		if !ok {
			continue // a problem without a suggestion: its message is all there is
		}
		suggested++
		if problems, _, _ := tryConfig(host, cfg); len(problems) > 0 {
			t.Errorf("%s: with the suggestions applied (host %q, %+v), New still says\n\t%s", s.habit, host, cfg, strings.Join(problems, "\n\t"))
		}
	}
	if suggested < 25 {
		t.Errorf("only %d slips got suggestions for every problem", suggested)
	}
	t.Logf("%d slips, %d of them fixed by applying the suggestions", len(slips), suggested)
}

// tryConfig builds cfg with New, or as the only scope of NewScoped when host
// is set, and returns the messages of its problems and warnings without
// their "cors: ".
func tryConfig(host string, cfg Config) (problems, warnings []string, err error) {
	var records []slog.Record
	cfg.Logger = slog.New(keepingHandler{&records})
	if host == "" {
		_, err = New(cfg)
	} else {
		_, err = NewScoped(ScopedConfig{Scopes: []Scope{{Host: host, Config: cfg}}})
	}
	for _, e := range flatten(err) {
		problems = append(problems, strings.TrimPrefix(e.Error(), "cors: "))
	}
	for _, r := range records {
		if r.Level == slog.LevelWarn {
			warnings = append(warnings, strings.TrimPrefix(r.Message, "cors: "))
		}
	}
	return problems, warnings, err
}

// applySuggestions returns the scope host and Config with every problem's
// suggestion applied, and false when a problem has none.
func applySuggestions(t *testing.T, host string, cfg Config, err error) (string, Config, bool) {
	t.Helper()
	if err == nil {
		return host, cfg, false
	}
	cfg = cfg.clone()
	lists := map[string]*[]string{"AllowedOrigins": &cfg.AllowedOrigins, "AllowedMethods": &cfg.AllowedMethods,
		"AllowedHeaders": &cfg.AllowedHeaders, "ExposedHeaders": &cfg.ExposedHeaders}
	replace := map[string]map[int][]string{} // field -> index -> entries
	for _, e := range flatten(err) {
		var ce *ConfigError
		if !errors.As(e, &ce) {
			t.Fatalf("%v is not a *ConfigError", e)
		}
		var with []string
		switch {
		case ce.Code == ErrJoinedEntries:
			with = splitSuggested(ce.problem)
		case ce.Fix == "":
			return host, cfg, false
		case ce.Field == "Host":
			host = ce.Fix
			continue
		case ce.Field == "MaxAge":
			n, err := strconv.Atoi(strings.TrimSuffix(ce.Fix, " * time.Second"))
			if err != nil {
				t.Fatalf("MaxAge fix %q is not N * time.Second", ce.Fix)
			}
			cfg.MaxAge = time.Duration(n) * time.Second
			continue
		default:
			with = []string{ce.Fix}
		}
		if lists[ce.Field] == nil || len(with) == 0 {
			return host, cfg, false
		}
		if replace[ce.Field] == nil {
			replace[ce.Field] = map[int][]string{}
		}
		replace[ce.Field][ce.Index] = with
	}
	for field, byIndex := range replace {
		var out []string
		for i, v := range *lists[field] {
			if with, ok := byIndex[i]; ok {
				out = append(out, with...)
			} else {
				out = append(out, v)
			}
		}
		*lists[field] = out
	}
	return host, cfg, true
}

// splitSuggested reads the entries a joined-entries problem suggests:
// `…; split it into separate entries: "GET", "PUT"`.
func splitSuggested(msg string) []string {
	_, rest, ok := strings.Cut(msg, "split it into separate entries: ")
	if !ok {
		return nil
	}
	var out []string
	for {
		q, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return out
		}
		v, _ := strconv.Unquote(q)
		out = append(out, v)
		rest, ok = strings.CutPrefix(rest[len(q):], ", ")
		if !ok || !strings.HasPrefix(rest, `"`) {
			return out
		}
	}
}

// FuzzListEntry: any AllowedMethods, AllowedHeaders or ExposedHeaders
// entry, with or without credentials, is accepted or refused without a
// panic, and what a refusal suggests (a fix, or the separate entries of a
// joined one) is accepted in turn.
func FuzzListEntry(f *testing.F) {
	for _, s := range []string{"GET", "GET, PUT", " PUT", "PUT/DELETE", "Origin, Content-Type, Accept", "X-Token", "*", "a,,b",
		"TRACE, GET", "Set-Cookie, ETag", "*, Authorization", "x-token ", ",", "GET PUT"} {
		for field := range uint8(3) {
			f.Add(s, field, false)
			f.Add(s, field, true)
		}
	}
	f.Fuzz(func(t *testing.T, entry string, field uint8, creds bool) {
		set := func(c *Config, list []string) {
			switch field % 3 {
			case 0:
				c.AllowedMethods = list
			case 1:
				c.AllowedHeaders = list
			default:
				c.ExposedHeaders = list
			}
		}
		cfg := Config{AllowedOrigins: []string{"https://a.example"}, AllowCredentials: creds}
		set(&cfg, []string{entry})
		_, err := compile(cfg)
		for _, e := range flatten(err) {
			var ce *ConfigError
			if !errors.As(e, &ce) {
				t.Fatalf("entry %q: %v is not a *ConfigError", entry, e)
			}
			var with []string
			switch {
			case ce.Code == ErrJoinedEntries:
				with = splitSuggested(ce.problem)
			case ce.Fix != "":
				with = []string{ce.Fix}
			}
			if len(with) == 0 {
				continue
			}
			fixed := cfg
			set(&fixed, with)
			if _, ferr := compile(fixed); ferr != nil {
				t.Fatalf("entry %q: the suggestion %q is refused: %v", entry, with, ferr)
			}
		}
	})
}
