package migrate

import (
	"errors"
	"fmt"
	"go/constant"
	"go/token"
	"regexp"
	"slices"
	"strings"
	"time"

	cors "github.com/originguard/cors/core"
)

// A problem is a reason not to rewrite a configuration, with the change to
// make by hand.
type problem struct {
	pos token.Pos
	msg string
}

// A translation is an old configuration written as ours.
type translation struct {
	lib      *library
	fields   map[string]string  // our field → its Go text
	comments map[string]comment // our field → the comments of the old one
	lists    map[string][]string
	known    bool // every list and scalar is known, so New can check them
	creds    bool // AllowCredentials is the constant true
	maxAge   time.Duration
	status   int64
	needTime bool
	listPos  token.Pos // the list being translated
	// wildcardsOff: the library compared "*" in origins literally.
	wildcardsOff bool
	notes        []string
	problems     []problem
}

// ourOrder is the order in which fields are written.
var ourOrder = []string{"AllowedOrigins", "AllowOriginFunc", "AllowedMethods", "AllowedHeaders", "ExposedHeaders",
	"AllowCredentials", "MaxAge", "AllowPrivateNetwork", "PreflightPassthrough", "PreflightSuccessStatus"}

// globOK is what every library's globs and our patterns agree on: a star
// only as the first labels (scheme://*.host) or as the port (host:*).
var globOK = regexp.MustCompile(`^[a-z][a-z0-9+.-]*://(\*\.)?[^*/:]+(:(\*|[0-9]+))?$`)

// translate writes vals, the fields of an old configuration, as ours. at is
// the call's position, for problems with no field of their own.
func translate(lib *library, vals map[string]*value, at token.Pos) *translation {
	t := &translation{lib: lib, fields: map[string]string{}, lists: map[string][]string{}, known: true, comments: map[string]comment{},
		wildcardsOff: slices.ContainsFunc(lib.Fields, func(f field) bool { return f.Kind == kWildcard })}
	lists := map[string]*value{}
	for _, f := range lib.Fields {
		v := vals[f.Old]
		if v == nil {
			continue
		}
		switch f.Kind {
		case kOrigins, kMethods, kHeaders, kExposed:
			lists[f.New] = v
		case kOriginFunc:
			if !v.zero() {
				t.fields[f.New] = v.text
			}
		case kOriginFuncEr:
			if !v.zero() {
				fn := v.text
				if !token.IsIdentifier(strings.ReplaceAll(fn, ".", "")) {
					fn = "(" + fn + ")"
				}
				t.fields[f.New] = "func(origin string) bool {\nok, err := " + fn + "(origin)\nreturn ok && err == nil\n}"
				t.notes = append(t.notes, "an error from AllowOriginFunc now refuses the origin instead of failing the request")
			}
		case kRequestFunc:
			if !v.zero() {
				t.problem(v.pos, "%s sees the whole request: write it as %s", f.Old, stripMarkdown(f.Doc))
			}
		case kBool, kStatus:
			if !v.zero() {
				t.fields[f.New] = v.text
				t.known = t.known && v.known
				if f.Kind == kStatus && v.known {
					t.status, _ = constant.Int64Val(v.c)
				}
				if f.New == "AllowCredentials" {
					t.creds = v.isTrue()
				}
			}
		case kSeconds, kDuration:
			t.translateMaxAge(f, v)
		case kAllOrigins:
			switch {
			case v.isTrue():
				lists["AllowedOrigins"] = &value{list: true, known: true, strs: []string{"*"}, pos: v.pos}
			case !v.known:
				t.problem(v.pos, "%s is not a constant: write AllowedOrigins: []string{\"*\"} or the list of origins by hand", f.Old)
			}
		case kWildcard:
			t.wildcardsOff = !v.isTrue()
		case kDrop:
			if !v.zero() {
				t.notes = append(t.notes, f.Old+" "+stripMarkdown(f.Doc))
			}
		case kNone, kUnsafe:
			if !v.zero() {
				t.problem(v.pos, "%s has no equivalent: %s", f.Old, stripMarkdown(f.Doc))
			}
		}
	}
	for name := range vals {
		if lib.fieldByName(name) == nil {
			t.problem(vals[name].pos, "corsmigrate does not know the field %s of %s", name, lib.Name)
		}
	}
	t.translateLists(lists, at)
	if len(t.problems) == 0 && t.known {
		t.check(at)
	}
	return t
}

