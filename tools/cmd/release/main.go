// Command release tags a release of the originguard/cors module family.
//
// Every published module (the core and each adapter; see package family)
// is released together under one version. From a clean checkout of main:
//
//	go run ./tools/cmd/release -dry-run v0.2.0   # shows every change and tag, changes nothing
//	go run ./tools/cmd/release v0.2.0
//
// The release refuses a dirty tree, a version that is not vMAJOR.MINOR.PATCH
// (with an optional pre-release), a version not greater than the last
// release and a tag that already exists. It compares the exported API of
// each module with the last release (golang.org/x/exp/apidiff): an
// incompatible change is reported for a v0 release and refused from v1 on.
// It then sets every requirement of one workspace module on another to the
// version, turns CHANGELOG.md's Unreleased section into the version's
// section, runs .ci/run, commits, creates one annotated tag per published
// module with the prefix Go requires for a module in a subdirectory
// (core/v0.2.0, adapters/gin/v0.2.0, …), and prints the push command
// without running it.
//
// A published module with a main package (corscheck, corsmigrate) must be tagged with a
// go.mod without replace directives, or "go install PATH@VERSION" refuses
// it. The tags therefore go on a commit on top of the release commit that
// drops those replace directives and adds the go.sum lines of the sibling
// modules at the version (hashed from the module zips the tool builds with
// package family, as the consumer test does); the branch then moves back
// to the release commit, so it keeps its development go.mod files.
//
// RELEASE_TOOL_TEST_SKIP_CI=1 skips .ci/run. It exists for this tool's own
// tests, which release temporary copies of the repository; never set it
// for a real release.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/mod/semver"

	"github.com/originguard/cors/tools/internal/family"
)

// skipCIEnv names the variable that lets the tool's tests skip .ci/run.
const skipCIEnv = "RELEASE_TOOL_TEST_SKIP_CI"

func main() {
	dryRun := flag.Bool("dry-run", false, "show every change and tag without making them")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: go run ./tools/cmd/release [-dry-run] vX.Y.Z")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := release(".", flag.Arg(0), *dryRun, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "release: refused:", err)
		os.Exit(1)
	}
}

