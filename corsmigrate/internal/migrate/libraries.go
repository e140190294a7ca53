package migrate

import "time"

// A library is a CORS middleware corsmigrate migrates from: where it lives,
// which of its calls it rewrites, how each configuration field carries over
// and which of its defaults differ from ours. docs/migrating.md shows the
// same tables (a test keeps them equal).
type library struct {
	Name       string                      // as the docs name it
	Path       string                      // import path
	Target     string                      // import path of our package for the same framework
	TargetName string                      // its package name
	Build      string                      // our constructor: "New" (adapters) or "MustNew" (core)
	Forms      []form                      // the calls rewritten
	Presets    map[string]map[string][]any // functions returning a configuration, by name: what they return
	Fields     []field                     // every field of the old configuration
	CSV        bool                        // lists are comma-joined strings (fiber v2)

	// Old defaults, written out when the field is empty.
	AllOriginsWhenEmpty bool     // no origin and no origin function meant every origin
	DefaultMethods      []string // nil: the same as ours (GET, HEAD, POST)
	DefaultHeaders      []string // allowed request headers when empty; nil: safelisted only, as ours
	StarHeaders         bool     // "*" allowed every header, Authorization included
	LowerOrigins        bool     // origins were compared case-insensitively
	UpperMethods        bool     // methods were upper-cased
	FuncReplacesList    bool     // a set origin function made the origin list ignored
	NegativeMaxAgeNone  bool     // a negative MaxAge sent no header (ours sends "0")
	SimpleMethodsListed bool     // GET, HEAD and POST passed only when listed
	Names               []string // the only names of the package that are CORS (nil: all)
	GroupType           string   // the framework's route group type ("path.Name"), where mounting misses preflights
}

// A form is a call of the old library that corsmigrate rewrites.
type form struct {
	Func    string           // function of the old package
	Method  string           // "Handler": the form is Func(…).Handler
	Arg     string           // "config": one configuration literal; "origins": variadic origins; "": none
	Preset  map[string][]any // the configuration the call stands for, when Arg is not "config"
	Example string           // as the docs show it
}

// A kind says how a field's value carries over.
type kind int

const (
	kOrigins      kind = iota // origin list
	kMethods                  // method list
	kHeaders                  // allowed request headers
	kExposed                  // exposed response headers
	kOriginFunc               // func(origin string) bool, as is
	kOriginFuncEr             // func(origin string) (bool, error): errors refuse
	kRequestFunc              // a callback that sees the request: no automatic equivalent
	kBool                     // a boolean of the same meaning
	kSeconds                  // int seconds → time.Duration
	kDuration                 // time.Duration, as is
	kStatus                   // preflight success status
	kAllOrigins               // gin-contrib's AllowAllOrigins
	kWildcard                 // gin-contrib's AllowWildcard (globs are always understood)
	kDrop                     // logging only: dropped, said in the message
	kNone                     // no equivalent: a diagnostic when set
	kUnsafe                   // an opt-in to a known hole: a diagnostic when set
)

// A field is one field of the old configuration.
type field struct {
	Old  string // its name
	New  string // our field, "" when none
	Kind kind
	Doc  string // what the docs say (markdown); for kNone and kUnsafe, also the diagnostic
}

const (
	coreImport = "github.com/originguard/cors/core"
	// rsCors's *Cors flows through a program, so the uses of rs/cors in a
	// package are rewritten all together or not at all.
	rsCors = "github.com/rs/cors"

	noSkip = "none: CORS must see every request. To exempt paths, give them their own scope " +
		"(`cors.NewScoped` with a `Scope{PathPrefix: …}`, mounted with the adapter's `Middleware`) " +
		"or mount them outside the middleware"
	requestFunc = "`AllowOriginRequestFunc func(origin, host, path string) bool` when the decision " +
		"needs only the request's host and path; a decision on other request headers cannot be cached " +
		"correctly by the browser (its `Vary` would have to name them), so it has no equivalent"
	dropLog = "dropped: set `Logger *slog.Logger` (Debug level: one record per denial, with its reason)"
)

var standardMethods = []any{"GET", "HEAD", "PUT", "PATCH", "POST", "DELETE"}

// reflectHeaders is what an empty header list that reflected the request's
// headers becomes: every header, Authorization included.
var reflectHeaders = []string{"*", "Authorization"}

