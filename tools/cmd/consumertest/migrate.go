package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/originguard/cors/tools/internal/family"
)

// corsmigratePath is the command the test runs on a sample module.
const corsmigratePath = "github.com/originguard/cors/corsmigrate"

// The sample module's two packages: one on rs/cors, rewritten with
// corsmigrate -fix, and one on go-chi/cors, rewritten with go fix -fixtool.
const (
	sampleRS = `package web

import (
	"net/http"

	"github.com/rs/cors"
)

// Handler serves mux to https://app.example.
func Handler(mux http.Handler) http.Handler {
	return cors.New(cors.Options{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{"GET", "POST", "PUT"},
		MaxAge:         600,
	}).Handler(mux)
}
`
	sampleChi = `package api

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/cors"
)

// Router serves /items to every origin.
func Router() http.Handler {
	r := chi.NewRouter()
	r.Use(cors.Handler(cors.Options{AllowedMethods: []string{"GET", "PUT"}}))
	r.Get("/items", func(w http.ResponseWriter, r *http.Request) {})
	return r
}
`
)

// migrateSample runs the installed corsmigrate on a module outside the
// repository that uses rs/cors and go-chi/cors (at the versions the bench
// module requires): as a go vet tool (it reports both), with -fix -diff
// (it shows the rewrite and changes nothing), with -fix on one package and
// as go fix's -fixtool on the other; then go mod tidy must drop both old
// libraries and the module must build.
func (c *consumer) migrateSample(bin string, mods []family.Module) error {
	peers := map[string]string{"github.com/rs/cors": "", "github.com/go-chi/cors": "", "github.com/go-chi/chi/v5": ""}
	for _, m := range mods {
		if m.Dir == "bench" {
			for _, r := range m.File.Require {
				if _, ok := peers[r.Mod.Path]; ok {
					peers[r.Mod.Path] = r.Mod.Version
				}
			}
		}
	}
	for _, path := range []string{"github.com/rs/cors", "github.com/go-chi/cors", "github.com/go-chi/chi/v5"} {
		if peers[path] == "" {
			return fmt.Errorf("the bench module does not require %s, whose version the sample module takes", path)
		}
		if err := c.goCmd("get", path+"@"+peers[path]); err != nil {
			return err
		}
	}
	if err := c.write("web/web.go", sampleRS); err != nil {
		return err
	}
	// go fix caches a fix tool's result by the package's content, with the
	// absolute file names it saw: the same sample in another directory
	// (an earlier run on this machine) would be "fixed" in that directory.
	// A comment naming this directory makes the content this run's own.
	if err := c.write("api/api.go", sampleChi+"\n// Sample module in "+c.dir+".\n"); err != nil {
		return err
	}
	if err := c.goCmd("build", "./..."); err != nil {
		return err
	}

	out, err := c.goOutput("vet", "-vettool="+bin, "./...")
	if err == nil || !strings.Contains(out, "rs/cors: cors.New(cors.Options{…}).Handler") && !strings.Contains(out, "rs/cors: cors.New(cors.Options{…}) can be migrated") ||
		!strings.Contains(out, "go-chi/cors: cors.Handler(cors.Options{…}) can be migrated to corschi.New") {
		return fmt.Errorf("go vet -vettool=corsmigrate: %v, output %q; want both configurations reported", err, out)
	}
	before, err := os.ReadFile(filepath.Join(c.dir, "web", "web.go"))
	if err != nil {
		return err
	}
	out, _ = c.run(bin, "-fix", "-diff", "./...")
	after, _ := os.ReadFile(filepath.Join(c.dir, "web", "web.go"))
	if !strings.Contains(out, "+\treturn cors.MustNew(cors.Config{") || string(after) != string(before) {
		return fmt.Errorf("corsmigrate -fix -diff printed %q and changed web.go: %v; want the diff and no change", out, string(after) != string(before))
	}
	if out, err := c.run(bin, "-fix", "./web"); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return fmt.Errorf("corsmigrate -fix ./web: %v\n%s", err, out)
		}
	}
	if out, err := c.goOutput("fix", "-fixtool="+bin, "./api"); err != nil {
		return fmt.Errorf("go fix -fixtool=corsmigrate ./api: %v\n%s", err, out)
	}
	if err := c.goCmd("mod", "tidy"); err != nil {
		return err
	}
	if err := c.goCmd("build", "./..."); err != nil {
		return err
	}
	goMod, err := os.ReadFile(filepath.Join(c.dir, "go.mod"))
	if err != nil {
		return err
	}
	for _, path := range []string{"github.com/rs/cors ", "github.com/go-chi/cors ", "github.com/originguard/cors/core ", "github.com/originguard/cors/adapters/chi "} {
		if has := strings.Contains(string(goMod), path); has != strings.HasPrefix(path, "github.com/originguard/") {
			return fmt.Errorf("after corsmigrate and go mod tidy, go.mod requires %s: %v, want the opposite:\n%s", path, has, goMod)
		}
	}
	for _, f := range []string{"web/web.go", "api/api.go"} {
		data, err := os.ReadFile(filepath.Join(c.dir, filepath.FromSlash(f)))
		if err != nil {
			return err
		}
		fmt.Printf("%s after corsmigrate:\n%s", f, indent(data))
	}
	fmt.Println("ok: the installed corsmigrate reports (go vet -vettool), shows (-fix -diff) and rewrites (-fix, go fix -fixtool) rs/cors and go-chi/cors in a module outside the repository, which builds after go mod tidy")
	return nil
}

// goOutput runs the go command in the consumer module and returns its
// combined output, also shown.
func (c *consumer) goOutput(args ...string) (string, error) {
	fmt.Println("$ go", strings.Join(args, " "))
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = c.dir, c.env
	out, err := cmd.CombinedOutput()
	fmt.Print(string(out))
	return string(out), err
}
