package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/originguard/cors/tools/internal/family"
)

// corscheckPath is the command whose installed binary the test runs.
const corscheckPath = "github.com/originguard/cors/corscheck"

// installCommands runs "go install PATH@version" for every main package of
// the packed modules, outside any module and into a fresh GOBIN, as a user
// installs a command, runs the installed corscheck on a valid and an
// invalid configuration, and the installed corsmigrate on a sample module
// (migrateSample).
func installCommands(tmp string, env []string, packed map[string]*family.Packed, version string, mods []family.Module) error {
	var cmds []string
	for _, p := range packed {
		cmds = append(cmds, p.Commands...)
	}
	slices.Sort(cmds)
	if !slices.Contains(cmds, corscheckPath) {
		return fmt.Errorf("no published module has the main package %s; found %q", corscheckPath, cmds)
	}
	// go install PATH@VERSION runs outside any module, and without
	// -mod=mod, as users run it: a go.sum line missing from the installed
	// module is an error then, not something the go command adds.
	gobin := filepath.Join(tmp, "bin")
	c := &consumer{dir: filepath.Join(tmp, "install"), env: append(slices.Clone(env), "GOBIN="+gobin, "GOFLAGS=-trimpath")}
	fmt.Println("\n--- go install, outside any module, into", gobin)
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	for _, cmd := range cmds {
		if err := c.goCmd("install", cmd+"@"+version); err != nil {
			return err
		}
	}
	// go install PATH@VERSION trusts the checksum database, not the
	// installed module's go.sum; building the module on its own, as from a
	// checkout of its tag, is what needs every go.sum line.
	if err := c.buildAlone(filepath.Join(tmp, "modcache"), packed[corscheckPath]); err != nil {
		return err
	}
	bin := filepath.Join(gobin, path.Base(corscheckPath))
	valid := `{"AllowedOrigins": ["https://app.example"], "AllowedMethods": ["GET", "PUT"], "MaxAge": "10m"}`
	if err := c.write("valid.json", valid); err != nil {
		return err
	}
	if err := c.write("invalid.json", `{"AllowedOrigins": ["https://app.example/path"]}`); err != nil {
		return err
	}
	out, err := c.run(bin, "config", "valid.json")
	if err != nil || !strings.Contains(out, "valid.json: valid") {
		return fmt.Errorf("the installed corscheck on a valid configuration: %v, output %q, want exit 0 and \"valid.json: valid\"", err, out)
	}
	out, err = c.run(bin, "config", "invalid.json")
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(out, "invalid.json: invalid") {
		return fmt.Errorf("the installed corscheck on an invalid configuration: %v, output %q, want exit 1 and \"invalid.json: invalid\"", err, out)
	}
	fmt.Println("ok: go install of", strings.Join(cmds, ", "), "at", version, "works, and the installed corscheck validates configurations")

	if !slices.Contains(cmds, corsmigratePath) {
		return fmt.Errorf("no published module has the main package %s; found %q", corsmigratePath, cmds)
	}
	sample, err := newConsumer(filepath.Join(tmp, "migrate-sample"), env, goDirective(mods))
	if err != nil {
		return err
	}
	return sample.migrateSample(filepath.Join(gobin, path.Base(corsmigratePath)), mods)
}

// buildAlone copies the module p, as go install downloaded it, out of the
// module cache and builds it there with GOFLAGS=-mod=readonly and no
// workspace: the go.sum published with it must be complete.
func (c *consumer) buildAlone(modcache string, p *family.Packed) error {
	src := filepath.Join(modcache, filepath.FromSlash(p.Module.Path)+"@"+p.Version)
	dir := filepath.Join(filepath.Dir(c.dir), "checkout-"+path.Base(p.Module.Path))
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		return err
	}
	b := &consumer{dir: dir, env: append(slices.Clone(c.env), "GOFLAGS=-mod=readonly")}
	fmt.Println("\n--- the installed module on its own, as a checkout of its tag:", dir)
	return b.goCmd("build", "./...")
}

// run runs an installed program in the consumer directory, showing it and
// its output.
func (c *consumer) run(bin string, args ...string) (string, error) {
	fmt.Println("$", filepath.Base(bin), strings.Join(args, " "))
	cmd := exec.Command(bin, args...)
	cmd.Dir = c.dir
	out, err := cmd.CombinedOutput()
	fmt.Print(string(out))
	return string(out), err
}

// indent prefixes each line of data with four spaces.
func indent(data []byte) string {
	var b strings.Builder
	for line := range strings.Lines(string(data)) {
		b.WriteString("    " + line)
	}
	return b.String()
}
