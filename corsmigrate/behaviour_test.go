package main

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// libraries are the programs of testdata/behaviour, one package per
// library, each serving its configurations (Servers) on listeners.
var libraries = []string{"rscors", "gincors", "echov4", "echov5", "fiberv2", "fiberv3", "chicors"}

// oldImports are the libraries' import paths; no configuration of
// testdata/behaviour keeps one after corsmigrate -fix.
var oldImports = map[string]string{
	"rscors": `"github.com/rs/cors"`, "gincors": `"github.com/gin-contrib/cors"`,
	"echov4": `middleware.CORS`, "echov5": `middleware.CORS`,
	"fiberv2": `"github.com/gofiber/fiber/v2/middleware/cors"`, "fiberv3": `"github.com/gofiber/fiber/v3/middleware/cors"`,
	"chicors": `"github.com/go-chi/cors"`,
}

// TestBehaviourPreserved builds, for each library, the original program
// and the one corsmigrate -fix makes of it, serves every configuration of
// both, sends both the same requests (allowed and refused origins,
// preflights with allowed and refused methods and headers, with and
// without credentials, no Origin) and asserts that a browser would decide
// every request alike: allowed or blocked, and the same response headers
// exposed to the script.
func TestBehaviourPreserved(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs with the real frameworks; skipped with -short")
	}
	w := newWorkspace(t)
	for _, lib := range libraries {
		src, err := os.ReadFile(filepath.Join("testdata", "behaviour", lib+".go"))
		if err != nil {
			t.Fatal(err)
		}
		w.write(filepath.Join("orig", lib, "app.go"), string(src))
		w.write(filepath.Join("migr", lib, "app.go"), string(src))
	}
	diagnostics := w.corsmigrate("./migr/...")
	t.Logf("corsmigrate ./migr/...:\n%s", diagnostics)
	w.corsmigrate("-fix", "./migr/...")
	for _, lib := range libraries {
		migrated := w.read(filepath.Join("migr", lib, "app.go"))
		if !strings.Contains(migrated, "github.com/originguard/cors/") || strings.Contains(migrated, oldImports[lib]) {
			t.Errorf("%s was not migrated whole:\n%s", lib, migrated)
		}
	}

	var main strings.Builder
	main.WriteString("package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n\t\"sort\"\n\n")
	for _, lib := range libraries {
		fmt.Fprintf(&main, "\torig%s \"example.com/behaviour/orig/%s\"\n\tmigr%s \"example.com/behaviour/migr/%s\"\n", lib, lib, lib, lib)
	}
	main.WriteString(")\n\nfunc main() {\n\tservers := map[string]func(net.Listener) error{}\n")
	for _, lib := range libraries {
		for _, side := range []string{"orig", "migr"} {
			fmt.Fprintf(&main, "\tfor name, serve := range %s%s.Servers {\n\t\tservers[%q+name] = serve\n\t}\n", side, lib, side+"/"+lib+"/")
		}
	}
	main.WriteString(`	var names []string
	for name := range servers {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		go func() { panic(servers[name](ln)) }()
		fmt.Println(name, ln.Addr())
	}
	fmt.Println("ready")
	select {}
}
`)
	w.write("main.go", main.String())
	addrs := w.start("servers")

	client := &http.Client{Timeout: 10 * time.Second}
	compared := 0
	differed := map[string]bool{}
	for name, origAddr := range addrs {
		if !strings.HasPrefix(name, "orig/") {
			continue
		}
		migrName := "migr/" + strings.TrimPrefix(name, "orig/")
		migrAddr, ok := addrs[migrName]
		if !ok {
			t.Errorf("%s has no migrated counterpart", name)
			continue
		}
		for _, rq := range browserRequests() {
			before, err := rq.verdict(client, "http://"+origAddr)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			after, err := rq.verdict(client, "http://"+migrAddr)
			if err != nil {
				t.Fatalf("%s: %v", migrName, err)
			}
			compared++
			config := strings.TrimPrefix(name, "orig/")
			if before == after {
				continue
			}
			if said, ok := expectedDifferences[config]; ok && strings.Contains(diagnostics, said) {
				differed[config] = true
				continue
			}
			t.Errorf("%s, %s:\n  before: %s\n  after:  %s", config, rq, before, after)
		}
	}
	for config, said := range expectedDifferences {
		if !differed[config] {
			t.Errorf("%s: corsmigrate says %q, but no answer differed (or it did not say so)", config, said)
		}
	}
	if compared == 0 {
		t.Fatal("no request was compared")
	}
	t.Logf("%d configurations, %d requests compared on each side", len(addrs)/2, compared)
}

