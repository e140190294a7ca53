package family

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMENamesTheFrameworkVersionsTested checks the README's Versioning
// section against the go.mod files: every published module is named, each
// adapter after the versions of the framework modules it requires
// directly, every version named there is one its go.mod requires, and the
// Go version is the one every module declares. So a new module or a bump
// in a go.mod cannot leave the README behind, and the README cannot name a
// version nobody requires.
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
		if m.File.Go != nil && !strings.Contains(versioning, "`go "+m.File.Go.Version+"`") {
			t.Errorf("%s declares go %s; the README's Versioning section does not say so", m.Dir, m.File.Go.Version)
		}
	}
	_, frameworks, ok := strings.Cut(versioning, "**Frameworks**")
	if !ok {
		t.Fatal("the README's Versioning section has no **Frameworks** item")
	}
	frameworks, _, _ = strings.Cut(frameworks, "\n- ")
	segments := adapterSegments(frameworks)
	adapters := 0
	for _, m := range Published(mods) {
		if !strings.Contains(versioning, "`"+m.Dir+"`") {
			t.Errorf("the README's Versioning section does not name %s", m.Dir)
		}
		if !strings.HasPrefix(m.Dir, "adapters/") {
			continue
		}
		adapters++
		segment, ok := segments[m.Dir]
		if !ok {
			t.Errorf("the README's Versioning section does not name %s", m.Dir)
			continue
		}
		required := map[string]bool{}
		for _, r := range m.File.Require {
			if r.Indirect || paths[r.Mod.Path] || strings.HasPrefix(r.Mod.Path, "golang.org/x/") {
				continue
			}
			required[r.Mod.Version] = true
			if !strings.Contains(segment, " "+r.Mod.Version+" ") {
				t.Errorf("%s requires %s %s; the README names %q for it", m.Dir, r.Mod.Path, r.Mod.Version, strings.TrimSpace(segment))
			}
		}
		for _, v := range versionText.FindAllString(segment, -1) {
			if !required[v] {
				t.Errorf("the README names %s for %s, which its go.mod does not require", v, m.Dir)
			}
		}
	}
	if adapters == 0 {
		t.Fatal("no adapter module found in go.work")
	}
}

var versionText = regexp.MustCompile(`v[0-9]+\.[0-9]+\.[0-9]+`)

// adapterSegments splits the Frameworks item "gin v1.12.0 (`adapters/gin`), fiber
// v2.52.15 with fasthttp v1.69.0 (`adapters/fiber`) …" into the text
// naming each adapter's frameworks, keyed by the adapter's directory.
func adapterSegments(section string) map[string]string {
	out := map[string]string{}
	start := 0
	for _, m := range regexp.MustCompile("\\(`(adapters/[a-z0-9]+)`\\)").FindAllStringSubmatchIndex(section, -1) {
		out[section[m[2]:m[3]]] = strings.ReplaceAll(section[start:m[0]], "\n", " ")
		start = m[1]
	}
	return out
}
