package adapter

import "context"

// LazyContext is a context.Context standing for a request's context that
// an adapter cannot get for free, such as fiber's user context, which is
// looked up, and stored when absent, on every call. Pass it to
// cors.Policy.Evaluate as ctx: the policy calls Resolve only when a log
// record, an observer or a report-only comparison needs the request's
// context, and hands on what Resolve returns, never the LazyContext, so
// that what it hands on stays valid after the request. Its own
// context.Context methods should call Resolve too.
type LazyContext interface {
	context.Context
	Resolve() context.Context
}
