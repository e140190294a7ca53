package bench

import (
	"fmt"
	"slices"
)

// Example shows the harness at work: it builds our net/http stack for the
// allowed-preflight scenario and prints what a client receives. Every
// benchmark serves its stack exactly like this, on a reused writer.
func Example() {
	i := slices.IndexFunc(scenarios(), func(s scenario) bool { return s.name == "4-preflight-1hdr" })
	sc := scenarios()[i]
	st, err := buildStack(frameworks()[0], libOurs, sc)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := newExchange(st, sc).observe()
	fmt.Println("status", r.status, "app ran:", r.appRan)
	for _, h := range corsHeaders {
		if v := r.corsValue(h); v != "" {
			fmt.Printf("%s: %s\n", h, v)
		}
	}
	// Output:
	// status 204 app ran: false
	// Access-Control-Allow-Origin: https://example.com
	// Access-Control-Allow-Credentials: true
	// Access-Control-Allow-Methods: GET, POST, PUT, DELETE
	// Access-Control-Allow-Headers: authorization, content-type, x-requested-with
	// Access-Control-Max-Age: 600
}
