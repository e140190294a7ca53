package main

import (
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestDocsFragments compiles every Go fragment of docs/migrating.md with
// the frameworks, the peer libraries and our adapters, and checks that
// corsmigrate -fix turns each "before" fragment into the "after" one that
// follows it.
func TestDocsFragments(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the fragments with the real frameworks; skipped with -short")
	}
	doc, err := os.ReadFile(filepath.Join("..", "docs", "migrating.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)(<!-- corsmigrate:(before|after) -->\n)?```go\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 3 {
		t.Fatalf("docs/migrating.md has %d Go fragments, want a before, an after and more", len(blocks))
	}
	w := newWorkspace(t)
	pairs := map[int]int{} // before → after
	for i, b := range blocks {
		w.write(filepath.Join("docs", fmt.Sprint("block", i), "app.go"), b[3])
		switch b[2] {
		case "before":
			w.write(filepath.Join("docsfix", fmt.Sprint("block", i), "app.go"), b[3])
			if i+1 >= len(blocks) || blocks[i+1][2] != "after" {
				t.Fatalf("fragment %d is marked before, but no after fragment follows it", i)
			}
			pairs[i] = i + 1
		}
	}
	if len(pairs) == 0 {
		t.Fatal("docs/migrating.md has no before/after pair")
	}
	w.goCmd("build", "./docs/...")
	w.corsmigrate("-fix", "./docsfix/...")
	for before, after := range pairs {
		got, err := format.Source([]byte(w.read(filepath.Join("docsfix", fmt.Sprint("block", before), "app.go"))))
		if err != nil {
			t.Fatal(err)
		}
		want, err := format.Source([]byte(blocks[after][3]))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("corsmigrate -fix turns docs fragment %d into\n%s\nbut the docs show\n%s", before, got, want)
		}
	}
}
