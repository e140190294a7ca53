package bench

import (
	"net/http"
	"slices"
	"strings"
)

// corsHeaders are the response headers the behaviour table shows, in order.
var corsHeaders = []string{
	"Access-Control-Allow-Origin",
	"Access-Control-Allow-Credentials",
	"Access-Control-Allow-Methods",
	"Access-Control-Allow-Headers",
	"Access-Control-Max-Age",
	"Access-Control-Expose-Headers",
	"Access-Control-Allow-Private-Network",
}

// observation is one stack's response to one scenario.
type observation struct {
	fw, lib string
	resp    response
}

// observeScenario builds every stack (except the baseline and the
// yardsticks, which are not CORS libraries) and records its response to sc.
func observeScenario(sc scenario) ([]observation, error) {
	var out []observation
	for _, fw := range frameworks() {
		for _, lib := range fw.libs {
			if lib == libNone || lib == libFloor || lib == libMinimal || lib == libNoop {
				continue
			}
			st, err := buildStack(fw, lib, sc)
			if err != nil {
				return nil, err
			}
			out = append(out, observation{fw.name, lib, newExchange(st, sc).observe()})
		}
	}
	return out, nil
}

// corsValue joins the lines of a header, "" when absent.
func (r response) corsValue(name string) string {
	return strings.Join(r.header.Values(name), ", ")
}

// varyTokens returns the Vary tokens, lower-cased and in order of
// appearance, duplicates kept.
func (r response) varyTokens() []string {
	var out []string
	for _, line := range r.header.Values("Vary") {
		for tok := range strings.SplitSeq(line, ",") {
			if tok = strings.TrimSpace(tok); tok != "" {
				out = append(out, strings.ToLower(tok))
			}
		}
	}
	return out
}

// signature is the part of a response that every one of our stacks must
// reproduce exactly.
func (r response) signature() string {
	var b strings.Builder
	b.WriteString(http.StatusText(r.status))
	if r.appRan {
		b.WriteString(" app")
	}
	for _, h := range corsHeaders {
		b.WriteString("|" + r.corsValue(h))
	}
	v := r.varyTokens()
	slices.Sort(v)
	b.WriteString("|" + strings.Join(v, ","))
	return b.String()
}
