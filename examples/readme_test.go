package examples_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMESnippetsCompile compiles every complete Go program in the
// repository's README (the blocks starting with "package main") against
// this module's dependencies, so that the copy-pasteable examples stay so.
// The snippets are mapped into the module with -overlay; nothing is
// written to the source tree.
func TestREADMESnippetsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build; skipped with -short")
	}
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var snippets []string
	for _, m := range regexp.MustCompile("(?s)```go\n(.*?)```").FindAllStringSubmatch(string(readme), -1) {
		if strings.HasPrefix(m[1], "package main\n") {
			snippets = append(snippets, m[1])
		}
	}
	if len(snippets) < 5 {
		t.Fatalf("found %d complete programs in README.md, want one per framework (gin, echo, fiber, chi, net/http)", len(snippets))
	}
	snippets = append(snippets, nextMajorPrograms(t, snippets)...)
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to check the README: %v", err)
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	replace := map[string]string{}
	var pkgs []string
	for i, src := range snippets {
		file := filepath.Join(tmp, fmt.Sprintf("snippet%d.go", i))
		if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		pkg := fmt.Sprintf("internal/readmesnippet%d", i)
		replace[filepath.Join(dir, pkg, "main.go")] = file
		pkgs = append(pkgs, "./"+pkg)
	}
	overlay, _ := json.Marshal(map[string]any{"Replace": replace})
	overlayFile := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goBin, append([]string{"build", "-overlay", overlayFile}, pkgs...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("README snippets do not compile: %v\n%s", err, out)
	}
}

// nextMajorPrograms derives the echo v5 and fiber v3 programs from the
// README's echo v4 and fiber v2 ones the way the README tells readers to:
// one import path changed, and the framework's own handler type. So the
// README's claim compiles too.
func nextMajorPrograms(t *testing.T, snippets []string) []string {
	rewrites := map[string]*strings.Replacer{
		"echo v4": strings.NewReplacer(`"github.com/labstack/echo/v4"`, `"github.com/labstack/echo/v5"`,
			`"github.com/originguard/cors/adapters/echo"`, `"github.com/originguard/cors/adapters/echov5"`,
			"func(c echo.Context) error", "func(c *echo.Context) error"),
		"fiber v2": strings.NewReplacer(`"github.com/gofiber/fiber/v2"`, `"github.com/gofiber/fiber/v3"`,
			`"github.com/originguard/cors/adapters/fiber"`, `"github.com/originguard/cors/adapters/fiberv3"`,
			"func(c *fiber.Ctx) error", "func(c fiber.Ctx) error"),
	}
	var out []string
	for name, r := range rewrites {
		found := false
		for _, src := range snippets {
			if next := r.Replace(src); next != src {
				out = append(out, next)
				found = true
			}
		}
		if !found {
			t.Errorf("README.md has no %s program to turn into the next major version's", name)
		}
	}
	return out
}

// TestREADMEStaysShort keeps the README a user's page: what the library is,
// install, one program per framework, the comparison, troubleshooting and
// a performance summary. Reference material belongs elsewhere: benchmark
// tables and method in bench/README.md, migration tables in
// docs/migrating.md, behaviour rules in docs/behaviour.md, how to work on
// the repository in CONTRIBUTING.md.
func TestREADMEStaysShort(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const limit = 400
	if n := strings.Count(string(readme), "\n"); n >= limit {
		t.Errorf("README.md has %d lines, want fewer than %d: move reference material out (see this test's doc)", n, limit)
	}
}
