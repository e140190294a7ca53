package browser

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Firefox is Debian's firefox-esr, headless, with a fresh profile. It is
// judged on what the page and the servers see. CORS_FIREFOX picks the
// binary.
var Firefox = &Engine{
	Name:     "firefox",
	Env:      "CORS_FIREFOX",
	Binaries: []string{"firefox-esr", "firefox"},
	Install:  "apt-get install firefox-esr",
	Launch:   launchFirefox,
}

// WebKit is WebKitGTK's MiniBrowser, with a fresh data directory, on a
// virtual X display (xvfb-run). It is judged on what the page and the
// servers see, plus the console reason it prints for each refused fetch.
// CORS_WEBKIT picks the MiniBrowser binary.
var WebKit = &Engine{
	Name: "webkit",
	Env:  "CORS_WEBKIT",
	Binaries: []string{"/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
		"/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "MiniBrowser"},
	Needs:   []string{"xvfb-run", "xauth", "stdbuf"},
	Install: "apt-get install libwebkit2gtk-4.1-0 xvfb xauth",
	Launch:  launchWebKit,
}

// firefoxPrefs keep a fresh profile quiet: no first-run pages, no
// telemetry, no update or default-browser checks. Nothing here touches
// CORS, cookies or caches: the engine runs with its shipped defaults.
const firefoxPrefs = `user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("browser.aboutwelcome.enabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("app.update.disabledForTesting", true);
user_pref("browser.region.network.url", "");
user_pref("network.connectivity-service.enabled", false);
user_pref("network.captive-portal-service.enabled", false);
`

func launchFirefox(path string, pageURLs []string) (Session, error) {
	dir, err := os.MkdirTemp("", "cors-firefox-")
	if err != nil {
		return nil, err
	}
	profile := filepath.Join(dir, "profile")
	if err := os.Mkdir(profile, 0o700); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(firefoxPrefs), 0o600); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	args := append([]string{"--headless", "--no-remote", "--profile", profile}, pageURLs...)
	s, err := startProcess(path, args, dir)
	if err != nil {
		return nil, err
	}
	out, _ := exec.Command(path, "--version").Output() // "Mozilla Firefox 153.8.0esr"
	s.version = "Firefox " + strings.TrimSpace(strings.TrimPrefix(string(out), "Mozilla Firefox "))
	return s, nil
}

func launchWebKit(path string, pageURLs []string) (Session, error) {
	xvfb, err := exec.LookPath("xvfb-run")
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "cors-webkit-")
	if err != nil {
		return nil, err
	}
	// -n: where -a starts looking for a free display; spread, so that
	// suites running at the same time rarely race for one.
	display := strconv.Itoa(100 + os.Getpid()%20000)
	// stdbuf -oL: MiniBrowser prints console messages with stdio, which
	// holds them back until exit when stdout is a pipe.
	args := append([]string{"-a", "-n", display, "stdbuf", "-oL", path,
		"--enable-write-console-messages-to-stdout=true"}, pageURLs...)
	s, err := startProcess(xvfb, args, dir)
	if err != nil {
		return nil, err
	}
	s.version = "WebKitGTK " + webkitVersion(xvfb, path)
	s.reasons = true
	return s, nil
}

