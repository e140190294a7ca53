// Package browser is the real-browser conformance suite: Debian's Chromium,
// driven over the DevTools protocol by chromedp, loads pages from one
// 127.0.0.1 origin that call an API on another, through every stack the
// project supports (net/http, gin, echo, fiber, chi).
//
// The package has two halves:
//
//   - A harness (FindChromium, Start, Browser, Page, Call, Outcome) that
//     runs fetch() calls in a page and reports Chromium's own verdict,
//     including the corsErrorStatus of Network.loadingFailed.
//   - The scenario table (Scenarios, Profile, Origins): what each page
//     asks, which policy the API runs, and what Chromium does with it. The
//     table is exported so that other checkers (the Go browser model in
//     corscheck/fetchcheck, the corscheck command) can be held to Chromium's verdicts.
//
// The tests (go test) start one browser per test binary. Without Chromium
// they skip with a message; with CORS_BROWSER_REQUIRED=1 they fail instead.
// CORS_BROWSER=/path/to/chrome picks the binary. -short skips them.
package browser
