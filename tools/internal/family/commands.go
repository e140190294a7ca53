package family

import (
	"errors"
	"fmt"
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
)

// Commands returns the import paths of the module's main packages (those
// built on this platform, outside testdata and nested modules), the
// programs users install with "go install PATH@VERSION". The module lives
// in root/m.Dir.
func (m Module) Commands(root string) ([]string, error) {
	dir := filepath.Join(root, filepath.FromSlash(m.Dir))
	var cmds []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if path != dir {
			name := d.Name()
			if name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // a nested module
			}
		}
		pkg, err := build.Default.ImportDir(path, 0)
		var noGo *build.NoGoError
		if errors.As(err, &noGo) {
			return nil
		}
		if err != nil {
			return err
		}
		if pkg.Name == "main" {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			cmds = append(cmds, strings.TrimSuffix(m.Path+"/"+filepath.ToSlash(rel), "/."))
		}
		return nil
	})
	return cmds, err
}

// InstallableGoMod returns the module's go.mod (data) without the replace
// directives that point at other modules of the workspace: the form a
// module with commands is tagged in, because "go install PATH@VERSION"
// refuses a go.mod with any replace or exclude directive. Any other replace
// or exclude is an error, since dropping it would change the build.
func InstallableGoMod(data []byte, mods []Module) ([]byte, error) {
	f, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		return nil, err
	}
	paths := map[string]bool{}
	for _, m := range mods {
		paths[m.Path] = true
	}
	for _, r := range f.Replace {
		if !paths[r.Old.Path] {
			return nil, fmt.Errorf("%s: replace %s would make go install refuse the module; only replaces of workspace modules are dropped at release", f.Module.Mod.Path, r.Old.Path)
		}
		if err := f.DropReplace(r.Old.Path, r.Old.Version); err != nil {
			return nil, err
		}
	}
	if len(f.Exclude) > 0 {
		return nil, fmt.Errorf("%s: an exclude directive makes go install refuse the module", f.Module.Mod.Path)
	}
	f.Cleanup()
	return f.Format()
}