// webkitVersion asks MiniBrowser for its WebKitGTK version.
func webkitVersion(xvfb, path string) string {
	out, err := exec.Command(xvfb, "-a", "-n", strconv.Itoa(20100+os.Getpid()%20000), path, "--version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(out)), "WebKitGTK"))
}

// processSession is a browser run as a process group of its own, so that
// Close stops it and every child it started (content processes, Xvfb) by
// the group's id.
type processSession struct {
	cmd     *exec.Cmd
	keep    *os.File // the write end of the group's lifeline
	dir     string
	version string
	exited  chan struct{}
	reasons bool // the browser prints a console reason for each CORS refusal

	mu      sync.Mutex
	console []string // lines the browser printed
	used    map[string]int
}

// startProcess runs path with args in a new process group, with HOME and
// the XDG directories inside dir (removed by Close), and collects its
// output.
func startProcess(path string, args []string, dir string) (*processSession, error) {
	s := &processSession{dir: dir, exited: make(chan struct{}), used: map[string]int{}}
	// A shell leads the group: it starts the browser, then waits for EOF
	// on fd 3, whose write end only this process holds. If the test binary
	// dies without Close (killed, timed out), the shell reads EOF and
	// stops the whole group, Xvfb and content processes included.
	alive, keep, err := os.Pipe()
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	defer alive.Close()
	s.keep = keep
	cmd := exec.Command("/bin/sh", append([]string{"-c", `"$@" & read -r _ <&3; kill -TERM 0`, "sh", path}, args...)...)
	cmd.ExtraFiles = []*os.File{alive}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir+"/config",
		"XDG_CACHE_HOME="+dir+"/cache", "XDG_DATA_HOME="+dir+"/data", "TMPDIR="+dir)
	r, w := io.Pipe()
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		_ = keep.Close()
		_ = os.RemoveAll(dir)
		return nil, err
	}
	s.cmd = cmd
	go func() {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			s.mu.Lock()
			s.console = append(s.console, sc.Text())
			s.mu.Unlock()
		}
		_, _ = io.Copy(io.Discard, r)
	}()
	go func() {
		_ = cmd.Wait()
		_ = w.Close()
		close(s.exited)
	}()
	return s, nil
}

func (s *processSession) Version() string { return s.version }

// Output is what the browser printed so far, for failure messages.
func (s *processSession) Output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.console, "\n")
}

// consolePrefix starts the line WebKit prints for a fetch refused on CORS;
// the line before it gives the reason ("CONSOLE SECURITY ERROR Origin … is
// not allowed by Access-Control-Allow-Origin. Status code: 200").
const consolePrefix = "CONSOLE JS ERROR Fetch API cannot load "

// Detail adds WebKit's console reason to each refused call (Firefox prints
// none: its outcomes stay as the page saw them). The line may come a little
// after the page's report, so it waits for it briefly.
func (s *processSession) Detail(_ int, calls []Call, outs []Outcome) error {
	if !s.reasons {
		return nil
	}
	deadline := time.Now().Add(time.Second)
	for i, c := range calls {
		if outs[i].Allowed {
			continue
		}
		for {
			if line, ok := s.consoleFor(c.URL); ok {
				outs[i].Console = line
				break
			}
			if time.Now().After(deadline) {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return nil
}

// consoleFor returns the reason line of the next refusal of url printed and
// not yet used.
func (s *processSession) consoleFor(url string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.used[url]
	for i, l := range s.console {
		if !strings.HasPrefix(l, consolePrefix+url+" ") {
			continue
		}
		if n > 0 {
			n--
			continue
		}
		s.used[url]++
		reason := l
		if i > 0 && strings.HasPrefix(s.console[i-1], "CONSOLE SECURITY ERROR ") {
			reason = s.console[i-1] + " | " + l
		}
		return reason, true
	}
	return "", false
}

// Close sends SIGTERM to the browser's process group, then SIGKILL to
// whatever of the group is left after a grace period, waits until the
// group is gone, and removes the temporary directory.
func (s *processSession) Close() error {
	pgid := s.cmd.Process.Pid // Setpgid: the group id is the leader's pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
	}
	err := stopGroup(pgid)
	_ = s.keep.Close()
	<-s.exited
	if rerr := os.RemoveAll(s.dir); err == nil {
		err = rerr
	}
	return err
}

// stopGroup kills what is left of process group pgid and waits until no
// process of it is running.
func stopGroup(pgid int) error {
	for deadline := time.Now().Add(10 * time.Second); groupAlive(pgid); {
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		if time.Now().After(deadline) {
			return fmt.Errorf("process group %d still alive after SIGKILL", pgid)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil
}

// groupAlive reports whether a process of group pgid is still running
// (zombies waiting for their parent to reap them do not count): it reads
// the state and group fields of /proc/<pid>/stat.
func groupAlive(pgid int) bool {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...; comm may contain spaces.
		i := strings.LastIndexByte(string(b), ')')
		if i < 0 {
			continue
		}
		fields := strings.Fields(string(b[i+1:]))
		if len(fields) >= 3 && fields[0] != "Z" && fields[2] == strconv.Itoa(pgid) {
			return true
		}
	}
	return false
}