func (t *translation) problem(pos token.Pos, format string, args ...any) {
	t.problems = append(t.problems, problem{pos, fmt.Sprintf(format, args...)})
}

// translateMaxAge writes an old max age as a time.Duration.
func (t *translation) translateMaxAge(f field, v *value) {
	if v.zero() {
		return
	}
	if !v.known {
		t.known = false
		if f.Kind == kSeconds {
			t.fields["MaxAge"] = "time.Duration(" + v.text + ") * time.Second"
			t.needTime = true
		} else {
			t.fields["MaxAge"] = v.text
		}
		return
	}
	n, _ := constant.Int64Val(constant.ToInt(v.c))
	if n < 0 && t.lib.NegativeMaxAgeNone {
		t.notes = append(t.notes, "a negative MaxAge sent no header: dropped")
		return
	}
	if f.Kind == kSeconds {
		t.maxAge = time.Duration(n) * time.Second
		t.fields["MaxAge"] = v.text + " * time.Second"
		if !v.untyped {
			t.fields["MaxAge"] = "time.Duration(" + v.text + ") * time.Second"
		}
		t.needTime = true
		return
	}
	t.maxAge = time.Duration(n)
	t.fields["MaxAge"] = v.text
	if strings.Contains(v.text, "time.") {
		t.needTime = true
	}
}

// translateLists writes the four lists, with the old defaults written out.
func (t *translation) translateLists(lists map[string]*value, at token.Pos) {
	lib := t.lib
	get := func(name string) (*value, bool) {
		v := lists[name]
		return v, v == nil || v.zero()
	}
	origins, emptyOrigins := get("AllowedOrigins")
	_, hasFunc := t.fields["AllowOriginFunc"]
	if hasFunc && lib.FuncReplacesList && !emptyOrigins {
		t.notes = append(t.notes, "AllowedOrigins dropped: "+lib.Name+" ignored it when an origin function was set")
		origins, emptyOrigins = nil, true
	}
	if emptyOrigins && !hasFunc && lib.AllOriginsWhenEmpty {
		origins = &value{list: true, known: true, strs: []string{"*"}, pos: at}
		t.notes = append(t.notes, "an empty origin list allowed every origin: written out as \"*\"")
	}
	if origins != nil && !origins.zero() {
		for _, o := range origins.raw {
			if strings.Contains(o, "://*.") && strings.TrimLeft(o, " ") != o {
				t.problem(origins.pos, "%s never matched %q: the space before it shifts its subdomain pattern by one character; remove the space so that it matches the subdomains it names, or drop the entry", lib.Name, strings.TrimSpace(o))
			}
		}
		t.list("AllowedOrigins", origins, t.origin)
	}
	if methods, empty := get("AllowedMethods"); !empty {
		listed := func(m string) bool {
			return slices.ContainsFunc(methods.strs, func(x string) bool { return x == m || lib.UpperMethods && strings.EqualFold(x, m) })
		}
		if lib.SimpleMethodsListed && methods.known && !(listed("GET") && listed("HEAD") && listed("POST")) {
			t.notes = append(t.notes, "GET, HEAD and POST always pass now: "+lib.Name+" refused those AllowedMethods did not list, although browsers send them without a preflight")
		}
		t.list("AllowedMethods", methods, func(m string) (string, bool) {
			if lib.UpperMethods {
				return strings.ToUpper(m), true
			}
			return m, true
		})
	} else if lib.DefaultMethods != nil {
		t.list("AllowedMethods", &value{list: true, known: true, strs: lib.DefaultMethods}, keep)
		t.notes = append(t.notes, "the default methods of "+lib.Name+" written out")
	}
	headers, empty := get("AllowedHeaders")
	if empty && lib.DefaultHeaders != nil {
		headers = &value{list: true, known: true, strs: lib.DefaultHeaders}
		t.notes = append(t.notes, "the default allowed headers of "+lib.Name+" written out")
	}
	if headers != nil && !headers.zero() {
		if headers.known && lib.StarHeaders && slices.Contains(headers.strs, "*") &&
			!slices.ContainsFunc(headers.strs, func(h string) bool { return strings.EqualFold(h, "Authorization") }) {
			headers = &value{list: true, known: true, strs: append(slices.Clone(headers.strs), "Authorization"), pos: headers.pos}
			t.notes = append(t.notes, "\"*\" also allowed Authorization in "+lib.Name+": written out")
		}
		t.list("AllowedHeaders", headers, t.header)
	}
	if exposed, empty := get("ExposedHeaders"); !empty {
		t.list("ExposedHeaders", exposed, keep)
	}
	if t.creds && slices.Contains(t.lists["AllowedOrigins"], "*") {
		t.problem(origins.pos, "\"*\" with AllowCredentials: browsers refuse credentialed requests to it, so %s either failed or reflected every origin (letting every site read your users' data); list the origins that need credentials", lib.Name)
	}
}

