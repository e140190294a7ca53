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

func TestEngineFind(t *testing.T) {
	for _, e := range Engines {
		t.Run(e.Name, func(t *testing.T) {
			t.Run("configured path missing is an error, not a skip", func(t *testing.T) {
				t.Setenv(e.Env, "/nonexistent/browser")
				_, err := e.Find()
				if err == nil || errors.Is(err, ErrNoBrowser) {
					t.Fatalf("err = %v, want a non-ErrNoBrowser error", err)
				}
			})
			t.Run("configured path used", func(t *testing.T) {
				t.Setenv(e.Env, os.Args[0])
				if p, err := e.Find(); err != nil || p != os.Args[0] {
					t.Fatalf("Find() = %q, %v", p, err)
				}
			})
			t.Run("nothing found", func(t *testing.T) {
				t.Setenv(e.Env, "")
				t.Setenv("PATH", t.TempDir())
				saved := e.Binaries
				e.Binaries = []string{"cors-no-such-browser", "/nonexistent/cors-no-such-browser"}
				defer func() { e.Binaries = saved }()
				if _, err := e.Find(); !errors.Is(err, ErrNoBrowser) || !strings.Contains(err.Error(), e.Name) {
					t.Fatalf("err = %v, want ErrNoBrowser naming %s", err, e.Name)
				}
			})
		})
	}
}

func TestRequired(t *testing.T) {
	for v, want := range map[string]bool{"": false, "0": false, "1": true, "true": true} {
		t.Setenv(EnvRequired, v)
		if got := Required(); got != want {
			t.Errorf("%s=%q: Required() = %v", EnvRequired, v, got)
		}
	}
}

// TestNoBrowser runs this test binary again with no engine to be found:
// every engine's TestBrowser subtest must skip, and must fail when
// CORS_BROWSER_REQUIRED=1.
func TestNoBrowser(t *testing.T) {
	if os.Getenv("CORS_BROWSER_CHILD") != "" {
		t.Skip("child process")
	}
	run := func(required string) (string, error) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBrowser$", "-test.v", "-test.count=1")
		cmd.Env = append(os.Environ(), "PATH="+t.TempDir(), EnvRequired+"="+required, "CORS_BROWSER_CHILD=1")
		for _, e := range Engines {
			cmd.Env = append(cmd.Env, e.Env+"=")
		}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	skipped, err := run("")
	if err != nil {
		t.Errorf("without browsers: err=%v, output:\n%s", err, skipped)
	}
	failed, err := run("1")
	if err == nil {
		t.Errorf("without browsers, required: passed, output:\n%s", failed)
	}
	for _, e := range Engines {
		if !strings.Contains(skipped, "--- SKIP: TestBrowser/"+e.Name) || !strings.Contains(skipped, "no "+e.Name+" found") {
			t.Errorf("without %s: no skip naming it, output:\n%s", e.Name, skipped)
		}
		if !strings.Contains(failed, "--- FAIL: TestBrowser/"+e.Name) || !strings.Contains(failed, "no "+e.Name+" found") {
			t.Errorf("without %s, required: no failure naming it, output:\n%s", e.Name, failed)
		}
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

// TestScenarioTable checks the table itself: unique IDs, rules of
// docs/behaviour.md cited, valid policies, and wants that can be told apart.
// The conformance table alone cites every rule (TestEveryRuleIsExercised
// in package conformance); the scenarios show what browsers make of them.
func TestScenarioTable(t *testing.T) {
	o := Origins{A: "http://127.0.0.1:1", A2: "http://127.0.0.1:2", Other: "http://127.0.0.1:3", Cross: "http://localhost:4"}
	names, err := rules.Names()
	if err != nil {
		t.Fatal(err)
	}
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
		case p.Raw != nil && p.Config == nil && p.Scoped == nil:
		case p.Raw == nil && p.Config != nil && p.Scoped == nil:
			if _, err := cors.New(p.Config(o)); err != nil {
				t.Errorf("%s: profile %s: %v", sc.ID, p.Name, err)
			}
		case p.Raw == nil && p.Config == nil && p.Scoped != nil:
			if _, err := cors.NewScoped(p.Scoped(o)); err != nil {
				t.Errorf("%s: profile %s: %v", sc.ID, p.Name, err)
			}
		default:
			t.Errorf("%s: profile %s needs exactly one of Config, Scoped and Raw", sc.ID, p.Name)
		}
		differ := len(sc.HitsDiffer) > 0
		for i, st := range sc.Steps {
			if st.Want.Allowed == (st.Want.CORSError != "") {
				t.Errorf("%s step %d: an allowed step has no CORSError, a refused one has one", sc.ID, i)
			}
			for name := range st.Differs {
				differ = true
				if !isEngine(name) {
					t.Errorf("%s step %d: Differs names %q, not an engine", sc.ID, i, name)
				}
			}
		}
		for name := range sc.HitsDiffer {
			if !isEngine(name) {
				t.Errorf("%s: HitsDiffer names %q, not an engine", sc.ID, name)
			}
		}
		for name := range sc.Deviations {
			if !isEngine(name) {
				t.Errorf("%s: Deviations names %q, not an engine", sc.ID, name)
			}
		}
		if (differ || len(sc.Deviations) > 0) && sc.Standard == "" {
			t.Errorf("%s: engines disagree or deviate, but Standard does not say what the Fetch standard requires", sc.ID)
		}
	}
	if got := o.Expand("{A}|{A2}|{Other}|{Cross}"); got != o.A+"|"+o.A2+"|"+o.Other+"|"+o.Cross {
		t.Errorf("Expand = %q", got)
	}
	if o.Of(PageNull) != "null" || o.Of(PageOther) != o.Other {
		t.Errorf("Of is wrong")
	}
}

func isEngine(name string) bool {
	for _, e := range Engines {
		if e.Name == name {
			return true
		}
	}
	return false
}
