package family

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes files (slash-separated paths) under a new directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func tree(adapterWants, exampleWants string) map[string]string {
	return map[string]string{
		"go.work":     "go 1.25.0\n\nuse (\n\t./core\n\t./adapters/x\n\t./examples\n)\n",
		"core/go.mod": "module example.com/fam/core\n\ngo 1.25.0\n",
		"adapters/x/go.mod": "module example.com/fam/adapters/x\n\ngo 1.25.0\n\nrequire example.com/fam/core " + adapterWants +
			"\n\nreplace example.com/fam/core => ../../core\n",
		"examples/go.mod": "module example.com/fam/examples\n\ngo 1.25.0\n\nrequire (\n\texample.com/fam/adapters/x " + exampleWants +
			"\n\texample.com/fam/core " + exampleWants + "\n)\n",
	}
}

func TestLoadFindsModulesAndPublishedOnes(t *testing.T) {
	mods, err := Load(writeTree(t, tree("v0.1.0", "v0.1.0")))
	if err != nil {
		t.Fatal(err)
	}
	var dirs, published []string
	for _, m := range mods {
		dirs = append(dirs, m.Dir)
	}
	for _, m := range Published(mods) {
		published = append(published, m.Dir+"="+m.TagPrefix())
	}
	if got, want := strings.Join(dirs, " "), "adapters/x core examples"; got != want {
		t.Errorf("modules %q, want %q", got, want)
	}
	if got, want := strings.Join(published, " "), "adapters/x=adapters/x/ core=core/"; got != want {
		t.Errorf("published %q, want %q", got, want)
	}
	if n := len(Requirements(mods)); n != 3 {
		t.Errorf("%d intra-repo requirements, want 3", n)
	}
}

func TestVersion(t *testing.T) {
	for _, tc := range []struct {
		adapter, examples string
		want, wantErr     string
	}{
		{adapter: "v0.1.0", examples: "v0.1.0", want: "v0.1.0"},
		{adapter: "v0.0.0", examples: "v0.0.0", wantErr: "v0.0.0 is never published"},
		{adapter: "v0.1.0", examples: "v0.2.0", wantErr: "not in lockstep"},
		{adapter: "v0.0.0-20240101000000-abcdefabcdef", examples: "v0.0.0-20240101000000-abcdefabcdef", wantErr: "pseudo-version"},
	} {
		mods, err := Load(writeTree(t, tree(tc.adapter, tc.examples)))
		if err != nil {
			t.Fatal(err)
		}
		got, err := Version(mods)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s/%s: error %v, want one saying %q", tc.adapter, tc.examples, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s/%s: %q, %v; want %q", tc.adapter, tc.examples, got, err, tc.want)
		}
	}
}

func TestCheckReleaseVersion(t *testing.T) {
	for v, ok := range map[string]bool{
		"v0.1.0": true, "v1.2.3": true, "v1.0.0-rc.1": true,
		"0.1.0": false, "v0.1": false, "v1.0.0+meta": false, "v0.0.0": false, "latest": false,
	} {
		if err := CheckReleaseVersion(v); (err == nil) != ok {
			t.Errorf("CheckReleaseVersion(%q) = %v, want ok=%v", v, err, ok)
		}
	}
}

func TestSetVersionRewritesEveryIntraRepoRequirement(t *testing.T) {
	root := writeTree(t, tree("v0.1.0", "v0.1.0"))
	mods, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	changed, err := SetVersion(root, mods, "v0.2.0", false)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(changed, " "); got != "adapters/x/go.mod examples/go.mod" {
		t.Errorf("dry run would change %q", got)
	}
	data, _ := os.ReadFile(filepath.Join(root, "examples", "go.mod"))
	if strings.Contains(string(data), "v0.2.0") {
		t.Fatalf("a dry run wrote examples/go.mod:\n%s", data)
	}
	mods, _ = Load(root)
	if _, err := SetVersion(root, mods, "v0.2.0", true); err != nil {
		t.Fatal(err)
	}
	mods, _ = Load(root)
	if v, err := Version(mods); v != "v0.2.0" || err != nil {
		t.Errorf("after SetVersion the family version is %q, %v; want v0.2.0", v, err)
	}
	data, _ = os.ReadFile(filepath.Join(root, "adapters", "x", "go.mod"))
	if !strings.Contains(string(data), "replace example.com/fam/core => ../../core") {
		t.Errorf("the replace directive is gone:\n%s", data)
	}
}

func TestCommandsFindsMainPackagesOutsideTestdataAndNestedModules(t *testing.T) {
	root := writeTree(t, map[string]string{
		"cli/go.mod":                   "module example.com/fam/cli\n\ngo 1.25.0\n",
		"cli/main.go":                  "package main\n\nfunc main() {}\n",
		"cli/lib/lib.go":               "package lib\n",
		"cli/tool/main.go":             "package main\n\nfunc main() {}\n",
		"cli/gen.go":                   "//go:build ignore\n\npackage main\n",
		"cli/testdata/prog/main.go":    "package main\n",
		"cli/nested/go.mod":            "module example.com/fam/cli/nested\n",
		"cli/nested/main.go":           "package main\n",
		"lib/go.mod":                   "module example.com/fam/lib\n\ngo 1.25.0\n",
		"lib/lib.go":                   "package lib\n",
		"lib/internal/x/x.go":          "package x\n",
		"cli/lib/lib_external_test.go": "package lib_test\n",
	})
	for dir, want := range map[string]string{
		"cli": "example.com/fam/cli example.com/fam/cli/tool",
		"lib": "",
	} {
		cmds, err := Module{Dir: dir, Path: "example.com/fam/" + dir}.Commands(root)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(cmds, " "); got != want {
			t.Errorf("%s: commands %q, want %q", dir, got, want)
		}
	}
}

func TestInstallableGoModDropsOnlyWorkspaceReplaces(t *testing.T) {
	mods, err := Load(writeTree(t, tree("v0.1.0", "v0.1.0")))
	if err != nil {
		t.Fatal(err)
	}
	goMod := "module example.com/fam/cli\n\ngo 1.25.0\n\nrequire example.com/fam/core v0.1.0\n\nreplace example.com/fam/core => ../core\n"
	got, err := InstallableGoMod([]byte(goMod), mods)
	if err != nil {
		t.Fatal(err)
	}
	if want := "module example.com/fam/cli\n\ngo 1.25.0\n\nrequire example.com/fam/core v0.1.0\n"; string(got) != want {
		t.Errorf("installable go.mod:\n%s\nwant:\n%s", got, want)
	}
	for _, extra := range []string{"replace golang.org/x/net => ../net\n", "exclude golang.org/x/net v0.1.0\n"} {
		if _, err := InstallableGoMod([]byte(goMod+extra), mods); err == nil || !strings.Contains(err.Error(), "go install") {
			t.Errorf("with %q: error %v, want one saying go install would refuse the module", extra, err)
		}
	}
}
