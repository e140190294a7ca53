// Package fetchcheck is a model of the checks a browser applies to CORS
// responses, written from the WHATWG Fetch standard (CORS-preflight fetch,
// CORS check, main fetch) and the Private Network Access draft, with
// Chromium's error names and console texts.
//
// It answers, for a request described the way a script wrote it: does the
// browser send a preflight (NeedsPreflight), what exactly does that preflight
// carry (PreflightHeaders), does the preflight response let the request
// through (CheckPreflight), may the script read the actual response
// (CheckActual), which response headers are readable (ExposedHeaders,
// CanRead) and how long the preflight result is cached (MaxAge,
// Model.PreflightCacheSeconds).
//
// The package does no I/O. Responses are given as a status and an
// http.Header; header names are looked up case-insensitively and each field
// line is trimmed of leading and trailing spaces and tabs, as an HTTP parser
// does. Several lines of one header are combined with ", " before they are
// judged (Fetch "get"), so two Access-Control-Allow-Origin lines fail even when
// they are equal.
//
// Comments cite the standard as Fetch#anchor, meaning
// https://fetch.spec.whatwg.org/#anchor, and the rules of the repository's
// docs/behaviour.md by name.
//
// # Spec and the engines
//
// The package-level functions follow the Fetch standard (the Spec model).
// The engine models (Chromium, Firefox, WebKit) reproduce what the
// repository's browser suite measures in each engine. Their verdicts differ
// from the standard in one place that matters for servers: all three still
// let Access-Control-Allow-Headers: * cover Authorization on uncredentialed
// requests (Chromium logs a deprecation warning), where the standard
// requires Authorization to be listed by name; compare Spec with an engine
// to tell "works in browsers today" from "correct". The engines differ from
// one another outside the verdict: how long and for which requests a
// preflight is reused (PreflightCacheSeconds, ReusesPreflight), whether
// cookies go with a cross-site request (SendsCrossSiteCookies), and what a
// refused fetch() says (FetchError).
//
// Where the standard does not name a failure, Result.Error uses the name of
// Chromium's network::mojom::CorsError (the value DevTools reports as
// corsErrorStatus.corsError), Result.Detail is Chromium's failedParameter and
// Result.Message is the console text that follows "has been blocked by CORS
// policy: " for a fetch() call. When several rules fail, the one Chromium
// reports is returned: redirect, then the CORS check on Access-Control-Allow-Origin
// and -Credentials, then the status, then Private Network Access, then the
// syntax of Access-Control-Allow-Methods and -Headers, then the method, then
// the first refused header name in sorted order.
//
// # Deliberate approximations
//
//   - Chromium tells an invalid Access-Control-Allow-Origin value
//     (InvalidAllowOriginValue) from a different origin (AllowOriginMismatch)
//     with its URL parser; this package uses a simpler test (a scheme, and a
//     host for the special schemes). Both fail the request either way.
//   - The target address space of a Private Network Access failure is always
//     called "private" in Message.
//   - Header entries are judged one by one, as the Fetch standard's header
//     list holds them; two Headers.append calls for one name are two entries
//     (for the 128-byte and 1024-byte rules), not one combined value.
//   - Chromium has long safelisted some client hints set by script (DPR,
//     Width, Viewport-Width, Device-Memory, Save-Data with well-formed
//     values); the standard does not, and neither does this package. Whether
//     current Chromium still does was not verified.
//   - The use-CORS-preflight flag (XHR upload listeners, streaming bodies) is
//     not modelled; set Request.Headers or Method to force a preflight.
package fetchcheck
