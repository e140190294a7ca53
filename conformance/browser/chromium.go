package browser

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// ErrNoBrowser is returned by FindChromium when no Chromium binary is
// configured or on PATH.
var ErrNoBrowser = errors.New("no chromium found (install Debian's chromium, or set CORS_BROWSER=/path/to/chrome)")

// EnvBrowser names the environment variable that selects the browser binary.
const EnvBrowser = "CORS_BROWSER"

// EnvRequired names the environment variable that turns a missing browser
// into a test failure instead of a skip (CI sets it).
const EnvRequired = "CORS_BROWSER_REQUIRED"

// candidates are tried in order on PATH when CORS_BROWSER is not set.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
	"chrome", "headless_shell", "chrome-headless-shell"}

// FindChromium returns the browser to drive: $CORS_BROWSER when set (an
// error, never ErrNoBrowser, when that file does not exist), else the first
// known Chromium name found on PATH, else ErrNoBrowser.
func FindChromium() (string, error) {
	if p := os.Getenv(EnvBrowser); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvBrowser, p, err)
		}
		return p, nil
	}
	for _, name := range candidates {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Required reports whether a missing browser must fail the tests
// (CORS_BROWSER_REQUIRED set to anything but "" or "0").
func Required() bool {
	v := os.Getenv(EnvRequired)
	return v != "" && v != "0"
}
