package adapter

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// FieldOf matches names ASCII case-insensitively and never by Unicode case
// folding, as net/http reads them.
func TestFieldOfIsASCIIOnly(t *testing.T) {
	for name, want := range map[string]Field{
		"Origin": Origin, "oRIGIN": Origin, "access-control-request-method": RequestMethod,
		"ACCESS-CONTROL-REQUEST-HEADERS": RequestHeaders, "Access-Control-Request-Private-Network": RequestPrivateNetwork,
		"Acce\u017fs-Control-Request-Method": Other, "Access-Control-Request-Private-Networ\u212a": Other,
		"Or\u0131gin": Other, "Access-Control-Request-": Other, "Access-Control-Request-Methods": Other,
		"Origin ": Other, "X-Origin": Other, "": Other,
	} {
		if got := FieldOf(name); got != want {
			t.Errorf("FieldOf(%q) = %d, want %d", name, got, want)
		}
	}
}

// Add keeps every line of the CORS request headers, in order, and nothing
// else; Lines hands them back.
func TestAddKeepsEveryLine(t *testing.T) {
	var r Request
	for _, l := range [][2]string{
		{"origin", "https://a.example"}, {"Acce\u017fs-Control-Request-Method", "PUT"}, {"X-Other", "1"},
		{"ACCESS-CONTROL-REQUEST-HEADERS", "x-a"}, {"Access-Control-Request-Headers", ""}, {"access-control-request-headers", "x-b, x-c"},
		{"Origin" + strings.Repeat("-", 64), "https://b.example"}, // as long as Origin, modulo 64
	} {
		r.Add(l[0], l[1])
	}
	for f, want := range map[Field][]string{
		Origin: {"https://a.example"}, RequestMethod: nil, RequestHeaders: {"x-a", "", "x-b, x-c"},
		RequestPrivateNetwork: nil, Other: nil, RequestPrivateNetwork + 1: nil,
	} {
		if got := r.Lines(f); !slices.Equal(got, want) {
			t.Errorf("Lines(%d) = %q, want %q", f, got, want)
		}
	}
}

// A Request built line by line stays on its builder's stack, also when a
// header repeats only up to its first line.
func TestAddDoesNotAllocate(t *testing.T) {
	n := testing.AllocsPerRun(100, func() {
		var r Request
		r.Add("Origin", "https://a.example")
		r.Add("Access-Control-Request-Headers", "x-a")
		if len(r.Lines(Origin)) != 1 {
			panic("lost a line")
		}
	})
	if n != 0 {
		t.Errorf("%v allocs", n)
	}
}

// FromHTTP reads the preflight headers only for OPTIONS, tolerates a
// request without URL, and never writes into the header map's slices.
func TestFromHTTP(t *testing.T) {
	hr := httptest.NewRequest(http.MethodOptions, "http://api.example:8080/a%2Fb?q=1", nil)
	hr.Header["Origin"] = []string{"https://a.example"}
	hr.Header["Access-Control-Request-Method"] = []string{"PUT"}
	acrh := make([]string, 1, 4)
	acrh[0] = "x-a"
	hr.Header["Access-Control-Request-Headers"] = acrh
	r := FromHTTP(hr)
	if r.Method != "OPTIONS" || r.Host != "api.example:8080" || r.Path != "/a/b" || r.RawPath != "/a%2Fb" ||
		r.Lines(RequestMethod)[0] != "PUT" || !slices.Equal(r.Lines(RequestHeaders), []string{"x-a"}) {
		t.Errorf("FromHTTP: %+v", r)
	}
	r.Add("Access-Control-Request-Headers", "x-b")
	if got := acrh[:2][1]; got != "" || len(r.Lines(RequestHeaders)) != 2 {
		t.Errorf("Add wrote %q into the header map's slice", got)
	}
	hr.Method, hr.URL = http.MethodGet, nil
	r = FromHTTP(hr)
	if r.Path != "" || r.Lines(Origin)[0] != "https://a.example" || r.Lines(RequestMethod) != nil {
		t.Errorf("FromHTTP of a GET without URL: %+v", r)
	}
}

// ReadHTTP on a Request that described another request replaces all of
// it: no line, count, path or pending lookup of the other one remains.
func TestReadHTTPReplaces(t *testing.T) {
	var r Request
	r.Add("Origin", "https://a.example")
	r.Add("Access-Control-Request-Headers", "x-a")
	r.Add("Access-Control-Request-Headers", "x-b") // a second line, kept apart
	r.ReadHTTP(httptest.NewRequest(http.MethodOptions, "http://api.example/p", nil))
	r.ReadHTTP(httptest.NewRequest(http.MethodGet, "http://b.example/", nil))
	if r.Method != "GET" || r.Host != "b.example" || r.Path != "/" {
		t.Errorf("ReadHTTP kept %+v", r)
	}
	for f := Origin; f <= SecFetchSite; f++ {
		if got := r.Lines(f); got != nil {
			t.Errorf("field %d kept lines %q", f, got)
		}
	}
	r.Add("Access-Control-Request-Headers", "x-c")
	r.Add("Access-Control-Request-Headers", "x-d")
	if got := r.Lines(RequestHeaders); !slices.Equal(got, []string{"x-c", "x-d"}) {
		t.Errorf("lines added after ReadHTTP = %q", got)
	}
	hr := httptest.NewRequest(http.MethodGet, "http://b.example/", nil)
	hr.URL = nil
	r.ReadHTTP(hr)
	if r.Path != "" || r.RawPath != "" {
		t.Errorf("ReadHTTP without URL kept the path %q %q", r.Path, r.RawPath)
	}
}

// FromHTTP leaves some fields to be looked up on first use: they read as if
// read at once, repeated lines included, also when Add comes first, and
// only for the methods that use them.
func TestFromHTTPReadsOnFirstUse(t *testing.T) {
	hr := httptest.NewRequest(http.MethodOptions, "http://api.example/", nil)
	hr.Header["Origin"] = []string{"https://a.example"}
	hr.Header["Access-Control-Request-Method"] = []string{"PUT"}
	hr.Header["Access-Control-Request-Headers"] = []string{"x-a", "x-b"}
	hr.Header["Sec-Fetch-Site"] = []string{"cross-site"}
	r := FromHTTP(hr)
	r.Add("Access-Control-Request-Headers", "x-c") // before any Lines
	if got := r.Lines(RequestHeaders); !slices.Equal(got, []string{"x-a", "x-b", "x-c"}) {
		t.Errorf("OPTIONS request headers = %q", got)
	}
	if got := r.Lines(RequestPrivateNetwork); got != nil {
		t.Errorf("absent private-network lines = %q", got)
	}
	if got := r.Lines(SecFetchSite); got != nil {
		t.Errorf("OPTIONS read Sec-Fetch-Site: %q", got)
	}

	hr.Method = http.MethodPost
	hr.Header["Sec-Fetch-Site"] = []string{"cross-site", "same-origin"}
	r = FromHTTP(hr)
	if got := r.Lines(SecFetchSite); !slices.Equal(got, []string{"cross-site", "same-origin"}) {
		t.Errorf("POST Sec-Fetch-Site = %q", got)
	}
	if got := r.Lines(RequestHeaders); got != nil {
		t.Errorf("POST read the request headers: %q", got)
	}

	hr.Method = http.MethodGet
	if r = FromHTTP(hr); r.Lines(SecFetchSite) != nil || r.Lines(RequestMethod) != nil {
		t.Errorf("GET read Sec-Fetch-Site or the request method")
	}
}
