package browser_test

import (
	"fmt"
	"log"
	"time"

	"github.com/originguard/cors/conformance/stacks/browser"
)

// The scenario table says what Chromium does; other checkers can be held
// to it.
func ExampleScenarios() {
	for _, sc := range browser.Scenarios() {
		if sc.ID == "denied-header" {
			w := sc.Steps[0].Want
			fmt.Printf("%s: %s %v → %s(%s)\n", sc.Doc, sc.Steps[0].Method, sc.Steps[0].Headers, w.CORSError, w.FailedParameter)
		}
	}
	// Output: header not allowed: PUT [{X-Other 1}] → HeaderDisallowedByPreflightResponse(x-other)
}

// Driving an engine by hand: the pages run fetch() calls for Go and report
// what they could read; the session adds what only the engine says. The
// call goes to a server under test, here one that answers preflights on
// 127.0.0.1:8080 without allowing X-Custom.
//
// This example is compiled, not run: it starts a real browser, which go
// test cannot assume is installed. TestBrowser takes the same steps on
// every engine, skips an engine that is not installed and fails instead
// when CORS_BROWSER_REQUIRED is set (as in CI).
func ExampleEngine() {
	pages, err := browser.StartPages()
	if err != nil {
		log.Fatal(err)
	}
	defer pages.Close()
	path, err := browser.Firefox.Find()
	if err != nil {
		log.Fatal(err) // wraps browser.ErrNoBrowser: skip instead, unless required
	}
	sess, err := browser.Firefox.Launch(path, pages.URLs)
	if err != nil {
		log.Fatal(err)
	}
	defer sess.Close()
	if err := pages.Ready(time.Minute); err != nil {
		log.Fatal(err)
	}
	calls := []browser.Call{{URL: "http://127.0.0.1:8080/api", Method: "PUT",
		Headers: []browser.Header{{Name: "X-Custom", Value: "1"}}}}
	outs, err := pages.Run(browser.PageA, calls)
	if err != nil {
		log.Fatal(err)
	}
	if err := sess.Detail(int(browser.PageA), calls, outs); err != nil {
		log.Fatal(err)
	}
	fmt.Println(outs[0].Allowed, outs[0].JSError) // Firefox: false TypeError: NetworkError when attempting to fetch resource.
}
