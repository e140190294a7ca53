// Package adapter is what a framework adapter needs to apply a
// cors.Policy (github.com/originguard/cors/core): a description of the
// request built line by line (Request), the net/http one (ReadHTTP), the
// header sink the policy writes into (HeaderWriter), and the header
// classification and trailer detection that servers handing over raw field
// lines need (FieldOf, MayCarryTrailers), and a context resolved only when
// needed (LazyContext). Applications do not need it: they
// mount Policy.Handler or one of the adapters.
//
// # Writing an adapter
//
// An adapter, for each request:
//
//  1. describes it: ReadHTTP for a net/http request, or a Request whose
//     Method, Host and Path are set and to which every line of the header
//     section is given with Add (Add keeps the CORS request headers and
//     ignores the rest; never give it trailer fields, see MayCarryTrailers);
//  2. calls cors.Policy.Evaluate with the request's context (a LazyContext
//     where getting it costs work on every request), the Request and the
//     response's header, which Evaluate writes while the request is still in
//     hand (an http.Header, or any HeaderWriter such as fasthttp's
//     *ResponseHeader);
//  3. answers Decision.Status with an empty body when Decision.Respond is
//     set, and otherwise calls the next handler.
//
// The strings of a Request may point into the framework's per-request
// buffers: the policy reads them only during Evaluate and copies what it
// logs; only Decision.Reason.Detail may still point into them afterwards
// (see cors.Reason). A Request is a plain value: declared in the middleware's
// function, it stays on its stack (Evaluate keeps no pointer to it), so an
// adapter allocates nothing for it.
//
// Hold an adapter to the same behaviour as the shipped ones with the
// conformance suite (see the cors package documentation). The adapters in
// this repository, each a few dozen lines, are the examples to copy.
//
// This package follows the module's semantic versioning like the cors
// package.
package adapter
