package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"go/types"

	"golang.org/x/exp/apidiff"
	"golang.org/x/mod/semver"
	"golang.org/x/tools/go/packages"

	"github.com/originguard/cors/tools/internal/family"
)

// checkAPI compares the exported API of each published module with its
// release last. Incompatible changes are reported; within one major version
// from v1 on they refuse the release.
func checkAPI(root string, published []family.Module, tags []string, last, version string, out io.Writer) error {
	old, err := os.MkdirTemp("", "cors-release-"+last+"-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(old)
	var incompatible []string
	extracted := false
	for _, m := range published {
		tag := m.TagPrefix() + last
		if !slices.Contains(tags, tag) {
			fmt.Fprintf(out, "api %s: new module (no tag %s)\n", m.Path, tag)
			continue
		}
		if !extracted {
			if err := extract(root, tag, old); err != nil {
				return err
			}
			extracted = true
		}
		oldPkgs, err := loadAPI(old, m.Dir)
		if err != nil {
			return fmt.Errorf("loading %s at %s: %w", m.Path, tag, err)
		}
		newPkgs, err := loadAPI(root, m.Dir)
		if err != nil {
			return fmt.Errorf("loading %s: %w", m.Path, err)
		}
		report := apidiff.ModuleChanges(&apidiff.Module{Path: m.Path, Packages: oldPkgs}, &apidiff.Module{Path: m.Path, Packages: newPkgs})
		var lines []string
		for _, c := range report.Changes {
			kind := "compatible"
			if !c.Compatible {
				kind = "INCOMPATIBLE"
				incompatible = append(incompatible, m.Path+": "+c.Message)
			}
			lines = append(lines, fmt.Sprintf("  %s: %s", kind, c.Message))
		}
		slices.Sort(lines)
		fmt.Fprintf(out, "api %s since %s: %d changes\n", m.Path, tag, len(lines))
		for _, l := range lines {
			fmt.Fprintln(out, l)
		}
	}
	if len(incompatible) == 0 {
		return nil
	}
	if semver.Major(version) == "v0" || semver.Major(version) != semver.Major(last) {
		fmt.Fprintf(out, "%d incompatible API changes since %s: allowed for %s (say so in CHANGELOG.md)\n", len(incompatible), last, version)
		return nil
	}
	return fmt.Errorf("%d incompatible API changes since %s, not allowed within %s:\n  %s",
		len(incompatible), last, semver.Major(version), strings.Join(incompatible, "\n  "))
}

// extract writes the repository's tree at tag into dir.
func extract(root, tag, dir string) error {
	archive := exec.Command("git", "archive", "--format=tar", tag)
	archive.Dir = root
	untar := exec.Command("tar", "-x", "-C", dir)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return err
	}
	untar.Stdin = pipe
	if err := archive.Start(); err != nil {
		return err
	}
	if out, err := untar.CombinedOutput(); err != nil {
		_ = archive.Wait()
		return fmt.Errorf("extracting %s: %v: %s", tag, err, out)
	}
	if err := archive.Wait(); err != nil {
		return fmt.Errorf("git archive %s: %w", tag, err)
	}
	return nil
}

// loadAPI type-checks the importable packages (not commands, not internal
// packages) of the module in directory dir of the tree at root, in that
// tree's workspace: a tagged module with commands requires its siblings at
// the release's version without a replace directive (see CONTRIBUTING.md),
// so only the workspace finds them.
func loadAPI(root, dir string) ([]*types.Package, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes,
		Dir:  filepath.Join(root, filepath.FromSlash(dir)),
		Env:  append(os.Environ(), "GOWORK="+filepath.Join(root, "go.work"), "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		return nil, err
	}
	var out []*types.Package
	for _, p := range pkgs {
		for _, e := range p.Errors {
			return nil, fmt.Errorf("%s: %v", p.PkgPath, e)
		}
		if p.Name == "main" || isInternal(p.PkgPath) {
			continue
		}
		out = append(out, p.Types)
	}
	return out, nil
}

func isInternal(path string) bool {
	return strings.HasSuffix(path, "/internal") || strings.Contains(path, "/internal/")
}
