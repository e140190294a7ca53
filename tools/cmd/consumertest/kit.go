package main

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/originguard/cors/tools/internal/family"
)

// kitPath is the module of the conformance kit, which adapters written
// outside the repository run; corePath the module it may require.
const (
	kitPath  = "github.com/originguard/cors/conformance"
	corePath = "github.com/originguard/cors/core"
)

// toyAdapter is a net/http adapter and its conformance test, as a third
// party writes them (module example.com/toycors).
//
//go:embed testdata/toyadapter
var toyAdapter embed.FS

// runToyAdapter builds the toy adapter in a fresh module outside the
// repository against the packed kit and core, checks that the kit brings
// no module into the adapter's graph that the core alone does not, runs the
// kit on the adapter with go test, and runs it on a broken middleware
// (build tag broken), which must fail.
func runToyAdapter(tmp string, env []string, mods []family.Module, version string) error {
	if !slices.ContainsFunc(family.Published(mods), func(m family.Module) bool { return m.Path == kitPath }) {
		return fmt.Errorf("no published module is %s", kitPath)
	}
	// The module graph of a module that requires only the core, for
	// comparison.
	coreOnly, err := newConsumer(filepath.Join(tmp, "core-only"), env, goDirective(mods))
	if err != nil {
		return err
	}
	if err := coreOnly.goCmd("get", corePath+"@"+version); err != nil {
		return err
	}
	out, err := coreOnly.goQuiet("list", "-m", "all")
	if err != nil {
		return err
	}
	allowed := map[string]bool{"example.com/toycors": true, kitPath + " " + version: true}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		allowed[line] = true
	}
	c, err := newConsumer(filepath.Join(tmp, "toyadapter"), env, goDirective(mods))
	if err != nil {
		return err
	}
	if err := c.write("go.mod", "module example.com/toycors\n\ngo "+goDirective(mods)+"\n"); err != nil {
		return err
	}
	err = fs.WalkDir(toyAdapter, "testdata/toyadapter", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := toyAdapter.ReadFile(p)
		if err != nil {
			return err
		}
		return c.write(filepath.Base(p), string(data))
	})
	if err != nil {
		return err
	}
	for _, args := range [][]string{{"get", kitPath + "@" + version, corePath + "@" + version}, {"vet", "./..."}} {
		if err := c.goCmd(args...); err != nil {
			return err
		}
	}
	out, err = c.goQuiet("list", "-m", "all")
	if err != nil {
		return err
	}
	fmt.Print(out)
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !allowed[line] {
			return fmt.Errorf("the conformance kit brings %s into an adapter's module graph, which a module requiring only the core lacks", line)
		}
	}
	fmt.Println("the kit adds nothing but itself to the module graph of a module that requires only the core")
	// The kit's own tests pass where users meet it, in the module cache
	// (those that read the repository's rules doc skip there).
	if err := c.goCmd("test", "-count=1", kitPath+"/..."); err != nil {
		return err
	}
	fmt.Println("$ go test -count=1 -v ./...")
	out, err = c.goQuiet("test", "-count=1", "-v", "./...")
	passed, failed := strings.Count(out, "--- PASS: "), strings.Count(out, "--- FAIL: ")
	if err != nil {
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, "--- FAIL: ") || strings.HasPrefix(strings.TrimSpace(line), "toycors_test.go") || strings.Contains(line, "\tconformance") {
				fmt.Println(line)
			}
		}
		return fmt.Errorf("the conformance kit on the toy adapter: %d tests and subtests failed, %d passed: %w", failed, passed, err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	fmt.Println(strings.Join(lines[max(0, len(lines)-3):], "\n"))
	fmt.Printf("the conformance kit passes on the toy adapter: %d tests and subtests passed, none failed\n", passed)
	if passed < 100 {
		return fmt.Errorf("the conformance kit ran only %d tests and subtests on the toy adapter", passed)
	}
	// The same kit must fail a broken middleware, from outside too.
	fmt.Println("$ go test -count=1 -v -tags broken -run TestBroken ./...")
	out, err = c.goQuiet("test", "-count=1", "-v", "-tags", "broken", "-run", "TestBroken", "./...")
	const mustFail = "--- FAIL: TestBroken/origins/not-listed "
	if err == nil || !strings.Contains(out, mustFail) {
		return fmt.Errorf("the conformance kit on a middleware that reflects every origin: go test returned %v; want a failure that includes %q", err, mustFail)
	}
	fmt.Printf("the conformance kit fails the broken middleware, as it must: %d tests and subtests failed (among them origins/not-listed), %d passed\n",
		strings.Count(out, "--- FAIL: "), strings.Count(out, "--- PASS: "))
	return nil
}

// goQuiet runs the go command in the consumer module and returns its
// output (standard output and error) without showing it.
func (c *consumer) goQuiet(args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = c.dir, c.env
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	if err := cmd.Run(); err != nil {
		return b.String(), fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return b.String(), nil
}
