// Command corscheck tells whether a browser would let a page on one origin
// read a response from a URL, and if not, why in Chromium's words and what to
// change on the server. It sends the preflight a browser would send (when one
// is needed), then the actual request, and judges both with the fetchcheck
// package.
//
// Usage:
//
//	corscheck -origin https://app.example [-method PUT] [-header X-Token:1]...
//	          [-credentials] [-private-network] [-strict] [-json] [-timeout 10s] URL
//	corscheck config FILE   (FILE "-": standard input)
//	corscheck forgery -origin ORIGIN [-json] [-timeout 10s] URL
//
// The config form validates the JSON form of a cors.Config with the checks
// and messages of cors.New. The forgery form sends the form post a page on
// ORIGIN can make a signed-in user's browser send without any CORS
// permission, and says whether the server performed it (exit 1 when it did
// for an origin its CORS answer does not allow).
//
// Exit status: 0 when the browser would allow the request (or the actual
// request was redirected and that hop passed: re-run against the new URL),
// 1 when it would block it, 2 on usage or network errors. See README.md.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
