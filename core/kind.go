package cors

// Kind classifies a request: see rule preflight-classification in
// docs/behaviour.md.
type Kind uint8

const (
	// NotCORS is a request without an Origin header.
	NotCORS Kind = iota
	// Actual is a CORS request that reaches the application, including an
	// OPTIONS request without Access-Control-Request-Method.
	Actual
	// Preflight is OPTIONS with Origin and Access-Control-Request-Method.
	Preflight
)

// String names the kind: "not-cors", "actual" or "preflight".
func (k Kind) String() string {
	switch k {
	case Actual:
		return "actual"
	case Preflight:
		return "preflight"
	}
	return "not-cors"
}
