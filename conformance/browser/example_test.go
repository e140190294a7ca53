package browser_test

import (
	"fmt"
	"log"

	"github.com/originguard/cors/conformance/browser"
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

// Driving Chromium by hand: one page, one fetch, Chromium's verdict.
func ExampleStart() {
	path, err := browser.FindChromium()
	if err != nil {
		log.Fatal(err) // browser.ErrNoBrowser: skip instead, unless required
	}
	b, err := browser.Start(path)
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()
	page, err := b.NewPage("http://127.0.0.1:8081/")
	if err != nil {
		log.Fatal(err)
	}
	defer page.Close()
	out, err := page.Fetch(browser.Call{URL: "http://127.0.0.1:8080/api", Method: "PUT",
		Headers: []browser.Header{{Name: "X-Custom", Value: "1"}}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.Allowed, out.CORSError, out.FailedParameter)
}
