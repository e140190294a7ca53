// Package rules reads the rule names of docs/behaviour.md, the repository's
// own statement of every behaviour, so that tests can require each case to
// cite rules that exist.
package rules

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Doc is the path of the rule book, relative to the repository's root.
const Doc = "docs/behaviour.md"

// heading is a rule's heading: "### name", a kebab-case name.
var heading = regexp.MustCompile(`^### ([a-z0-9]+(?:-[a-z0-9]+)*)\s*$`)

// ErrNoDoc is wrapped by the error of Names when Doc is not found: the
// package runs outside the repository (from a module cache, where the
// published kit has no docs directory).
var ErrNoDoc = errors.New(Doc + " not found above the working directory")

// Names returns the set of rule names defined in Doc, found by walking up
// from the working directory (a package directory of the repository).
func Names() (map[string]bool, error) {
	dir, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	for {
		f, err := os.Open(filepath.Join(dir, Doc))
		if err == nil {
			defer f.Close()
			return parse(f)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, ErrNoDoc
		}
		dir = parent
	}
}

// TestNames is Names for a test: outside the repository, where Doc is not,
// it skips the test, saying why; any other error fails it.
func TestNames(tb testing.TB) map[string]bool {
	tb.Helper()
	names, err := Names()
	if errors.Is(err, ErrNoDoc) {
		tb.Skipf("%v: this test checks the table against the repository's rules, so it runs in the repository (github.com/originguard/cors), not from a module cache", err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return names
}

func parse(f *os.File) (map[string]bool, error) {
	names := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "### ") {
			continue
		}
		m := heading.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("%s: heading %q is not a kebab-case rule name", Doc, line)
		}
		if names[m[1]] {
			return nil, fmt.Errorf("%s: rule %s defined twice", Doc, m[1])
		}
		names[m[1]] = true
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s defines no rule", Doc)
	}
	return names, nil
}

// Cited returns the rule names a why string cites: the comma-separated
// names before its first ": " ("scheme-and-port, origin-patterns: the
// pattern keeps its scheme"). It fails when there are none or when one is
// not in names.
func Cited(why string, names map[string]bool) ([]string, error) {
	prefix, _, ok := strings.Cut(why, ": ")
	if !ok {
		return nil, errors.New(`cites no rule (want "rule-name, …: what it checks")`)
	}
	return List(prefix, names)
}

// List checks a comma-separated list of rule names against names.
func List(list string, names map[string]bool) ([]string, error) {
	var out []string
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(n)
		if !names[n] {
			return nil, fmt.Errorf("%q is not a rule of %s", n, Doc)
		}
		out = append(out, n)
	}
	return out, nil
}
