// Command consumertest installs the repository's modules the way a user
// meets them and builds the README's programs against them.
//
// It packs every published module of the tree (see package family) at the
// version its siblings require into a temporary file-based module proxy,
// creates a module outside the repository, runs the README's "go get"
// lines there with GOWORK=off, GOFLAGS=-mod=mod and no replace directive,
// builds and vets every "package main" program of the README, and runs the
// net/http one on a loopback port for a preflight, an actual request and a
// request from a disallowed origin. A module with a main package (corscheck)
// is packed as the release tool tags it, with no replace directive (see
// family.WriteProxy); the test runs "go install PATH@VERSION" for each such
// command outside any module, builds the installed module on its own with
// -mod=readonly (its go.sum must be complete), runs the installed
// corscheck on a valid and an invalid configuration, and runs the installed
// corsmigrate on a sample module that uses rs/cors and go-chi/cors (as a
// vet tool, with -fix -diff, with -fix and as go fix's -fixtool), which
// must build after go mod tidy. A program using corsotel with the
// OpenTelemetry SDK is built and run in a module of its own and must count
// a refused request. Last, it builds a toy net/http adapter
// (testdata/toyadapter) in a module of its own against the packed
// conformance kit, checks that the kit brings no module besides the core's,
// runs the kit on it with go test, and runs it on a broken middleware
// (one that reflects every origin), which must fail. Any failure exits
// with status 1.
//
// Usage, from the repository root:
//
//	go run ./tools/cmd/consumertest [-version vX.Y.Z] [-keep]
//
// -version packs the modules at another version than the one they require
// of each other (to see what a user would meet if the tree were tagged so);
// -keep leaves the temporary directory in place for inspection.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/originguard/cors/tools/internal/family"
)

func main() {
	root := flag.String("root", ".", "repository root (holds go.work and README.md)")
	version := flag.String("version", "", "pack the modules at this `version` instead of the one they require of each other")
	keep := flag.Bool("keep", false, "keep the temporary directory")
	flag.Parse()
	if err := run(*root, *version, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "consumertest: FAIL:", err)
		os.Exit(1)
	}
	fmt.Println("consumertest: PASS")
}

func run(root, version string, keep bool) error {
	root, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	mods, err := family.Load(root)
	if err != nil {
		return err
	}
	if version == "" {
		if version, err = family.Version(mods); err != nil {
			return err
		}
	} else if err := family.CheckReleaseVersion(version); err != nil {
		return err
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		return err
	}
	programs := readmePrograms(string(readme))
	gets := readmeGoGets(string(readme))
	if len(programs) == 0 || len(gets) == 0 {
		return fmt.Errorf("README.md has %d package main programs and %d go get lines; want both", len(programs), len(gets))
	}

	tmp, err := os.MkdirTemp("", "cors-consumer-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("temporary directory:", tmp)
	} else {
		defer removeAll(tmp)
	}
	proxyDir := filepath.Join(tmp, "proxy")
	packed, err := family.WriteProxy(proxyDir, root, mods, family.Published(mods), version)
	if err != nil {
		return err
	}
	for _, m := range family.Published(mods) {
		fmt.Printf("packed %s@%s from %s\n", m.Path, version, m.Dir)
		if p := packed[m.Path]; len(p.Commands) > 0 {
			fmt.Printf("  with the go.mod and go.sum go install needs (no replace directive):\n%s%s", indent(p.GoMod), indent(p.GoSum))
		}
	}

	env, err := consumerEnv(tmp, proxyDir)
	if err != nil {
		return err
	}
	// One fresh module per program, as a user of one framework meets it:
	// go get the README's line for what the program imports, nothing else.
	covered := map[string]bool{}
	for i, p := range programs {
		c, err := newConsumer(filepath.Join(tmp, fmt.Sprintf("consumer%d-%s", i+1, p.name)), env, goDirective(mods))
		if err != nil {
			return err
		}
		for _, g := range gets {
			if strings.Contains(p.source, `"`+g+`"`) {
				covered[g] = true
				if err := c.goCmd("get", g); err != nil {
					return err
				}
			}
		}
		if err := c.write("main.go", p.source); err != nil {
			return err
		}
		for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"list", "-m", "github.com/originguard/cors/..."}} {
			if err := c.goCmd(args...); err != nil {
				return err
			}
		}
		if p.name == "nethttp" {
			if err := c.runNetHTTP(p.source); err != nil {
				return fmt.Errorf("running the README's net/http program: %w", err)
			}
			covered["nethttp"] = true
		}
	}
	if err := useCorsotel(tmp, env, mods); err != nil {
		return err
	}
	if err := installCommands(tmp, env, packed, version, mods); err != nil {
		return err
	}
	if err := runToyAdapter(tmp, env, mods, version); err != nil {
		return err
	}
	if !covered["nethttp"] {
		return fmt.Errorf("README.md has no net/http program (one importing the core and no adapter)")
	}
	for _, g := range gets {
		if covered[g] {
			continue
		}
		c, err := newConsumer(filepath.Join(tmp, "consumer-get-"+strings.ReplaceAll(g, "/", "_")), env, goDirective(mods))
		if err != nil {
			return err
		}
		if err := c.goCmd("get", g); err != nil {
			return err
		}
	}
	return nil
}

