package browser

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/originguard/cors/conformance/internal/rules"
	cors "github.com/originguard/cors/core"
)

func TestFindChromium(t *testing.T) {
	t.Run("configured path missing is an error, not a skip", func(t *testing.T) {
		t.Setenv(EnvBrowser, "/nonexistent/chrome")
		_, err := FindChromium()
		if err == nil || errors.Is(err, ErrNoBrowser) {
			t.Fatalf("err = %v, want a non-ErrNoBrowser error", err)
		}
	})
	t.Run("configured path used", func(t *testing.T) {
		t.Setenv(EnvBrowser, os.Args[0])
		if p, err := FindChromium(); err != nil || p != os.Args[0] {
			t.Fatalf("FindChromium() = %q, %v", p, err)
		}
	})
	t.Run("nothing on PATH", func(t *testing.T) {
		t.Setenv(EnvBrowser, "")
		t.Setenv("PATH", t.TempDir())
		if _, err := FindChromium(); !errors.Is(err, ErrNoBrowser) {
			t.Fatalf("err = %v, want ErrNoBrowser", err)
		}
	})
}

func TestRequired(t *testing.T) {
	for v, want := range map[string]bool{"": false, "0": false, "1": true, "true": true} {
		t.Setenv(EnvRequired, v)
		if got := Required(); got != want {
			t.Errorf("%s=%q: Required() = %v", EnvRequired, v, got)
		}
	}
}

// TestNoBrowser runs this test binary again with an empty PATH: TestBrowser
// must skip, and must fail when CORS_BROWSER_REQUIRED=1.
func TestNoBrowser(t *testing.T) {
	if os.Getenv("CORS_BROWSER_CHILD") != "" {
		t.Skip("child process")
	}
	run := func(required string) (string, error) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBrowser$", "-test.v", "-test.count=1")
		cmd.Env = append(os.Environ(), "PATH="+t.TempDir(), EnvBrowser+"=", EnvRequired+"="+required, "CORS_BROWSER_CHILD=1")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("")
	if err != nil || !strings.Contains(out, "--- SKIP: TestBrowser") || !strings.Contains(out, "no chromium found") {
		t.Errorf("without chromium: err=%v, output:\n%s", err, out)
	}
	out, err = run("1")
	if err == nil || !strings.Contains(out, "--- FAIL: TestBrowser") || !strings.Contains(out, "no chromium found") {
		t.Errorf("without chromium, required: err=%v, output:\n%s", err, out)
	}
}

func TestCallInit(t *testing.T) {
	c := Call{Method: "patch", Headers: []Header{{"X-A", "1"}, {"x-a", "2"}}, Credentials: "include", Body: "b"}
	want := `{"body":"b","credentials":"include","headers":[["X-A","1"],["x-a","2"]],"method":"patch"}`
	if got := c.init(); got != want {
		t.Errorf("init() = %s, want %s", got, want)
	}
	if got := (Call{}).init(); got != "{}" {
		t.Errorf("empty init() = %s", got)
	}
}

// TestScenarioTable checks the table itself: enough scenarios, unique IDs,
// valid policies, and wants that can be told apart.
func TestScenarioTable(t *testing.T) {
	o := Origins{A: "http://127.0.0.1:1", A2: "http://127.0.0.1:2", Other: "http://127.0.0.1:3"}
	names, err := rules.Names()
	if err != nil {
		t.Fatal(err)
	}
	perStack := 0
	ids := map[string]bool{}
	for _, sc := range Scenarios() {
		if ids[sc.ID] {
			t.Errorf("duplicate ID %s", sc.ID)
		}
		ids[sc.ID] = true
		if sc.Doc == "" || sc.Refs == "" || len(sc.Steps) == 0 {
			t.Errorf("%s: Doc, Refs and Steps are required", sc.ID)
		}
		if _, err := rules.List(sc.Refs, names); err != nil {
			t.Errorf("%s: Refs: %v", sc.ID, err)
		}
		switch p := sc.Profile; {
		case p.Raw != nil && p.Config == nil:
		case p.Raw == nil && p.Config != nil:
			perStack++
			if _, err := cors.New(p.Config(o)); err != nil {
				t.Errorf("%s: profile %s: %v", sc.ID, p.Name, err)
			}
		default:
			t.Errorf("%s: profile %s needs exactly one of Config and Raw", sc.ID, p.Name)
		}
		for i, st := range sc.Steps {
			if st.Want.Allowed == (st.Want.CORSError != "") {
				t.Errorf("%s step %d: an allowed step has no CORSError, a refused one has one", sc.ID, i)
			}
		}
	}
	if perStack < 40 {
		t.Errorf("%d scenarios per stack, want at least 40", perStack)
	}
	if got := o.Expand("{A}|{A2}|{Other}"); got != o.A+"|"+o.A2+"|"+o.Other {
		t.Errorf("Expand = %q", got)
	}
	if o.Of(PageNull) != "null" || o.Of(PageOther) != o.Other {
		t.Errorf("Of is wrong")
	}
}