func keep(s string) (string, bool) { return s, true }

// list writes one list field, mapping each known entry through conv (which
// drops an entry by returning false).
func (t *translation) list(name string, v *value, conv func(string) (string, bool)) {
	if !v.known {
		t.known = false
		t.fields[name] = v.text
		t.notes = append(t.notes, name+" is not a literal: it is passed as is, and New checks it at start-up")
		return
	}
	var out []string
	t.listPos = v.pos
	for _, s := range v.strs {
		if s, ok := conv(s); ok && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return
	}
	t.lists[name] = out
	t.fields[name] = quoteList(out)
}

// origin carries over one origin entry, or reports why it cannot.
func (t *translation) origin(o string) (string, bool) {
	switch {
	case o == "*":
		return o, true
	case len(o) > 2 && strings.HasPrefix(o, "/") && strings.HasSuffix(o, "/"):
		t.problem(t.listPos, "the regular expression origin %q has no equivalent: list the origins, use \"https://*.a.example\" patterns or AllowOriginFunc", o)
		return "", false
	case strings.Contains(o, "*") && t.wildcardsOff:
		t.problem(t.listPos, "%s never matched %q: without AllowWildcard it compared the * literally; drop the entry, or set AllowWildcard: true if its subdomains were meant", t.lib.Name, o)
		return "", false
	case strings.Contains(o, "*") && !globOK.MatchString(strings.ToLower(o)):
		t.problem(t.listPos, "the glob %q also matches origins of other sites (its * is not a whole label after the scheme): list the origins, or write \"https://*.a.example\" for the subdomains of one site", o)
		return "", false
	}
	if t.lib.LowerOrigins {
		o = strings.ToLower(o)
	}
	return o, true
}

// header drops the names only a browser sets: no browser asks to send
// them, so allowing them changed nothing and our New refuses them.
func (t *translation) header(h string) (string, bool) {
	_, err := cors.New(cors.Config{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{h}})
	if errors.Is(err, cors.ErrHeaderForbidden) {
		t.notes = append(t.notes, fmt.Sprintf("%q dropped from AllowedHeaders: only the browser sets it", h))
		return "", false
	}
	return h, true
}

// check builds the translated configuration with our New and turns each
// error into a problem.
func (t *translation) check(at token.Pos) {
	cfg := cors.Config{
		AllowedOrigins:         t.lists["AllowedOrigins"],
		AllowedMethods:         t.lists["AllowedMethods"],
		AllowedHeaders:         t.lists["AllowedHeaders"],
		ExposedHeaders:         t.lists["ExposedHeaders"],
		AllowCredentials:       t.creds,
		MaxAge:                 t.maxAge,
		PreflightSuccessStatus: int(t.status),
	}
	if _, ok := t.fields["AllowOriginFunc"]; ok {
		cfg.AllowOriginFunc = func(string) bool { return false }
	}
	_, err := cors.New(cfg)
	if err == nil {
		return
	}
	var joined interface{ Unwrap() []error }
	errs := []error{err}
	if errors.As(err, &joined) {
		errs = joined.Unwrap()
	}
	for _, e := range errs {
		t.problem(at, "the configuration, carried over, is refused by New: %v", e)
	}
}

// text writes the translation as name.Build(name.Config{…}).
func (t *translation) text(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s.%s(%s.Config{\n", name, t.lib.Build, name)
	for _, f := range ourOrder {
		if s, ok := t.fields[f]; ok {
			c := t.comments[f]
			fmt.Fprintf(&b, "%s%s: %s,", c.lead, f, s)
			if c.trail != "" {
				b.WriteString(" " + c.trail)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("})")
	return b.String()
}

// stripMarkdown drops the backquotes of a docs cell, for a diagnostic.
func stripMarkdown(s string) string { return strings.ReplaceAll(s, "`", "") }
