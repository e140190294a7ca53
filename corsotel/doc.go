// Package corsotel counts the decisions of a CORS policy
// (github.com/originguard/cors/core) as OpenTelemetry metrics, through the
// OpenTelemetry Go metric API (go.opentelemetry.io/otel/metric): any SDK or
// exporter the application configures receives them.
//
// # Instruments
//
//   - cors.decisions (counter, unit {decision}): one per request the policy
//     judges, with the attributes cors.kind (not-cors, actual, preflight),
//     cors.outcome (allowed, denied), cors.reason (the reason code's stable
//     name, such as origin-not-allowed) and, for a policy built with
//     cors.NewScoped, cors.scope (the scope's name, "default" or "none").
//   - cors.report_only.differences (counter, unit {request}): one per request
//     on which the report-only policy (cors.Config.ReportOnly) would have
//     answered differently, with cors.kind and cors.reason, the report-only
//     policy's reason code.
//
// Through OpenTelemetry's Prometheus exporter they appear as
// cors_decisions_total{cors_kind, cors_outcome, cors_reason, cors_scope} and
// cors_report_only_differences_total{cors_kind, cors_reason}.
//
// # Rules of use
//
//   - Build one Metrics per MeterProvider with New and set its Observe
//     method as Config.Observe (or ScopedConfig.Observe) of every policy to
//     count; a Metrics may serve several policies, which then share the
//     counters.
//   - No attribute ever holds a request's origin, host or path: the values
//     come from the reason codes and the configured scope names only, so the
//     number of series is bounded by the configuration, whatever clients send.
//     Read the log records of Config.Logger for the origins.
//   - Counting costs no allocation once an attribute combination has been
//     seen; the first occurrence of each builds its attribute set once.
package corsotel
