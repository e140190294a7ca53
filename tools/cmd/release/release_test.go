package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"

	"github.com/originguard/cors/tools/internal/family"
)

// repoCopy copies the repository's files (tracked and untracked, not
// ignored) into a new git repository with one commit, and sets up what a
// release there needs: a git identity and no .ci/run.
func repoCopy(t *testing.T) string {
	t.Helper()
	t.Setenv(skipCIEnv, "1")
	for _, k := range []string{"GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"} {
		t.Setenv(k, "release test")
	}
	for _, k := range []string{"GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"} {
		t.Setenv(k, "release-test@example.invalid")
	}
	src, err := gitOutput(".", "rev-parse", "--show-toplevel")
	if err != nil {
		t.Fatal(err)
	}
	files, err := gitOutput(src, "ls-files", "-co", "--exclude-standard")
	if err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	for name := range strings.Lines(files) {
		name = strings.TrimSpace(name)
		data, err := os.ReadFile(filepath.Join(src, name))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dst, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	git(t, dst, "init", "-q")
	git(t, dst, "add", "-A")
	git(t, dst, "commit", "-q", "-m", "copy")
	return dst
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := gitOutput(dir, args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// runRelease runs the tool in dir and returns its output.
func runRelease(t *testing.T, dir, version string, dryRun bool) (string, error) {
	t.Helper()
	var out strings.Builder
	err := release(dir, version, dryRun, &out)
	return out.String(), err
}

func mustRelease(t *testing.T, dir, version string) string {
	t.Helper()
	out, err := runRelease(t, dir, version, false)
	if err != nil {
		t.Fatalf("release %s: %v\n%s", version, err, out)
	}
	return out
}

// addChange commits a changelog entry and, when file is not empty, writes
// content to it, so that the next release has something to say.
func addChange(t *testing.T, dir, file, content string) {
	t.Helper()
	path := filepath.Join(dir, "CHANGELOG.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), unreleasedHeading+"\n", unreleasedHeading+"\n\n### Added\n\n- a change\n", 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if file != "" {
		if content == "" {
			err = os.Remove(filepath.Join(dir, file))
		} else {
			err = os.WriteFile(filepath.Join(dir, file), []byte(content), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "change")
}

func published(t *testing.T, dir string) []family.Module {
	t.Helper()
	mods, err := family.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return family.Published(mods)
}

func TestReleaseRewritesRequirementsAndTagsEveryPublishedModule(t *testing.T) {
	dir := repoCopy(t)
	out := mustRelease(t, dir, "v0.7.0")

	mods, err := family.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := family.Version(mods); v != "v0.7.0" || err != nil {
		t.Errorf("after the release the modules require one another at %q (%v), want v0.7.0", v, err)
	}
	for _, m := range family.Published(mods) {
		tag := m.TagPrefix() + "v0.7.0"
		if kind := git(t, dir, "cat-file", "-t", tag); kind != "tag" {
			t.Errorf("%s is a %q, want an annotated tag", tag, kind)
		}
		if !strings.Contains(out, " "+tag) {
			t.Errorf("the output does not show %s:\n%s", tag, out)
		}
	}
	for _, m := range mods {
		data, _ := os.ReadFile(filepath.Join(dir, m.Dir, "go.mod"))
		if strings.Contains(string(data), " v0.7.0") && !strings.Contains(string(data), "=> ../") {
			t.Errorf("%s requires v0.7.0 but lost its replace directives:\n%s", m.Dir, data)
		}
	}
	checkInstallableTag(t, dir, "v0.7.0")
	if status := git(t, dir, "status", "--porcelain"); status != "" {
		t.Errorf("the release left the tree dirty:\n%s", status)
	}
	if msg := git(t, dir, "log", "-1", "--format=%s"); msg != "release v0.7.0" {
		t.Errorf("last commit %q, want %q", msg, "release v0.7.0")
	}
	changelog, _ := os.ReadFile(filepath.Join(dir, "CHANGELOG.md"))
	if !strings.Contains(string(changelog), unreleasedHeading+"\n\n## [0.7.0] - ") {
		t.Errorf("CHANGELOG.md has no 0.7.0 section under an empty Unreleased one:\n%s", changelog)
	}
	if !strings.Contains(out, "git push origin HEAD ") || !strings.Contains(out, "core/v0.7.0") {
		t.Errorf("no push command printed:\n%s", out)
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	dir := repoCopy(t)
	head := git(t, dir, "rev-parse", "HEAD")
	out, err := runRelease(t, dir, "v0.7.0", true)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if status := git(t, dir, "status", "--porcelain"); status != "" {
		t.Errorf("the dry run changed files:\n%s", status)
	}
	if tags := git(t, dir, "tag", "--list"); tags != "" || git(t, dir, "rev-parse", "HEAD") != head {
		t.Errorf("the dry run made tags %q or a commit", tags)
	}
	for _, m := range published(t, dir) {
		if !strings.Contains(out, "  "+m.TagPrefix()+"v0.7.0\n") {
			t.Errorf("the dry run does not show the tag %sv0.7.0:\n%s", m.TagPrefix(), out)
		}
	}
	for _, want := range []string{"requires github.com/originguard/cors/core v0.1.0 -> v0.7.0", "## [0.7.0] - ", "dry run: nothing was changed",
		"corscheck/go.mod: - replace github.com/originguard/cors/core => ../core\n",
		"corscheck/go.sum: + github.com/originguard/cors/core v0.7.0 h1:",
		"corscheck/go.sum: + github.com/originguard/cors/core v0.7.0/go.mod h1:",
		"corsmigrate/go.mod: - replace github.com/originguard/cors/core => ../core\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the dry run does not show %q:\n%s", want, out)
		}
	}
}

func TestReleaseRefusals(t *testing.T) {
	dir := repoCopy(t)
	mustRelease(t, dir, "v0.7.0")
	addChange(t, dir, "", "")
	git(t, dir, "tag", "-a", "adapters/gin/v0.9.0", "-m", "stray")

	for _, tc := range []struct {
		version, wantErr string
	}{
		{"0.8.0", "not a semantic version"},
		{"v0.8", "not a semantic version"},
		{"v0.8.0+build", "not a semantic version"},
		{"v0.0.0", "never published"},
		{"v0.7.0", "already exists"},
		{"v0.6.9", "not greater than the last release v0.9.0"},
		{"v0.9.0", "tag adapters/gin/v0.9.0 already exists"},
	} {
		out, err := runRelease(t, dir, tc.version, false)
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("release %s: error %v, want one saying %q\n%s", tc.version, err, tc.wantErr, out)
		}
	}

	if err := os.WriteFile(filepath.Join(dir, "stray.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runRelease(t, dir, "v0.10.0", true); err == nil || !strings.Contains(err.Error(), "not clean") {
		t.Errorf("release in a dirty tree: error %v, want one saying the tree is not clean", err)
	}
	os.Remove(filepath.Join(dir, "stray.txt"))

	empty := strings.Replace(string(must(os.ReadFile(filepath.Join(dir, "CHANGELOG.md")))), "### Added\n\n- a change\n", "", 1)
	if err := os.WriteFile(filepath.Join(dir, "CHANGELOG.md"), []byte(empty), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, dir, "commit", "-q", "-am", "empty changelog")
	if _, err := runRelease(t, dir, "v0.10.0", false); err == nil || !strings.Contains(err.Error(), "Unreleased section is empty") {
		t.Errorf("release with an empty Unreleased section: error %v", err)
	}
	if status := git(t, dir, "status", "--porcelain"); status != "" {
		t.Errorf("a refused release left changes:\n%s", status)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestAPICheck removes an exported function of the core between releases:
// reported for v0, refused within v1.
func TestAPICheck(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks every published module twice per release")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("the go command is needed:", err)
	}
	const probe = "core/release_tool_probe.go"
	dir := repoCopy(t)
	addChange(t, dir, probe, "package cors\n\n// ReleaseToolProbe exists for the release tool's test.\nfunc ReleaseToolProbe() {}\n")
	mustRelease(t, dir, "v0.7.0")

	addChange(t, dir, probe, "")
	out := mustRelease(t, dir, "v0.8.0")
	if !strings.Contains(out, "INCOMPATIBLE: ReleaseToolProbe: removed") || !strings.Contains(out, "allowed for v0.8.0") {
		t.Errorf("v0 release: the removal is not reported as an allowed incompatible change:\n%s", out)
	}

	addChange(t, dir, probe, "package cors\n\n// ReleaseToolProbe exists for the release tool's test.\nfunc ReleaseToolProbe() {}\n")
	mustRelease(t, dir, "v1.0.0")
	addChange(t, dir, probe, "")
	out, err := runRelease(t, dir, "v1.1.0", false)
	if err == nil || !strings.Contains(err.Error(), "ReleaseToolProbe: removed") {
		t.Errorf("v1 release with a removed function: error %v, want a refusal naming it\n%s", err, out)
	}
	if tags := git(t, dir, "tag", "--list", "core/v1.1.0"); tags != "" {
		t.Errorf("a refused release created %s", tags)
	}
}

// checkInstallableTag checks the commit the release of version tagged:
// each module with a command (corscheck, corsmigrate) has a go.mod without
// replace and a go.sum with the core's hashes as a module proxy computes
// them from the core's tag; the tagged commit differs from the branch's
// release commit in those files only, and the branch keeps the development
// go.mod files.
func checkInstallableTag(t *testing.T, dir, version string) {
	t.Helper()
	tag := "corscheck/" + version

	// The hashes a proxy computes from the core's tag (git archive of core/ at it).
	var zipBuf bytes.Buffer
	core := module.Version{Path: "github.com/originguard/cors/core", Version: version}
	if err := modzip.CreateFromVCS(&zipBuf, core, dir, "core/"+version, "core"); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(t.TempDir(), "core.zip")
	if err := os.WriteFile(zipPath, zipBuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	zipHash, err := dirhash.HashZip(zipPath, dirhash.Hash1)
	if err != nil {
		t.Fatal(err)
	}
	modHash, err := family.GoModHash([]byte(git(t, dir, "show", "core/"+version+":core/go.mod") + "\n"))
	if err != nil {
		t.Fatal(err)
	}

	var changed []string
	for _, m := range published(t, dir) {
		if cmds, err := m.Commands(dir); err != nil || len(cmds) == 0 {
			continue
		}
		changed = append(changed, m.Dir+"/go.mod", m.Dir+"/go.sum")
		goMod := git(t, dir, "show", tag+":"+m.Dir+"/go.mod")
		f, err := modfile.Parse("go.mod", []byte(goMod), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Replace) != 0 {
			t.Errorf("%s: %s/go.mod has replace directives, which go install refuses:\n%s", tag, m.Dir, goMod)
		}
		if !strings.Contains(goMod, "github.com/originguard/cors/core "+version) {
			t.Errorf("%s: %s/go.mod does not require the core at %s:\n%s", tag, m.Dir, version, goMod)
		}
		goSum := git(t, dir, "show", tag+":"+m.Dir+"/go.sum")
		for _, want := range []string{core.Path + " " + version + " " + zipHash, core.Path + " " + version + "/go.mod " + modHash} {
			if !slices.Contains(strings.Split(goSum, "\n"), want) {
				t.Errorf("%s: %s/go.sum lacks %q:\n%s", tag, m.Dir, want, goSum)
			}
		}
		devMod, err := os.ReadFile(filepath.Join(dir, m.Dir, "go.mod"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(devMod), "replace github.com/originguard/cors/core => ../core") {
			t.Errorf("after the release the branch's %s/go.mod lost its replace:\n%s", m.Dir, devMod)
		}
	}
	if !slices.Contains(changed, "corscheck/go.mod") {
		t.Fatalf("no command module found besides %q", changed)
	}

	if parent := git(t, dir, "rev-parse", tag+"^{commit}~1"); parent != git(t, dir, "rev-parse", "HEAD") {
		t.Errorf("the tagged commit's parent is %s, want the branch's release commit", parent)
	}
	slices.Sort(changed)
	if diff := git(t, dir, "diff", "--name-only", "HEAD", tag); diff != strings.Join(changed, "\n") {
		t.Errorf("the tagged commit differs from the branch in %q, want %q only", diff, changed)
	}
	for _, m := range published(t, dir) {
		if got := git(t, dir, "rev-parse", m.TagPrefix()+version+"^{commit}"); got != git(t, dir, "rev-parse", tag+"^{commit}") {
			t.Errorf("%s%s is not on the same commit as %s", m.TagPrefix(), version, tag)
		}
	}
}
