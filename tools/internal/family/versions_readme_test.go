package family

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMENamesTheFrameworkVersionsTested checks the README's Versioning
// section against the adapters' go.mod files: each adapter is named, with
// the version of every framework module it requires directly, so a bump in
// a go.mod cannot leave the README behind.
func TestREADMENamesTheFrameworkVersionsTested(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	mods, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, versioning, ok := strings.Cut(string(readme), "\n## Versioning\n")
	if !ok {
		t.Fatal("README.md has no Versioning section")
	}
	versioning, _, _ = strings.Cut(versioning, "\n## ")
	paths := map[string]bool{}
	for _, m := range mods {
		paths[m.Path] = true
	}
	adapters := 0
	for _, m := range Published(mods) {
		if !strings.HasPrefix(m.Dir, "adapters/") {
			continue
		}
		adapters++
		if !strings.Contains(versioning, "`"+m.Dir+"`") {
			t.Errorf("the README's Versioning section does not name %s", m.Dir)
		}
		for _, r := range m.File.Require {
			if !r.Indirect && !paths[r.Mod.Path] && !strings.HasPrefix(r.Mod.Path, "golang.org/x/") &&
				!strings.Contains(versioning, r.Mod.Version) {
				t.Errorf("%s requires %s %s; the README's Versioning section does not say so", m.Dir, r.Mod.Path, r.Mod.Version)
			}
		}
	}
	if adapters == 0 {
		t.Fatal("no adapter module found in go.work")
	}
}