// goDirective is the go line of the first published module, which the
// consumer module uses too.
func goDirective(mods []family.Module) string {
	for _, m := range family.Published(mods) {
		if m.File.Go != nil {
			return m.File.Go.Version
		}
	}
	return "1.25.0"
}

// consumer is a module outside the repository that uses the packed modules.
type consumer struct {
	dir string
	env []string
}

// consumerEnv is the environment of the consumer modules: no workspace, no
// replace, go.mod updated as needed, and the packed modules first in GOPROXY.
func consumerEnv(tmp, proxyDir string) ([]string, error) {
	out, err := exec.Command("go", "env", "GOPROXY", "GOMODCACHE").Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %w", err)
	}
	lines := strings.Fields(string(out))
	if len(lines) != 2 {
		return nil, fmt.Errorf("go env GOPROXY GOMODCACHE printed %q", out)
	}
	// The packed modules come first; then modules already downloaded on
	// this machine (the module cache's download directory is laid out as a
	// proxy) to spare the network; then the usual proxies, without
	// "direct": go get also asks for every prefix of a module path
	// (github.com/originguard/cors, …), and a version-control host is no
	// part of what this test checks. A fresh module cache keeps earlier
	// runs' copies of our modules out of the way.
	proxies := []string{"file://" + filepath.ToSlash(proxyDir), "file://" + filepath.ToSlash(filepath.Join(lines[1], "cache", "download"))}
	for p := range strings.FieldsFuncSeq(lines[0], func(r rune) bool { return r == ',' || r == '|' }) {
		if p != "direct" && p != "off" {
			proxies = append(proxies, p)
		}
	}
	proxy := strings.Join(proxies, ",")
	env := []string{
		"GOWORK=off",
		"GOFLAGS=-mod=mod -trimpath",
		"GOPROXY=" + proxy,
		"GONOSUMDB=github.com/originguard/cors",
		"GOMODCACHE=" + filepath.Join(tmp, "modcache"),
	}
	fmt.Println("consumer environment:")
	for _, e := range env {
		fmt.Println("  " + e)
	}
	return append(withoutGoVars(os.Environ()), env...), nil
}

func newConsumer(dir string, env []string, goVersion string) (*consumer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	c := &consumer{dir: dir, env: env}
	fmt.Println("\n--- consumer module", dir)
	return c, c.write("go.mod", "module example.com/consumer\n\ngo "+goVersion+"\n")
}

// withoutGoVars drops the variables the consumer sets itself.
func withoutGoVars(env []string) []string {
	var out []string
	for _, kv := range env {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "GOWORK", "GOFLAGS", "GOPROXY", "GONOSUMDB", "GONOPROXY", "GOPRIVATE", "GOMODCACHE":
		default:
			out = append(out, kv)
		}
	}
	return out
}

func (c *consumer) write(rel, content string) error {
	path := filepath.Join(c.dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}

// goCmd runs the go command in the consumer module, showing it and its output.
func (c *consumer) goCmd(args ...string) error {
	fmt.Println("$ go", strings.Join(args, " "))
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = c.dir, c.env
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stdout
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return nil
}

// removeAll deletes the temporary directory, including the read-only
// module cache inside it.
func removeAll(dir string) {
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = os.Chmod(path, 0o755)
		}
		return nil
	})
	_ = os.RemoveAll(dir)
}
