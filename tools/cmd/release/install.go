package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/originguard/cors/tools/internal/family"
)

// installableForms returns, for each published module with a main package,
// the go.mod and go.sum it is tagged with: its requirements at version, no
// replace directive (go install PATH@VERSION refuses one) and the go.sum
// lines of its sibling modules at version. The hashes are those of the
// module zips built from the committed tree (HEAD) with every intra-repo
// requirement set to version, exactly what the tags will hold, by the same
// code the consumer test packs its module proxy with.
func installableForms(root, version string) ([]*family.Packed, error) {
	tmp, err := os.MkdirTemp("", "cors-release-installable-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	tree := filepath.Join(tmp, "tree")
	if err := os.Mkdir(tree, 0o755); err != nil {
		return nil, err
	}
	if err := extract(root, "HEAD", tree); err != nil {
		return nil, err
	}
	mods, err := family.Load(tree)
	if err != nil {
		return nil, err
	}
	if _, err := family.SetVersion(tree, mods, version, true); err != nil {
		return nil, err
	}
	published := family.Published(mods)
	packed, err := family.WriteProxy(filepath.Join(tmp, "proxy"), tree, mods, published, version)
	if err != nil {
		return nil, err
	}
	var out []*family.Packed
	for _, m := range published {
		if p := packed[m.Path]; len(p.Commands) > 0 {
			out = append(out, p)
		}
	}
	return out, nil
}

// showInstallable prints what the tagged commit changes in each module with
// commands: the replace directives it drops and the go.sum lines it adds.
func showInstallable(root string, forms []*family.Packed, out io.Writer) error {
	for _, p := range forms {
		dir := filepath.Join(root, filepath.FromSlash(p.Module.Dir))
		fmt.Fprintf(out, "%s has commands (%s): at the tags its go.mod has no replace directive, for go install %s@%s\n",
			p.Module.Dir, strings.Join(p.Commands, ", "), p.Commands[0], p.Version)
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err != nil {
			return err
		}
		f, err := modfile.Parse("go.mod", data, nil)
		if err != nil {
			return err
		}
		for _, r := range f.Replace {
			fmt.Fprintf(out, "  %s/go.mod: - replace %s => %s\n", p.Module.Dir, r.Old.Path, r.New.Path)
		}
		sum, err := os.ReadFile(filepath.Join(dir, "go.sum"))
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		for line := range strings.Lines(string(p.GoSum)) {
			if !strings.Contains(string(sum), line) {
				fmt.Fprintf(out, "  %s/go.sum: + %s", p.Module.Dir, line)
			}
		}
	}
	return nil
}

// writeInstallable writes the tagged go.mod and go.sum of each module with
// commands into the tree at root.
func writeInstallable(root string, forms []*family.Packed) error {
	for _, p := range forms {
		dir := filepath.Join(root, filepath.FromSlash(p.Module.Dir))
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), p.GoMod, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "go.sum"), p.GoSum, 0o644); err != nil {
			return err
		}
	}
	return nil
}
