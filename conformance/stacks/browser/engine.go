package browser

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// ErrNoBrowser is wrapped by the error an Engine's Find returns when the
// engine is neither configured nor installed.
var ErrNoBrowser = errors.New("browser not found")

// EnvRequired names the environment variable that turns a missing browser
// into a test failure instead of a skip (CI sets it).
const EnvRequired = "CORS_BROWSER_REQUIRED"

// Required reports whether a missing browser must fail the tests
// (CORS_BROWSER_REQUIRED set to anything but "" or "0").
func Required() bool {
	v := os.Getenv(EnvRequired)
	return v != "" && v != "0"
}

// Engine is one browser engine the suite drives. A scenario is written
// once; an engine only knows how to start a browser that shows pages, and
// what it can say about a fetch beyond what the page and the servers see.
type Engine struct {
	// Name is the path element of test names: chromium, firefox or webkit.
	Name string
	// Env names the environment variable that overrides the binary.
	Env string
	// Binaries are tried in order on PATH (or as absolute paths) when Env
	// is not set.
	Binaries []string
	// Needs are helper programs that must be on PATH too.
	Needs []string
	// Install says how to install the engine, for the skip message.
	Install string
	// Launch starts the browser at path with one fresh profile (shared
	// cookies, HTTP cache and preflight cache) showing each page URL in a
	// tab of its own, in order.
	Launch func(path string, pageURLs []string) (Session, error)
}

// Session is a running browser.
type Session interface {
	// Detail adds to outs what only this engine reports about the calls
	// that the page at index page (of the URLs given to Launch) just made,
	// in order: Chromium's CORS error codes, WebKit's console reasons.
	Detail(page int, calls []Call, outs []Outcome) error
	// Version names the browser, e.g. "Chrome/156.0.8078.79".
	Version() string
	// Close stops the browser and every process it started (by its own
	// process id or process group, never by name) and removes its
	// temporary files.
	Close() error
}

// Engines are the three engines of the suite.
var Engines = []*Engine{Chromium, Firefox, WebKit}

// Find returns the engine's binary: $Env when set (an error that does not
// wrap ErrNoBrowser when that file does not exist: a wrong setting is never
// a skip), else the first of Binaries found, when the Needs are on PATH
// too; otherwise an error wrapping ErrNoBrowser.
func (e *Engine) Find() (string, error) {
	if p := os.Getenv(e.Env); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", e.Env, p, err)
		}
		return p, nil
	}
	missing := fmt.Errorf("no %s found (%s, or set %s=/path/to/binary): %w", e.Name, e.Install, e.Env, ErrNoBrowser)
	for _, name := range e.Needs {
		if _, err := exec.LookPath(name); err != nil {
			return "", missing
		}
	}
	for _, name := range e.Binaries {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", missing
}
