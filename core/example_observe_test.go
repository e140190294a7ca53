package cors_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	cors "github.com/originguard/cors/core"
)

// tally counts decisions by kind, outcome and reason, as a metrics library
// would (github.com/originguard/cors/corsotel does it with OpenTelemetry).
type tally map[string]int

func (t tally) Observe(_ context.Context, d cors.Decision) {
	if d.ReportOnly {
		t[fmt.Sprintf("report-only: %s %s", d.Kind, d.Reason.Code)]++
		return
	}
	t[fmt.Sprintf("%s %v %s", d.Kind, d.Allowed, d.Reason.Code)]++
}

// A policy whose decisions are counted, with a report-only candidate that
// would refuse PUT: the answers stay the live policy's, and the Debug
// record names both reason codes.
func ExampleConfig_reportOnly() {
	counts := tally{}
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // for a stable example output
			}
			return a
		},
	}))
	tighter := cors.MustNew(cors.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{"GET"},
	})
	live := cors.MustNew(cors.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{"GET", "PUT"},
		Observe:        counts.Observe,
		Logger:         logger,
		ReportOnly:     tighter,
	})

	h := live.Handler(api())
	send(h, "OPTIONS", "https://app.example", "Access-Control-Request-Method", "PUT")
	send(h, "GET", "https://app.example")
	fmt.Println(counts)
	// Output:
	// level=DEBUG msg="cors: report-only policy would answer differently" kind=preflight method=OPTIONS path=/items origin=https://app.example differs=verdict code=preflight-allowed report_only_code=method-not-allowed reason="preflight allowed" report_only_reason="method not allowed: \"PUT\""
	// 204
	//   Access-Control-Allow-Origin: https://app.example
	//   Access-Control-Allow-Methods: GET, PUT
	//   Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers
	// 200
	//   Access-Control-Allow-Origin: https://app.example
	//   Vary: Origin
	// map[actual true origin-allowed:1 preflight true preflight-allowed:1 report-only: preflight method-not-allowed:1]
}
