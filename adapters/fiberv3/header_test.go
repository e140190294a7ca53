package corsfiber

import (
	"strings"
	"testing"

	"github.com/valyala/fasthttp"
)

// responseHeader sets and adds fields as fasthttp's Set and Add do, and
// turns a line break in a value into a space, as Set does, so that no value
// can start a header line of its own.
func TestResponseHeader(t *testing.T) {
	var h fasthttp.ResponseHeader
	w := (*responseHeader)(&h)
	w.Set("Access-Control-Allow-Origin", "https://a.example")
	w.Set("Access-Control-Allow-Origin", "https://b.example")
	w.Set("Access-Control-Allow-Headers", "x-a\r\nSet-Cookie: a=b")
	w.Add("Vary", "Origin")
	w.Add("Vary", "Access-Control-Request-Method")
	if got := string(h.Peek("Access-Control-Allow-Origin")); got != "https://b.example" {
		t.Errorf("Allow-Origin %q, want the last value set", got)
	}
	if got := string(h.Peek("Access-Control-Allow-Headers")); got != "x-a  Set-Cookie: a=b" {
		t.Errorf("Allow-Headers %q, want the line break turned into spaces", got)
	}
	if got := h.PeekAll("Vary"); len(got) != 2 {
		t.Errorf("Vary lines %q, want both", got)
	}
	if s := h.String(); strings.Contains(s, "\nSet-Cookie") {
		t.Errorf("a value started a header line:\n%s", s)
	}
}
