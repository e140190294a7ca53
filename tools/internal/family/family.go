// Package family finds the modules of the originguard/cors repository and
// the versions they require of one another, and packs the published ones
// into a module proxy directory as their tags will serve them (WriteProxy),
// for the consumer test and the release tool alike.
//
// The modules are the directories listed in the repository's go.work, so a
// new adapter is covered as soon as it joins the workspace. A module is
// published (tagged at each release and installable with go get) unless it
// is one of the repository's own test, benchmark, example or tooling
// modules, listed in Unpublished.
package family

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// Unpublished lists the workspace modules, by directory relative to the
// repository root, that are never tagged or offered to users.
var Unpublished = []string{"bench", "conformance/stacks", "examples", "tools"}

// Module is one module of the workspace.
type Module struct {
	Dir       string // relative to the repository root, slash-separated ("adapters/gin")
	Path      string // module path ("github.com/originguard/cors/adapters/gin")
	Published bool
	File      *modfile.File // the parsed go.mod
}

// TagPrefix is the prefix Go requires for a tag of a module in a
// subdirectory: "adapters/gin/" for tags like "adapters/gin/v0.1.0".
func (m Module) TagPrefix() string { return m.Dir + "/" }

// Load reads go.work at root and the go.mod of every module it uses.
func Load(root string) ([]Module, error) {
	workPath := filepath.Join(root, "go.work")
	data, err := os.ReadFile(workPath)
	if err != nil {
		return nil, err
	}
	work, err := modfile.ParseWork(workPath, data, nil)
	if err != nil {
		return nil, err
	}
	var mods []Module
	for _, use := range work.Use {
		dir := strings.TrimPrefix(filepath.ToSlash(filepath.Clean(use.Path)), "./")
		goModPath := filepath.Join(root, filepath.FromSlash(dir), "go.mod")
		data, err := os.ReadFile(goModPath)
		if err != nil {
			return nil, err
		}
		f, err := modfile.Parse(goModPath, data, nil)
		if err != nil {
			return nil, err
		}
		if f.Module == nil {
			return nil, fmt.Errorf("%s has no module line", goModPath)
		}
		mods = append(mods, Module{
			Dir:       dir,
			Path:      f.Module.Mod.Path,
			Published: !slices.Contains(Unpublished, dir),
			File:      f,
		})
	}
	slices.SortFunc(mods, func(a, b Module) int { return strings.Compare(a.Dir, b.Dir) })
	return mods, nil
}

// Published returns the published modules of mods.
func Published(mods []Module) []Module {
	var out []Module
	for _, m := range mods {
		if m.Published {
			out = append(out, m)
		}
	}
	return out
}

// Requirement is one go.mod line by which a workspace module requires another.
type Requirement struct {
	From, To, Version string // module paths and the required version
}

// Requirements lists every requirement of one workspace module on another.
func Requirements(mods []Module) []Requirement {
	paths := map[string]bool{}
	for _, m := range mods {
		paths[m.Path] = true
	}
	var out []Requirement
	for _, m := range mods {
		for _, r := range m.File.Require {
			if paths[r.Mod.Path] {
				out = append(out, Requirement{From: m.Path, To: r.Mod.Path, Version: r.Mod.Version})
			}
		}
	}
	return out
}

// Version returns the one version at which the workspace modules require
// one another. It is an error if they disagree (the family is released in
// lockstep), if none requires another, or if the version could never be a
// release: v0.0.0 or a pseudo-version.
func Version(mods []Module) (string, error) {
	reqs := Requirements(mods)
	if len(reqs) == 0 {
		return "", fmt.Errorf("no module of go.work requires another one, so there is no family version")
	}
	v := reqs[0].Version
	for _, r := range reqs[1:] {
		if r.Version != v {
			return "", fmt.Errorf("modules are not in lockstep: %s requires %s %s, but %s requires %s %s",
				reqs[0].From, reqs[0].To, v, r.From, r.To, r.Version)
		}
	}
	if err := CheckReleaseVersion(v); err != nil {
		return "", fmt.Errorf("the modules require one another at %s: %v; set every intra-repo requirement to the next release (see CONTRIBUTING.md)", v, err)
	}
	return v, nil
}

// CheckReleaseVersion reports why v cannot be a release version, or nil.
func CheckReleaseVersion(v string) error {
	switch {
	case !semver.IsValid(v) || semver.Canonical(v) != v || semver.Build(v) != "":
		return fmt.Errorf("%q is not a semantic version of the form vMAJOR.MINOR.PATCH[-PRERELEASE]", v)
	case module.IsPseudoVersion(v):
		return fmt.Errorf("%s is a pseudo-version, not a release", v)
	case v == "v0.0.0":
		return fmt.Errorf("v0.0.0 is never published, so no user can download it")
	}
	return nil
}

// SetVersion rewrites, in every module's go.mod under root, each
// requirement on another workspace module to version. It returns the
// go.mod files it changed (relative to root). The parsed files in mods are
// updated either way; the files on disk only when write is true.
func SetVersion(root string, mods []Module, version string, write bool) ([]string, error) {
	var changed []string
	paths := map[string]bool{}
	for _, m := range mods {
		paths[m.Path] = true
	}
	for _, m := range mods {
		dirty := false
		for _, r := range m.File.Require {
			if paths[r.Mod.Path] && r.Mod.Version != version {
				if err := m.File.AddRequire(r.Mod.Path, version); err != nil {
					return nil, err
				}
				dirty = true
			}
		}
		if !dirty {
			continue
		}
		rel := m.Dir + "/go.mod"
		changed = append(changed, rel)
		if !write {
			continue
		}
		m.File.Cleanup()
		data, err := m.File.Format()
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(rel)), data, 0o644); err != nil {
			return nil, err
		}
	}
	return changed, nil
}
