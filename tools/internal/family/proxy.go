package family

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

// Packed is one module version as WriteProxy published it.
type Packed struct {
	Module  Module
	Version string
	ZipHash string // the go.sum hash of the module zip ("h1:…")
	ModHash string // the go.sum hash of its go.mod ("h1:…")
	// Commands are the module's main packages. When there are any, GoMod
	// and GoSum are the files the module is published with: go.mod without
	// the replace directives of workspace modules (see InstallableGoMod) and
	// go.sum with the lines of the workspace modules it requires, so that
	// "go install PATH@VERSION" accepts it. Both are nil otherwise: the
	// module is published as it is in the tree.
	Commands     []string
	GoMod, GoSum []byte
}

// WriteProxy packs each module of pub (published modules, as they are in
// the tree under root) at version into dir, laid out as a GOPROXY:
// <module>/@v/{list,V.info,V.mod,V.zip}. A module with commands is packed
// in its installable form (see Packed). mods is every module of the
// workspace. The results are indexed by module path.
func WriteProxy(dir, root string, mods, pub []Module, version string) (map[string]*Packed, error) {
	p := &packer{dir: dir, root: root, mods: mods, version: version, done: map[string]*Packed{}, byPath: map[string]Module{}}
	for _, m := range pub {
		p.byPath[m.Path] = m
	}
	for _, m := range pub {
		if _, err := p.pack(m, nil); err != nil {
			return nil, err
		}
	}
	return p.done, nil
}

type packer struct {
	dir, root, version string
	mods               []Module
	byPath             map[string]Module // the published modules
	done               map[string]*Packed
}

// pack packs m after the published modules it requires, whose hashes its
// go.sum may need. stack detects a requirement cycle.
func (p *packer) pack(m Module, stack []string) (*Packed, error) {
	if r := p.done[m.Path]; r != nil {
		return r, nil
	}
	if slices.Contains(stack, m.Path) {
		return nil, fmt.Errorf("requirement cycle: %s", strings.Join(append(stack, m.Path), " -> "))
	}
	cmds, err := m.Commands(p.root)
	if err != nil {
		return nil, err
	}
	r := &Packed{Module: m, Version: p.version, Commands: cmds}
	if len(cmds) > 0 {
		if err := p.installable(m, r, stack); err != nil {
			return nil, err
		}
	}
	tmp, err := os.MkdirTemp("", "cors-pack-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	stage := filepath.Join(tmp, "module")
	if err := p.stage(stage, m, r); err != nil {
		return nil, err
	}
	if err := p.write(m.Path, stage, r); err != nil {
		return nil, err
	}
	p.done[m.Path] = r
	return r, nil
}

// stage copies the module m to dir as a module proxy serves it from its
// tag: with the installable go.mod and go.sum when r has them, and with the
// repository's LICENSE when the module has none of its own (the go command
// adds the root LICENSE to a module in a subdirectory).
func (p *packer) stage(dir string, m Module, r *Packed) error {
	src := filepath.Join(p.root, filepath.FromSlash(m.Dir))
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		return err
	}
	files := map[string][]byte{}
	if r.GoMod != nil {
		files["go.mod"], files["go.sum"] = r.GoMod, r.GoSum
	}
	if _, err := os.Stat(filepath.Join(src, "LICENSE")); os.IsNotExist(err) && m.Dir != "." {
		license, err := os.ReadFile(filepath.Join(p.root, "LICENSE"))
		if err == nil {
			files["LICENSE"] = license
		} else if !os.IsNotExist(err) {
			return err
		}
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// installable records in r the installable go.mod and go.sum of m, which
// has commands.
func (p *packer) installable(m Module, r *Packed, stack []string) error {
	src := filepath.Join(p.root, filepath.FromSlash(m.Dir))
	data, err := os.ReadFile(filepath.Join(src, "go.mod"))
	if err != nil {
		return err
	}
	if r.GoMod, err = InstallableGoMod(data, p.mods); err != nil {
		return err
	}
	sum, err := os.ReadFile(filepath.Join(src, "go.sum"))
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	lines := strings.Split(strings.TrimSpace(string(sum)), "\n")
	for _, path := range p.closure(m) {
		dep, ok := p.byPath[path]
		if !ok {
			return fmt.Errorf("%s requires %s, which is not published, so go install of %s@%s cannot work", m.Path, path, m.Path, p.version)
		}
		d, err := p.pack(dep, append(stack, m.Path))
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("%s %s %s", path, p.version, d.ZipHash), fmt.Sprintf("%s %s/go.mod %s", path, p.version, d.ModHash))
	}
	lines = slices.DeleteFunc(lines, func(l string) bool { return l == "" })
	slices.Sort(lines)
	r.GoSum = []byte(strings.Join(slices.Compact(lines), "\n") + "\n")
	return nil
}

// closure lists the workspace modules m requires, directly or through
// other workspace modules, sorted.
func (p *packer) closure(m Module) []string {
	byPath := map[string]Module{}
	for _, w := range p.mods {
		byPath[w.Path] = w
	}
	seen := map[string]bool{}
	var walk func(Module)
	walk = func(x Module) {
		for _, r := range x.File.Require {
			if w, ok := byPath[r.Mod.Path]; ok && !seen[r.Mod.Path] {
				seen[r.Mod.Path] = true
				walk(w)
			}
		}
	}
	walk(m)
	var out []string
	for path := range seen {
		out = append(out, path)
	}
	slices.Sort(out)
	return out
}

// write packs the module in src as path@version into the proxy directory
// and records the hashes in r.
func (p *packer) write(path, src string, r *Packed) error {
	mv := module.Version{Path: path, Version: p.version}
	escPath, err := module.EscapePath(path)
	if err != nil {
		return err
	}
	escVersion, err := module.EscapeVersion(p.version)
	if err != nil {
		return err
	}
	vdir := filepath.Join(p.dir, filepath.FromSlash(escPath), "@v")
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		return err
	}
	goMod, err := os.ReadFile(filepath.Join(src, "go.mod"))
	if err != nil {
		return err
	}
	info, _ := json.Marshal(struct {
		Version string
		Time    time.Time
	}{p.version, time.Now().UTC().Truncate(time.Second)})
	files := map[string][]byte{
		"list":               []byte(p.version + "\n"),
		escVersion + ".info": info,
		escVersion + ".mod":  goMod,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(vdir, name), data, 0o644); err != nil {
			return err
		}
	}
	zipPath := filepath.Join(vdir, escVersion+".zip")
	zf, err := os.Create(zipPath)
	if err != nil {
		return err
	}
	err = modzip.CreateFromDir(zf, mv, src)
	if cerr := zf.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("packing %s: %w", mv, err)
	}
	if r.ZipHash, err = dirhash.HashZip(zipPath, dirhash.Hash1); err != nil {
		return err
	}
	if r.ModHash, err = GoModHash(goMod); err != nil {
		return err
	}
	return nil
}

// GoModHash is the go.sum hash of a go.mod file's content (the
// "PATH VERSION/go.mod h1:…" line).
func GoModHash(data []byte) (string, error) {
	return dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	})
}
