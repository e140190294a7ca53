// Package browser is the real-browser conformance suite: every scenario
// runs, through every stack the project supports (net/http, gin, echo v4
// and v5 with e.Use and e.Pre, fiber v2 and v3, chi), in three browser
// engines: Chromium, Firefox and WebKit.
//
// The package has three parts:
//
//   - Pages (StartPages): page servers on 127.0.0.1 whose page runs the
//     fetch() calls Go hands it (a long poll on its own server) and posts
//     back what it could read of each: resolved or rejected, status,
//     readable headers, body, the engine's error text. This needs no
//     WebDriver, so every engine runs the same scenario code.
//   - Engines (Chromium, Firefox, WebKit): each only finds its binary,
//     starts it showing the pages (one profile: shared cookies and caches),
//     adds what only it can say, and stops its process group by its own
//     process id. Chromium is driven over the DevTools protocol by chromedp
//     and adds its CORS error codes (Network.loadingFailed.corsErrorStatus);
//     WebKit adds the console reason it prints; Firefox is judged on what
//     the page and the servers see.
//   - The scenario table (Scenarios, Profile, Origins): what each page asks,
//     which policy the API runs, and what each engine does with it, with the
//     Fetch standard's answer where engines disagree. The table is exported
//     so that other checkers (the Go browser model in corscheck/fetchcheck,
//     the corscheck command) can be held to the engines' verdicts.
//
// The tests (go test) start each engine once per test binary and name their
// subtests TestBrowser/<engine>/<stack>/<scenario>. Without an engine its
// subtest skips with a message; with CORS_BROWSER_REQUIRED=1 it fails
// instead. CORS_BROWSER, CORS_FIREFOX and CORS_WEBKIT pick the binaries
// (for WebKit, MiniBrowser). -short skips them.
package browser
