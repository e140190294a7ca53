package fetchcheck_test

import (
	"fmt"
	"net/http"

	"github.com/originguard/cors/corscheck/fetchcheck"
)

func ExampleCheckPreflight() {
	r := fetchcheck.Request{
		Origin:  "https://app.example",
		Method:  "PUT",
		Headers: []fetchcheck.Header{{Name: "X-Token", Value: "1"}},
	}
	fmt.Println(fetchcheck.NeedsPreflight(r), fetchcheck.PreflightHeaders(r).Get("Access-Control-Request-Headers"))
	res := fetchcheck.CheckPreflight(r, fetchcheck.Response{Status: 204, Header: http.Header{
		"Access-Control-Allow-Origin":  {"https://app.example"},
		"Access-Control-Allow-Methods": {"GET, PUT"},
	}})
	fmt.Println(res.Error)
	fmt.Println(res.Message)
	fmt.Println(res.Fix)
	// Output:
	// true x-token
	// HeaderDisallowedByPreflightResponse
	// Request header field x-token is not allowed by Access-Control-Allow-Headers in preflight response.
	// add `x-token` to Access-Control-Allow-Headers
}

func ExampleCheckActual() {
	r := fetchcheck.Request{Origin: "https://app.example", Credentials: true}
	res := fetchcheck.CheckActual(r, fetchcheck.Response{Status: 200, Header: http.Header{
		"Access-Control-Allow-Origin":      {"https://app.example"},
		"Access-Control-Allow-Credentials": {"True"},
	}})
	fmt.Println(res.OK, res.Error, res.Detail)
	// Output: false InvalidAllowCredentials True
}

func ExampleModel() {
	r := fetchcheck.Request{
		Origin:  "https://app.example",
		Method:  "GET",
		Headers: []fetchcheck.Header{{Name: "Authorization", Value: "Bearer t"}},
	}
	resp := fetchcheck.Response{Status: 204, Header: http.Header{
		"Access-Control-Allow-Origin":  {"*"},
		"Access-Control-Allow-Headers": {"*"},
	}}
	fmt.Println("spec:", fetchcheck.Spec.CheckPreflight(r, resp).OK)
	fmt.Println("chromium:", fetchcheck.Chromium.CheckPreflight(r, resp).OK)
	// Output:
	// spec: false
	// chromium: true
}

func ExampleExposedHeaders() {
	r := fetchcheck.Request{Origin: "https://app.example"}
	names, all := fetchcheck.ExposedHeaders(r, fetchcheck.Response{Status: 200, Header: http.Header{
		"Access-Control-Expose-Headers": {"ETag, X-Request-Id"},
	}})
	fmt.Println(names, all)
	// Output: [etag x-request-id] false
}

func ExampleMaxAge() {
	s, ok := fetchcheck.MaxAge(fetchcheck.Response{Header: http.Header{"Access-Control-Max-Age": {"600"}}})
	fmt.Println(s, ok)
	_, ok = fetchcheck.MaxAge(fetchcheck.Response{Header: http.Header{"Access-Control-Max-Age": {"-1"}}})
	fmt.Println(ok, fetchcheck.DefaultMaxAge)
	// Output:
	// 600 true
	// false 5
}

func ExampleNormalizeMethod() {
	fmt.Println(fetchcheck.NormalizeMethod("delete"), fetchcheck.NormalizeMethod("patch"))
	// Output: DELETE patch
}
