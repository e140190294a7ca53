package browser

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// corscheck's -json report, the fields compared here.
type corscheckReport struct {
	Verdict   string          `json:"verdict"`
	Allowed   bool            `json:"allowed"`
	Preflight json.RawMessage `json:"preflight"`
	Failure   *struct {
		Error  string `json:"error"`
		Detail string `json:"detail"`
	} `json:"failure"`
	Engines []struct {
		Engine     string `json:"engine"`
		Verdict    string `json:"verdict"`
		FetchError string `json:"fetch_error"`
	} `json:"engines"`
}

var (
	corscheckOnce sync.Once
	corscheckBin  string
	corscheckErr  error
	corscheckDir  string
)

// corscheckBinary builds corscheck once per test binary (it is a
// main package, so it cannot be imported).
func corscheckBinary(t *testing.T) string {
	t.Helper()
	corscheckOnce.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			corscheckErr = err
			return
		}
		corscheckDir, err = os.MkdirTemp("", "corscheck-bin-")
		if err != nil {
			corscheckErr = err
			return
		}
		bin := filepath.Join(corscheckDir, "corscheck")
		out, err := exec.Command(goTool, "build", "-o", bin, "github.com/originguard/cors/corscheck").CombinedOutput()
		if err != nil {
			corscheckErr = errors.New("go build corscheck: " + err.Error() + "\n" + string(out))
			return
		}
		corscheckBin = bin
	})
	if corscheckErr != nil {
		t.Fatal(corscheckErr)
	}
	return corscheckBin
}

// checkCorscheck runs corscheck against the same server for the first step
// of every scenario (later steps depend on the browser's caches, which a
// command-line checker does not have) and asserts that its verdict for the
// engine, and the error the engine's script sees, are the engine's; for
// Chromium, that its verdict, error name and failed parameter are
// Chromium's. It uses its own URL, so the server records of the browser run
// are not disturbed.
func checkCorscheck(t *testing.T, en *Engine, o Origins, results []*result) {
	bin := corscheckBinary(t)
	for _, r := range results {
		t.Run("corscheck/"+r.sc.ID, func(t *testing.T) {
			st, got := r.sc.Steps[0], r.outcomes[0]
			args := []string{"-json", "-origin", o.Of(st.Page), "-method", methodOr(st.Method)}
			for _, h := range st.Headers {
				args = append(args, "-header", h.Name+": "+h.Value)
			}
			if st.Credentials == "include" {
				args = append(args, "-credentials")
			}
			args = append(args, r.sc.BaseOf(r.api.base, 0)+r.sc.PathOf(0)+"?"+r.query+"&corscheck=1")
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(bin, args...)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
				t.Fatalf("corscheck %v: %v\n%s", args, err, stderr.String())
			}
			var rep corscheckReport
			if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
				t.Fatalf("corscheck output: %v\n%s", err, stdout.String())
			}
			if en == Chromium {
				var e, d string
				if rep.Failure != nil {
					e, d = rep.Failure.Error, rep.Failure.Detail
				}
				if rep.Allowed != got.Allowed || e != string(got.CORSError) || d != got.FailedParameter {
					t.Errorf("DISAGREEMENT corscheck says %s %s(%q), Chromium says %s\ncorscheck %v", rep.Verdict, e, d, got, args)
				}
			}
			found := false
			for _, v := range rep.Engines {
				if v.Engine != en.Name {
					continue
				}
				found = true
				if (v.Verdict == "allowed") != got.Allowed || v.FetchError != got.JSError {
					t.Errorf("DISAGREEMENT corscheck says %s %s (%q), %s says %s\ncorscheck %v", en.Name, v.Verdict, v.FetchError, en.Name, got, args)
				}
			}
			if !found {
				t.Errorf("corscheck reports no verdict for %s: %+v", en.Name, rep.Engines)
			}
			if preflighted := len(rep.Preflight) > 0 && string(rep.Preflight) != "null"; preflighted != (r.preflights[0] > 0) {
				t.Errorf("corscheck preflighted=%v, %s sent %d preflights", preflighted, en.Name, r.preflights[0])
			}
		})
	}
}