// expectedDifferences are the configurations whose migrated answers
// differ, each with what corsmigrate's diagnostic says about it.
var expectedDifferences = map[string]string{
	"rscors/originfunc": "GET, HEAD and POST always pass now: rs/cors refused those AllowedMethods did not list",
}

// A browserRequest is a request a page could make, as a browser sends it.
type browserRequest struct {
	origin      string // "" for no Origin
	method      string
	headers     []string // non-safelisted request header names, lower case
	credentials bool
}

func (rq browserRequest) String() string {
	return fmt.Sprintf("%s from %q with headers %v, credentials %v", rq.method, rq.origin, rq.headers, rq.credentials)
}

func browserRequests() []browserRequest {
	var out []browserRequest
	for _, creds := range []bool{false, true} {
		out = append(out, browserRequest{method: "GET", credentials: creds})
		for _, origin := range []string{"https://app.example", "https://sub.app.example", "http://localhost:5173", "https://evil.example", "null"} {
			out = append(out, browserRequest{origin: origin, method: "GET", credentials: creds})
			for _, method := range []string{"GET", "PUT", "DELETE", "PATCH"} {
				for _, h := range [][]string{nil, {"content-type"}, {"x-token"}, {"authorization"}, {"x-custom"}, {"content-type", "x-token"}} {
					if method == "GET" && h == nil {
						continue // no preflight
					}
					out = append(out, browserRequest{origin: origin, method: method, headers: h, credentials: creds})
				}
			}
		}
	}
	return out
}

// verdict sends rq to base the way a browser would (a preflight first when
// one is needed) and says what the page would see: "not CORS" with the
// body, "blocked", or "allowed" with the response headers it can read.
func (rq browserRequest) verdict(client *http.Client, base string) (string, error) {
	if rq.origin == "" {
		resp, err := client.Get(base + "/")
		if err != nil {
			return "", err
		}
		resp.Body.Close()
		return fmt.Sprintf("not CORS: status %d", resp.StatusCode), nil
	}
	if rq.method != "GET" || len(rq.headers) > 0 {
		req, _ := http.NewRequest(http.MethodOptions, base+"/", nil)
		req.Header.Set("Origin", rq.origin)
		req.Header.Set("Access-Control-Request-Method", rq.method)
		if len(rq.headers) > 0 {
			req.Header.Set("Access-Control-Request-Headers", strings.Join(rq.headers, ","))
		}
		resp, err := client.Do(req)
		if err != nil {
			return "", err
		}
		resp.Body.Close()
		if reason := rq.preflightFails(resp); reason != "" {
			return "blocked", nil
		}
	}
	req, _ := http.NewRequest(rq.method, base+"/", nil)
	req.Header.Set("Origin", rq.origin)
	for _, h := range rq.headers {
		req.Header.Set(h, "1")
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if !rq.corsCheck(resp.Header) {
		return "blocked", nil
	}
	exposed := list(resp.Header.Values("Access-Control-Expose-Headers"))
	if slices.Contains(exposed, "*") && rq.credentials {
		exposed = slices.DeleteFunc(exposed, func(s string) bool { return s == "*" })
	}
	sort.Strings(exposed)
	return fmt.Sprintf("allowed, status %d, exposes %v", resp.StatusCode, exposed), nil
}

// corsCheck is the Fetch standard's CORS check.
func (rq browserRequest) corsCheck(h http.Header) bool {
	acao := h.Values("Access-Control-Allow-Origin")
	if len(acao) != 1 {
		return false
	}
	if acao[0] == "*" && !rq.credentials {
		return true
	}
	if acao[0] != rq.origin {
		return false
	}
	return !rq.credentials || h.Get("Access-Control-Allow-Credentials") == "true"
}

// preflightFails is the Fetch standard's CORS-preflight fetch: a reason,
// or "" when the preflight lets the request through.
func (rq browserRequest) preflightFails(resp *http.Response) string {
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Sprintf("status %d", resp.StatusCode)
	}
	if !rq.corsCheck(resp.Header) {
		return "CORS check"
	}
	methods := list(resp.Header.Values("Access-Control-Allow-Methods"))
	safelisted := rq.method == "GET" || rq.method == "HEAD" || rq.method == "POST"
	if !safelisted && !slices.Contains(methods, strings.ToUpper(rq.method)) && !(slices.Contains(methods, "*") && !rq.credentials) {
		// Fetch compares the normalised method byte for byte; the
		// methods requested here are already upper case.
		return "method " + rq.method
	}
	allowed := list(resp.Header.Values("Access-Control-Allow-Headers"))
	for _, name := range rq.headers {
		if slices.ContainsFunc(allowed, func(a string) bool { return strings.EqualFold(a, name) }) {
			continue
		}
		if slices.Contains(allowed, "*") && !rq.credentials && name != "authorization" {
			continue
		}
		return "header " + name
	}
	return ""
}