var libraries = []*library{
	{
		Name: "rs/cors", Path: rsCors,
		Target: coreImport, TargetName: "cors", Build: "MustNew",
		Forms: []form{
			{Func: "New", Arg: "config", Example: "`cors.New(cors.Options{…})`"},
			{Func: "Default", Example: "`cors.Default()`"},
			{Func: "AllowAll", Preset: map[string][]any{"AllowedOrigins": {"*"}, "AllowedMethods": {"HEAD", "GET", "POST", "PUT", "PATCH", "DELETE"}, "AllowedHeaders": {"*"}}, Example: "`cors.AllowAll()`"},
		},
		Fields: []field{
			{"AllowedOrigins", "AllowedOrigins", kOrigins, "`AllowedOrigins` (empty meant every origin: written out as `\"*\"`)"},
			{"AllowOriginFunc", "AllowOriginFunc", kOriginFunc, "`AllowOriginFunc` (it replaced the list, so a list beside it is dropped)"},
			{"AllowOriginRequestFunc", "", kRequestFunc, requestFunc},
			{"AllowOriginVaryRequestFunc", "", kRequestFunc, requestFunc},
			{"AllowedMethods", "AllowedMethods", kMethods, "`AllowedMethods` (`GET`, `HEAD`, `POST` now always pass; rs/cors refused them when not listed)"},
			{"AllowedHeaders", "AllowedHeaders", kHeaders, "`AllowedHeaders` (empty meant `Accept`, `Content-Type`, `X-Requested-With`; `\"*\"` included `Authorization`: both written out)"},
			{"ExposedHeaders", "ExposedHeaders", kExposed, "`ExposedHeaders`"},
			{"MaxAge", "MaxAge", kSeconds, "`MaxAge` (`n * time.Second`)"},
			{"AllowCredentials", "AllowCredentials", kBool, "`AllowCredentials`"},
			{"AllowPrivateNetwork", "AllowPrivateNetwork", kBool, "`AllowPrivateNetwork`"},
			{"OptionsPassthrough", "PreflightPassthrough", kBool, "`PreflightPassthrough`"},
			{"OptionsSuccessStatus", "PreflightSuccessStatus", kStatus, "`PreflightSuccessStatus`"},
			{"Debug", "", kDrop, dropLog},
			{"Logger", "", kDrop, dropLog},
		},
		AllOriginsWhenEmpty: true,
		DefaultHeaders:      []string{"Accept", "Content-Type", "X-Requested-With"},
		StarHeaders:         true,
		LowerOrigins:        true,
		FuncReplacesList:    true,
		SimpleMethodsListed: true,
	},
	{
		Name: "gin-contrib/cors", Path: "github.com/gin-contrib/cors",
		Target: "github.com/originguard/cors/adapters/gin", TargetName: "corsgin", Build: "New",
		Forms: []form{
			{Func: "New", Arg: "config", Example: "`cors.New(cors.Config{…})`"},
			{Func: "Default", Preset: map[string][]any{
				"AllowAllOrigins": {true}, "AllowMethods": {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"},
				"AllowHeaders": {"Origin", "Content-Length", "Content-Type"}, "MaxAge": {12 * time.Hour},
			}, Example: "`cors.Default()`"},
		},
		Presets: map[string]map[string][]any{"DefaultConfig": {
			"AllowMethods": {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"},
			"AllowHeaders": {"Origin", "Content-Length", "Content-Type"}, "MaxAge": {12 * time.Hour},
		}},
		Fields: []field{
			{"AllowAllOrigins", "AllowedOrigins", kAllOrigins, "`AllowedOrigins: []string{\"*\"}`"},
			{"AllowOrigins", "AllowedOrigins", kOrigins, "`AllowedOrigins` (`/regex/` entries have no equivalent)"},
			{"AllowOriginFunc", "AllowOriginFunc", kOriginFunc, "`AllowOriginFunc` (consulted after the list, as before)"},
			{"AllowOriginWithContextFunc", "", kRequestFunc, requestFunc},
			{"AllowMethods", "AllowedMethods", kMethods, "`AllowedMethods`"},
			{"AllowPrivateNetwork", "AllowPrivateNetwork", kBool, "`AllowPrivateNetwork`"},
			{"AllowHeaders", "AllowedHeaders", kHeaders, "`AllowedHeaders` (names only the browser sets, such as `Origin`, are dropped)"},
			{"AllowCredentials", "AllowCredentials", kBool, "`AllowCredentials`"},
			{"ExposeHeaders", "ExposedHeaders", kExposed, "`ExposedHeaders`"},
			{"MaxAge", "MaxAge", kDuration, "`MaxAge` (a negative value sent no header: dropped)"},
			{"AllowWildcard", "", kWildcard, "dropped: `\"https://*.a.example\"` is always understood (other globs have no equivalent)"},
			{"AllowBrowserExtensions", "", kNone, "none: list `chrome-extension://<id>` origins in `AllowedOrigins`"},
			{"CustomSchemas", "", kNone, "none: list those origins in `AllowedOrigins`"},
			{"AllowWebSockets", "", kNone, "none: a WebSocket handshake is not CORS; check `Origin` in your upgrader"},
			{"AllowFiles", "", kNone, "none: `file:` pages send `Origin: null`; allow it in `AllowOriginFunc`"},
			{"OptionsResponseStatusCode", "PreflightSuccessStatus", kStatus, "`PreflightSuccessStatus`"},
		},
		NegativeMaxAgeNone: true,
		GroupType:          "github.com/gin-gonic/gin.RouterGroup",
	},
	echoLibrary("echo v4", "github.com/labstack/echo/v4/middleware", "github.com/originguard/cors/adapters/echo", []field{
		{"AllowOriginFunc", "AllowOriginFunc", kOriginFuncEr, "`AllowOriginFunc func(string) bool` (an error refuses the origin; it replaced the list, so a list beside it is dropped)"},
		{"UnsafeWildcardOriginWithAllowCredentials", "", kUnsafe, "none: reflecting every origin with credentials lets every site read your users' data; list the origins"},
	}),
	echoLibrary("echo v5", "github.com/labstack/echo/v5/middleware", "github.com/originguard/cors/adapters/echov5", []field{
		{"UnsafeAllowOriginFunc", "", kRequestFunc, "`AllowOriginFunc(origin) bool`, or " + requestFunc},
	}),
	fiberLibrary("fiber v2", "github.com/gofiber/fiber/v2/middleware/cors", "github.com/originguard/cors/adapters/fiber", true, nil),
	fiberLibrary("fiber v3", "github.com/gofiber/fiber/v3/middleware/cors", "github.com/originguard/cors/adapters/fiberv3", false, []field{
		{"AllowPrivateNetwork", "AllowPrivateNetwork", kBool, "`AllowPrivateNetwork`"},
		{"DisableValueRedaction", "", kDrop, "dropped: our log records never show configured values"},
	}),
	{
		Name: "go-chi/cors", Path: "github.com/go-chi/cors",
		Target: "github.com/originguard/cors/adapters/chi", TargetName: "corschi", Build: "New",
		Forms: []form{
			{Func: "Handler", Arg: "config", Example: "`cors.Handler(cors.Options{…})`"},
			{Func: "New", Method: "Handler", Arg: "config", Example: "`cors.New(cors.Options{…}).Handler`"},
			{Func: "AllowAll", Method: "Handler", Preset: map[string][]any{"AllowedOrigins": {"*"}, "AllowedMethods": {"HEAD", "GET", "POST", "PUT", "PATCH", "DELETE"}, "AllowedHeaders": {"*"}}, Example: "`cors.AllowAll().Handler`"},
		},
		Fields: []field{
			{"AllowedOrigins", "AllowedOrigins", kOrigins, "`AllowedOrigins` (empty meant every origin: written out as `\"*\"`)"},
			{"AllowOriginFunc", "", kRequestFunc, "`AllowOriginFunc func(origin string) bool` when it ignores the request, or " + requestFunc},
			{"AllowedMethods", "AllowedMethods", kMethods, "`AllowedMethods` (upper-cased, as go-chi/cors did; `GET`, `HEAD`, `POST` now always pass, where go-chi/cors refused them when not listed)"},
			{"AllowedHeaders", "AllowedHeaders", kHeaders, "`AllowedHeaders` (empty meant `Accept`, `Content-Type`; `\"*\"` included `Authorization`: both written out)"},
			{"ExposedHeaders", "ExposedHeaders", kExposed, "`ExposedHeaders`"},
			{"AllowCredentials", "AllowCredentials", kBool, "`AllowCredentials`"},
			{"MaxAge", "MaxAge", kSeconds, "`MaxAge` (`n * time.Second`; a negative value sent no header: dropped)"},
			{"OptionsPassthrough", "PreflightPassthrough", kBool, "`PreflightPassthrough`"},
			{"Debug", "", kDrop, dropLog},
		},
		AllOriginsWhenEmpty: true,
		DefaultHeaders:      []string{"Accept", "Content-Type"},
		StarHeaders:         true,
		LowerOrigins:        true,
		UpperMethods:        true,
		NegativeMaxAgeNone:  true,
		SimpleMethodsListed: true,
	},
}

// echoLibrary describes echo's CORS middleware; v4 and v5 differ in the
// origin callback and in CORS's arguments.
func echoLibrary(name, path, target string, extra []field) *library {
	l := &library{
		Name: name, Path: path, Target: target, TargetName: "corsecho", Build: "New",
		Fields: append([]field{
			{"Skipper", "", kNone, noSkip},
			{"AllowOrigins", "AllowedOrigins", kOrigins, "`AllowedOrigins` (exact origins, `\"*\"` and `\"https://*.a.example\"`; other globs have no equivalent)"},
			{"AllowMethods", "AllowedMethods", kMethods, "`AllowedMethods` (empty meant GET, HEAD, PUT, PATCH, POST, DELETE: written out)"},
			{"AllowHeaders", "AllowedHeaders", kHeaders, "`AllowedHeaders` (empty reflected the request's headers: written out as `\"*\", \"Authorization\"`)"},
			{"AllowCredentials", "AllowCredentials", kBool, "`AllowCredentials`"},
			{"ExposeHeaders", "ExposedHeaders", kExposed, "`ExposedHeaders`"},
			{"MaxAge", "MaxAge", kSeconds, "`MaxAge` (`n * time.Second`)"},
		}, extra...),
		DefaultMethods: toStrings(standardMethods),
		DefaultHeaders: reflectHeaders,
		LowerOrigins:   true,
		Names:          []string{"CORS", "CORSWithConfig", "CORSConfig", "DefaultCORSConfig"},
	}
	if name == "echo v4" {
		l.AllOriginsWhenEmpty = true
		l.FuncReplacesList = true
		l.Presets = map[string]map[string][]any{"DefaultCORSConfig": {"AllowOrigins": {"*"}, "AllowMethods": standardMethods}}
		l.Forms = []form{
			{Func: "CORS", Example: "`middleware.CORS()`"},
			{Func: "CORSWithConfig", Arg: "config", Example: "`middleware.CORSWithConfig(middleware.CORSConfig{…})`"},
		}
	} else {
		l.Forms = []form{
			{Func: "CORS", Arg: "origins", Example: "`middleware.CORS(origins...)`"},
			{Func: "CORSWithConfig", Arg: "config", Example: "`middleware.CORSWithConfig(middleware.CORSConfig{…})`"},
		}
	}
	return l
}

// fiberLibrary describes fiber's CORS middleware; v2 takes comma-joined
// strings, v3 slices.
func fiberLibrary(name, path, target string, csv bool, extra []field) *library {
	list := "(slices)"
	if csv {
		list = "(comma-joined strings become slices)"
	}
	return &library{
		Name: name, Path: path, Target: target, TargetName: "corsfiber", Build: "New", CSV: csv,
		Forms: []form{
			{Func: "New", Example: "`cors.New()`"},
			{Func: "New", Arg: "config", Example: "`cors.New(cors.Config{…})`"},
		},
		Fields: append([]field{
			{"Next", "", kNone, noSkip},
			{"AllowOriginsFunc", "AllowOriginFunc", kOriginFunc, "`AllowOriginFunc`"},
			{"AllowOrigins", "AllowedOrigins", kOrigins, "`AllowedOrigins` " + list + " (empty meant every origin: written out as `\"*\"`)"},
			{"AllowMethods", "AllowedMethods", kMethods, "`AllowedMethods` (empty meant GET, POST, HEAD, PUT, DELETE, PATCH: written out)"},
			{"AllowHeaders", "AllowedHeaders", kHeaders, "`AllowedHeaders` (empty reflected the request's headers: written out as `\"*\", \"Authorization\"`)"},
			{"AllowCredentials", "AllowCredentials", kBool, "`AllowCredentials`"},
			{"ExposeHeaders", "ExposedHeaders", kExposed, "`ExposedHeaders`"},
			{"MaxAge", "MaxAge", kSeconds, "`MaxAge` (`n * time.Second`)"},
		}, extra...),
		AllOriginsWhenEmpty: true,
		DefaultMethods:      []string{"GET", "POST", "HEAD", "PUT", "DELETE", "PATCH"},
		DefaultHeaders:      reflectHeaders,
		LowerOrigins:        true,
	}
}

func toStrings(v []any) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = s.(string)
	}
	return out
}

// fieldByName returns l's field named name, or nil.
func (l *library) fieldByName(name string) *field {
	for i := range l.Fields {
		if l.Fields[i].Old == name {
			return &l.Fields[i]
		}
	}
	return nil
}
