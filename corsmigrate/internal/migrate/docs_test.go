package migrate

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/migrating.md's tables from the analyzer's")

// TestDocsTables keeps docs/migrating.md's mapping tables equal to the
// analyzer's (go test -update rewrites them).
func TestDocsTables(t *testing.T) {
	path := filepath.Join("..", "..", "..", "docs", "migrating.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, lib := range libraries {
		re := regexp.MustCompile(`(?s)(<!-- corsmigrate:table ` + regexp.QuoteMeta(lib.Name) + ` -->\n)(.*?)(<!-- corsmigrate:end -->)`)
		m := re.FindStringSubmatch(doc)
		if m == nil {
			t.Errorf("docs/migrating.md has no table for %s (<!-- corsmigrate:table %s --> … <!-- corsmigrate:end -->)", lib.Name, lib.Name)
			continue
		}
		want := docTable(lib)
		if m[2] == want {
			continue
		}
		if *update {
			doc = re.ReplaceAllLiteralString(doc, m[1]+want+m[3])
			continue
		}
		t.Errorf("docs/migrating.md's table for %s differs from the analyzer's (go test -update rewrites it):\n got:\n%s\nwant:\n%s", lib.Name, m[2], want)
	}
	if *update {
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