// list splits comma-separated header values, trimmed, without empty items.
func list(values []string) []string {
	var out []string
	for _, v := range values {
		for item := range strings.SplitSeq(v, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

// A workspace is a module outside the repository with the frameworks,
// the peer libraries and our adapters (from this checkout), at the versions
// the bench module requires.
type workspace struct {
	t   *testing.T
	dir string
	env []string
	bin string // corsmigrate, built from this module
}

func newWorkspace(t *testing.T) *workspace {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	w := &workspace{t: t, dir: t.TempDir()}
	w.env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	goMod, err := os.ReadFile(filepath.Join(root, "bench", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goSum, err := os.ReadFile(filepath.Join(root, "bench", "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	mod := strings.Replace(string(goMod), "module github.com/originguard/cors/bench", "module example.com/behaviour", 1)
	mod = strings.ReplaceAll(mod, "=> ../", "=> "+filepath.ToSlash(root)+"/")
	w.write("go.mod", mod)
	w.write("go.sum", string(goSum))
	w.bin = filepath.Join(w.dir, "corsmigrate-bin")
	cmd := exec.Command("go", "build", "-o", w.bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build corsmigrate: %v\n%s", err, out)
	}
	return w
}

func (w *workspace) write(rel, content string) {
	w.t.Helper()
	path := filepath.Join(w.dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

func (w *workspace) read(rel string) string {
	w.t.Helper()
	data, err := os.ReadFile(filepath.Join(w.dir, rel))
	if err != nil {
		w.t.Fatal(err)
	}
	return string(data)
}

// corsmigrate runs the command in the workspace and returns its output;
// its exit status is not an error (diagnostics make it non-zero).
func (w *workspace) corsmigrate(args ...string) string {
	cmd := exec.Command(w.bin, args...)
	cmd.Dir, cmd.Env = w.dir, w.env
	out, _ := cmd.CombinedOutput()
	return string(out)
}

// goCmd runs the go command in the workspace.
func (w *workspace) goCmd(args ...string) {
	w.t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = w.dir, w.env
	if out, err := cmd.CombinedOutput(); err != nil {
		w.t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// start builds the workspace's main package as name, starts it, and
// returns the addresses it prints ("NAME ADDR" lines up to "ready"). The
// program is stopped when the test ends.
func (w *workspace) start(name string) map[string]string {
	w.t.Helper()
	bin := filepath.Join(w.dir, name)
	w.goCmd("build", "-o", bin, ".")
	cmd := exec.Command(bin)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		w.t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	addrs := map[string]string{}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if sc.Text() == "ready" {
			return addrs
		}
		if name, addr, ok := strings.Cut(sc.Text(), " "); ok {
			addrs[name] = addr
		}
	}
	w.t.Fatalf("%s stopped before it was ready: %v", name, sc.Err())
	return nil
}
