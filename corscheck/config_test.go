package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/originguard/cors/corscheck/fetchcheck"
)

func writeConfig(t *testing.T, json string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "cors.json")
	if err := os.WriteFile(f, []byte(json), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestConfigValid(t *testing.T) {
	f := writeConfig(t, `{"AllowedOrigins": ["https://app.example"], "AllowedMethods": ["GET", "PUT"], "MaxAge": "10m", "AllowCredentials": true}`)
	o := runCmd("config", f)
	if o.code != exitAllowed || o.stdout != f+": valid\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", o.code, o.stdout, o.stderr)
	}
	// A valid setting that is probably a slip gets New's warning.
	f = writeConfig(t, `{"AllowedOrigins": ["https://app.example"], "AllowedMethods": ["patch"]}`)
	o = runCmd("config", f)
	want := `warning: AllowedMethods[0] "patch" matches only scripts that write method: "patch"; browsers send PATCH for method: "PATCH"`
	if o.code != exitAllowed || !strings.HasPrefix(o.stdout, want) || !strings.HasSuffix(o.stdout, f+": valid\n") {
		t.Errorf("exit %d, stdout %q, want the warning %q", o.code, o.stdout, want)
	}
}

// The messages are cors.New's own, one per line, with its suggestions.
func TestConfigInvalid(t *testing.T) {
	f := writeConfig(t, `{"AllowedOrigins": ["https://App.example/", "https://*app.example", "https://a.example", "https://a.example"],
		"AllowedMethods": ["patch"], "AllowCredentials": true, "ExposedHeaders": ["*"]}`)
	o := runCmd("config", f)
	if o.code != exitBlocked {
		t.Fatalf("exit %d, stdout %s, stderr %s", o.code, o.stdout, o.stderr)
	}
	for _, want := range []string{
		`error: AllowedOrigins[0] "https://App.example/" is not a serialized origin`,
		`did you mean "https://app.example"?`,
		`error: AllowedOrigins[1] "https://*app.example" has a wildcard that is not the whole leftmost label`,
		`did you mean "https://*.app.example"?`,
		`warning: AllowedOrigins[3] "https://a.example" repeats AllowedOrigins[2]; the repetition is ignored`,
		`error: ExposedHeaders[0] "*" exposes nothing on credentialed requests`,
		f + ": invalid (3 problems), as cors.New would report it",
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, o.stdout)
		}
	}
}

func TestConfigFileProblems(t *testing.T) {
	for _, tc := range []struct{ json, want string }{
		{`{"AllowedOrigin": ["https://app.example"]}`, `unknown field "AllowedOrigin"`},
		{`{"AllowedOrigins": ["*"], "MaxAge": 3600}`, `MaxAge 3600: write a duration string such as "600s" or "1h"`},
		{`{"AllowedOrigins": ["*"], "MaxAge": "an hour"}`, `MaxAge "an hour"`},
		{`{"AllowedOrigins": `, `unexpected EOF`},
	} {
		o := runCmd("config", writeConfig(t, tc.json))
		if o.code != exitUsage || !strings.Contains(o.stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", tc.json, o.code, o.stderr, tc.want)
		}
	}
	if o := runCmd("config"); o.code != exitUsage || !strings.Contains(o.stderr, "usage: corscheck config FILE") {
		t.Errorf("no file: exit %d, stderr %q", o.code, o.stderr)
	}
	if o := runCmd("config", filepath.Join(t.TempDir(), "missing.json")); o.code != exitUsage || !strings.Contains(o.stderr, "no such file") {
		t.Errorf("missing file: exit %d, stderr %q", o.code, o.stderr)
	}
}

func TestOriginDidYouMean(t *testing.T) {
	for origin, want := range map[string]string{
		"https://app.example/":      `did you mean "https://app.example"?`,
		"HTTPS://App.Example:443/x": `did you mean "https://app.example"?`,
		"app.example":               `did you mean "https://app.example"?`,
		"http://[::1]:80/":          `did you mean "http://[::1]"?`,
		"https//app.example":        `did you mean "https://app.example"?`,
		"https:/app.example":        `did you mean "https://app.example"?`,
		"HTTP:localhost:3000":       `did you mean "http://localhost:3000"?`,
		"http.example:8080":         `did you mean "https://http.example:8080"?`,
	} {
		o := runCmd("-origin", origin, "http://127.0.0.1:1/")
		if o.code != exitUsage || !strings.Contains(o.stderr, want) {
			t.Errorf("-origin %s: exit %d, stderr %q, want %q", origin, o.code, o.stderr, want)
		}
		fix, _ := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(want, "did you mean "), "?"))
		if err := fetchcheck.Validate(fetchcheck.Request{Origin: fix, Method: "GET"}); err != nil {
			t.Errorf("-origin %s: the suggestion %q is refused in turn: %v", origin, fix, err)
		}
	}
	if o := runCmd("-origin", "https://", "http://127.0.0.1:1/"); strings.Contains(o.stderr, "did you mean") {
		t.Errorf("-origin https:// got a suggestion: %s", o.stderr)
	}
}

// "-" reads the configuration from standard input, as the usage line says.
func TestConfigStandardInput(t *testing.T) {
	o := runWithInput(`{"AllowedOrigins": ["https://app.example"]}`, "config", "-")
	if o.code != exitAllowed || o.stdout != "standard input: valid\n" {
		t.Errorf("valid: exit %d, stdout %q, stderr %q", o.code, o.stdout, o.stderr)
	}
	o = runWithInput(`{"AllowedOrigins": ["https://app.example/"]}`, "config", "-")
	want := "standard input: invalid (1 problem), as cors.New would report it\n"
	if o.code != exitBlocked || !strings.HasSuffix(o.stdout, want) {
		t.Errorf("invalid: exit %d, stdout %q, want it to end in %q", o.code, o.stdout, want)
	}
	if o := runWithInput(`{"AllowedOrigins": `, "config", "-"); o.code != exitUsage || !strings.Contains(o.stderr, "standard input: unexpected EOF") {
		t.Errorf("truncated: exit %d, stderr %q", o.code, o.stderr)
	}
	if o := runCmd("config", "-x"); o.code != exitUsage || !strings.Contains(o.stderr, "usage: corscheck config FILE") {
		t.Errorf("-x: exit %d, stderr %q", o.code, o.stderr)
	}
}