// release runs the whole release of version from the repository containing
// dir, writing what it does to out.
func release(dir, version string, dryRun bool, out io.Writer) error {
	if err := family.CheckReleaseVersion(version); err != nil {
		return err
	}
	root, err := gitOutput(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return err
	}
	if status, err := gitOutput(root, "status", "--porcelain"); err != nil {
		return err
	} else if status != "" {
		return fmt.Errorf("the working tree is not clean; commit or stash first:\n%s", status)
	}
	mods, err := family.Load(root)
	if err != nil {
		return err
	}
	published := family.Published(mods)
	tags, err := gitLines(root, "tag", "--list")
	if err != nil {
		return err
	}
	last, err := checkTags(published, tags, version)
	if err != nil {
		return err
	}
	if last == "" {
		fmt.Fprintf(out, "first release: no earlier tag of a published module, so no API comparison\n")
	} else {
		fmt.Fprintf(out, "last release: %s\n", last)
		if err := checkAPI(root, published, tags, last, version, out); err != nil {
			return err
		}
	}

	forms, err := installableForms(root, version)
	if err != nil {
		return err
	}

	before := family.Requirements(mods)
	changed, err := family.SetVersion(root, mods, version, !dryRun)
	if err != nil {
		return restoreAfter(root, dryRun, err)
	}
	for i, r := range family.Requirements(mods) {
		if before[i].Version == r.Version {
			fmt.Fprintf(out, "%s requires %s %s (unchanged)\n", r.From, r.To, r.Version)
		} else {
			fmt.Fprintf(out, "%s requires %s %s -> %s\n", r.From, r.To, before[i].Version, r.Version)
		}
	}
	fmt.Fprintf(out, "go.mod files rewritten: %d %v\n", len(changed), changed)
	section, err := updateChangelog(root, version, time.Now().UTC(), !dryRun)
	if err != nil {
		return restoreAfter(root, dryRun, err)
	}
	fmt.Fprintf(out, "CHANGELOG.md: Unreleased becomes:\n%s\n", section)
	if err := showInstallable(root, forms, out); err != nil {
		return restoreAfter(root, dryRun, err)
	}

	var tagNames []string
	for _, m := range published {
		tagNames = append(tagNames, m.TagPrefix()+version)
	}
	push := "git push origin HEAD " + strings.Join(tagNames, " ")
	if dryRun {
		fmt.Fprintf(out, "would run .ci/run, commit \"release %s\" on the branch", version)
		if len(forms) > 0 {
			fmt.Fprintf(out, ", commit %q on top of it, create the annotated tags there and move the branch back to \"release %s\" (the tagged commit is reachable through the tags only):\n", installableMessage(version), version)
		} else {
			fmt.Fprintf(out, " and create the annotated tags there:\n")
		}
		for _, t := range tagNames {
			fmt.Fprintf(out, "  %s\n", t)
		}
		fmt.Fprintf(out, "then print the push command:\n  %s\ndry run: nothing was changed\n", push)
		return nil
	}

	if os.Getenv(skipCIEnv) == "1" {
		fmt.Fprintf(out, "WARNING: %s=1: .ci/run skipped (only the release tool's own tests may do this)\n", skipCIEnv)
	} else {
		fmt.Fprintln(out, "running .ci/run")
		ci := exec.Command("bash", filepath.Join(root, ".ci", "run"))
		ci.Dir, ci.Stdout, ci.Stderr = root, out, out
		if err := ci.Run(); err != nil {
			return restoreAfter(root, false, fmt.Errorf(".ci/run failed (%v); the release files were restored", err))
		}
	}
	if _, err := gitOutput(root, "commit", "-q", "-a", "-m", "release "+version); err != nil {
		return restoreAfter(root, false, err)
	}
	if len(forms) > 0 {
		if err := writeInstallable(root, forms); err != nil {
			return restoreAfter(root, false, err)
		}
		if _, err := gitOutput(root, "commit", "-q", "-a", "-m", installableMessage(version)); err != nil {
			return restoreAfter(root, false, err)
		}
		fmt.Fprintf(out, "committed %q on top of \"release %s\" to carry the tags\n", installableMessage(version), version)
	}
	for i, m := range published {
		msg := fmt.Sprintf("%s %s", m.Path, version)
		if _, err := gitOutput(root, "tag", "-a", tagNames[i], "-m", msg); err != nil {
			return err
		}
		fmt.Fprintf(out, "tagged %s\n", tagNames[i])
	}
	if len(forms) > 0 {
		// Back to the development go.mod (with replace) on the branch; the
		// tagged commit stays reachable through the tags.
		if _, err := gitOutput(root, "reset", "-q", "--hard", "HEAD~1"); err != nil {
			return err
		}
		fmt.Fprintf(out, "moved the branch back to \"release %s\": its go.mod files keep their replace directives\n", version)
	}
	fmt.Fprintf(out, "released %s. To publish, run:\n  %s\n", version, push)
	return nil
}

// installableMessage is the message of the tagged commit that drops the
// replace directives of the modules with commands.
func installableMessage(version string) string {
	return "release " + version + ": go.mod of modules with commands without replace, for go install"
}

// checkTags refuses a version whose tag exists for a published module or
// which is not greater than the last release, and returns that last release
// ("" if there is none).
func checkTags(published []family.Module, tags []string, version string) (string, error) {
	exists := map[string]bool{}
	for _, t := range tags {
		exists[t] = true
	}
	last := ""
	for _, m := range published {
		if exists[m.TagPrefix()+version] {
			return "", fmt.Errorf("tag %s already exists", m.TagPrefix()+version)
		}
		for _, t := range tags {
			if v, ok := strings.CutPrefix(t, m.TagPrefix()); ok && semver.IsValid(v) && semver.Compare(v, last) > 0 {
				last = v
			}
		}
	}
	if last != "" && semver.Compare(version, last) <= 0 {
		return "", fmt.Errorf("%s is not greater than the last release %s", version, last)
	}
	return last, nil
}

// restoreAfter puts the tracked files back as they were committed (undoing
// a half-made release) and returns err.
func restoreAfter(root string, dryRun bool, err error) error {
	if !dryRun {
		if _, rerr := gitOutput(root, "checkout", "--", "."); rerr != nil {
			return errors.Join(err, rerr)
		}
	}
	return err
}

func gitOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	outb, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, ee.Stderr)
		}
		return "", fmt.Errorf("git %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(outb)), nil
}

func gitLines(dir string, args ...string) ([]string, error) {
	s, err := gitOutput(dir, args...)
	if err != nil || s == "" {
		return nil, err
	}
	return strings.Split(s, "\n"), nil
}
