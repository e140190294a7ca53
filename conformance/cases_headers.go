package conformance

import "strings"

// headerCases: Access-Control-Request-Headers and Access-Control-Allow-Headers.
func headerCases() []testCase {
	const s = "request-headers"
	// The method is one the policy allows, so that only headers decide.
	method := func(p namedPolicy) string {
		if strings.Contains(p.acam, "PUT") || p.acam == "*" {
			return "PUT"
		}
		return "POST"
	}
	ok := func(name, why string, p namedPolicy, acrh string, names ...string) testCase {
		return newCase(s, name, why, p, preflightFor(oApp, method(p), acrh), p.preflightOK(oApp), preflightPasses(oApp, method(p), names...))
	}
	no := func(name, why string, p namedPolicy, acrh string, names ...string) testCase {
		return newCase(s, name, why, p, preflightFor(oApp, method(p), acrh), p.refused(oApp), preflightFails(oApp, method(p), names...))
	}
	// lines sends ACRH as several field lines, all of them allowed; the
	// verdict is that of the browser request with the same names.
	lines := func(name, why string, p namedPolicy, acrhLines []string, names ...string) testCase {
		r := preflightFor(oApp, "PUT", "")
		for _, l := range acrhLines {
			r.lines = append(r.lines, withHeader(hACRH, l))
		}
		want := p.preflightOK(oApp)
		return newCase(s, name, why, p, r, want, preflightPasses(oApp, "PUT", names...))
	}
	return []testCase{
		ok("one-listed", "acrh-tolerant-bounded, allow-headers: a listed name is allowed; ACAH is the configured list", pList, "x-custom", "X-Custom"),
		ok("content-type-json", "preflight-triggers: Content-Type with an unsafe value is listed in ACRH and must be allowed", pList, "content-type", "Content-Type"),
		ok("browser-form-two", "acrh-tolerant-bounded: the browser form: lower case, sorted, joined by a bare comma", pList, "content-type,x-custom", "Content-Type", "X-Custom"),
		ok("browser-form-three", "acrh-tolerant-bounded, allow-headers: every listed name is covered", pList, "content-type,x-custom,x-requested-with", "Content-Type", "X-Custom", "X-Requested-With"),
		ok("upper-case", "acrh-tolerant-bounded, header-names-case-insensitive: names compare case-insensitively", pList, "X-Custom", "X-Custom"),
		ok("mixed-case", "header-names-case-insensitive: names compare case-insensitively", pList, "CONTENT-TYPE,x-CUSTOM", "Content-Type", "X-Custom"),
		ok("spaces", "acrh-tolerant-bounded: optional whitespace around commas is accepted", pList, "x-custom, content-type", "X-Custom", "Content-Type"),
		ok("tabs", "acrh-tolerant-bounded: tabs are optional whitespace", pList, "\tx-custom\t,\tcontent-type", "X-Custom", "Content-Type"),
		ok("empty-elements", "acrh-tolerant-bounded, browser-response-parsing: empty elements are skipped", pList, ",x-custom,,content-type,", "X-Custom", "Content-Type"),
		ok("duplicates", "acrh-tolerant-bounded: duplicates are accepted", pList, "x-custom,x-custom,X-CUSTOM", "X-Custom"),
		ok("unsorted", "acrh-tolerant-bounded: any order is accepted", pList, "x-requested-with,content-type,x-custom", "X-Custom", "Content-Type", "X-Requested-With"),
		ok("only-commas", "acrh-tolerant-bounded: a list of only empty elements asks for nothing", pList, ", ,"),
		lines("two-lines", "acrh-tolerant-bounded: ACRH split over two lines is one list", pList, []string{"x-custom", "content-type"}, "X-Custom", "Content-Type"),
		lines("three-lines-with-empty", "acrh-tolerant-bounded: several lines including an empty one", pList, []string{"x-custom", "", "x-requested-with"}, "X-Custom", "X-Requested-With"),
		no("unlisted", "allow-headers: an unlisted name is refused; ACAH is the allowed list, never the refused name", pList, "x-other", "X-Other"),
		no("one-of-two-unlisted", "allow-headers: one uncovered name fails the whole preflight", pList, "x-custom,x-other", "X-Custom", "X-Other"),
		no("authorization-unlisted", "authorization-explicit: Authorization must be listed", pList, "authorization", "Authorization"),
		no("client-hint", "preflight-triggers: script-set client hints are ordinary unsafe headers", pList, "dpr,width", "DPR", "Width"),
		newCase(s, "forbidden-name", "header-config: a forbidden request header name is never allowed (browsers never ask for it)",
			pList, preflightFor(oApp, "PUT", "cookie"), pList.refused(oApp), nil),
		newCase(s, "malformed-element", "acrh-tolerant-bounded, browser-response-parsing: an element that is not a token refuses the preflight; ACAH is the static list",
			pList, preflightFor(oApp, "PUT", "x-custom,header name"), pList.refused(oApp), nil),
		newCase(s, "malformed-colon", "acrh-tolerant-bounded: a name with a colon is malformed",
			pList, preflightFor(oApp, "PUT", "x-custom:1"), pList.refused(oApp), nil),
		newCase(s, "too-many-lines", "acrh-tolerant-bounded: past the line bound the preflight is refused at once",
			pList, manyACRH(33, "x-custom"), pList.refused(oApp), nil),
		newCase(s, "too-long", "acrh-tolerant-bounded: past the byte bound the preflight is refused at once",
			pList, preflightFor(oApp, "PUT", strings.Repeat("x-custom,", 600)), pList.refused(oApp), nil),
		ok("star-any", "allow-headers: * covers any name without credentials: ACAH *", pStar, "x-anything", "X-Anything"),
		ok("star-many", "allow-headers: * covers several names", pStar, "content-type,x-a,x-b", "Content-Type", "X-A", "X-B"),
		newCase(s, "star-authorization", "authorization-explicit: * never covers Authorization: ACAH is not *, so the browser fails it (even Chromium)",
			pStar, preflightFor(oApp, "PUT", "authorization"), pStar.refused(oApp).with(hACAH, ""), preflightFails(oApp, "PUT", "Authorization")),
		newCase(s, "star-authorization-and-other", "authorization-explicit, allow-headers: with * and Authorization requested, only the other requested names are answered",
			pStar, preflightFor(oApp, "PUT", "authorization,x-a"), pStar.refused(oApp).with(hACAH, "x-a"), preflightFails(oApp, "PUT", "Authorization", "X-A")),
		ok("star-plus-authorization", "authorization-explicit: *, authorization covers Authorization", pStarAuth, "authorization", "Authorization"),
		ok("star-plus-authorization-and-other", "authorization-explicit: *, authorization covers Authorization and others", pStarAuth, "authorization,x-b", "Authorization", "X-B"),
		ok("list-star-headers", "allow-headers: an allowlist with * headers answers ACAH *", pListStarHdr, "x-a", "X-A"),
		newCase(s, "list-star-headers-authorization", "authorization-explicit: an allowlist with * headers refuses Authorization",
			pListStarHdr, preflightFor(oApp, "PUT", "authorization"), pListStarHdr.refused(oApp).with(hACAH, ""), preflightFails(oApp, "PUT", "Authorization")),
		newCase(s, "star-malformed", "acrh-tolerant-bounded, browser-response-parsing: * does not make a malformed element acceptable",
			pStar, preflightFor(oApp, "PUT", "x-a,bad name"), pStar.refused(oApp).with(hACAH, ""), nil),
		ok("default-no-headers-no-acrh", "acrh-tolerant-bounded, preflight-triggers: a policy without headers answers a preflight that asks for none", pDefault, ""),
		newCase(s, "default-refuses-any-header", "allow-headers: a policy without headers refuses any requested name",
			pDefault, preflightFor(oApp, "POST", "x-a"), pDefault.refused(oApp), preflightFails(oApp, "POST", "X-A")),
		newCase(s, "get-with-header", "safelisted-methods, allow-headers: ACRM GET with a listed header: the method passes, the header is covered",
			pList, preflightFor(oApp, "GET", "x-custom"), pList.preflightOK(oApp), preflightPasses(oApp, "GET", "X-Custom")),
		newCase(s, "one-name-per-line-echoed-in-full", "acrh-answered-in-full, allow-headers: an ACRH split one name per line (as gateways do) is accepted and answered in full, every name echoed",
			pCredStar, acrhLines("x-a", "x-b", "x-c", "x-d", "x-e", "x-f", "x-g", "x-h", "x-i"),
			pCredStar.preflightOK(oApp).with(hACAM, "PUT").with(hACAH, "x-a,x-b,x-c,x-d,x-e,x-f,x-g,x-h,x-i"),
			preflightPasses(oApp, "PUT", "X-A", "X-B", "X-C", "X-D", "X-E", "X-F", "X-G", "X-H", "X-I").cred()),
		newCase(s, "names-after-empty-lines-echoed", "acrh-answered-in-full: names that follow many empty ACRH lines are still answered",
			pCredStar, acrhLines(append(make([]string, 16), "bar,baz,foo")...),
			pCredStar.preflightOK(oApp).with(hACAM, "PUT").with(hACAH, "bar,baz,foo"), preflightPasses(oApp, "PUT", "Bar", "Baz", "Foo").cred()),
		newCase(s, "empty-line-no-empty-answer", "acrh-answered-in-full: an empty ACRH asks for nothing: no Access-Control-Allow-Headers at all, never an empty one",
			pCredStar, acrhLines(""), pCredStar.preflightOK(oApp).with(hACAM, "PUT"), preflightPasses(oApp, "PUT").cred()),
	}
}

// acrhLines is a PUT preflight from oApp with one ACRH line per value.
func acrhLines(values ...string) request {
	r := preflightFor(oApp, "PUT", "")
	for _, v := range values {
		r.lines = append(r.lines, withHeader(hACRH, v))
	}
	return r
}

// manyACRH is a preflight with n ACRH lines of value v.
func manyACRH(n int, v string) request {
	r := preflightFor(oApp, "PUT", "")
	for range n {
		r.lines = append(r.lines, withHeader(hACRH, v))
	}
	return r
}
