package conformance

// originCases: origin matching and Access-Control-Allow-Origin.
func originCases() []testCase {
	const s = "origins"
	allow := func(name, why, origin string) testCase {
		return newCase(s, name, why, pList, get(PathResource, fromOrigin(origin)), pList.allowed("GET", origin), browserReads(origin, "GET"))
	}
	deny := func(name, why, origin string) testCase {
		return newCase(s, name, why, pList, get(PathResource, fromOrigin(origin)), pList.denied("GET"), browserBlocks(origin, "GET"))
	}
	// denyOdd is a denial of an origin no browser sends (non-canonical);
	// the browser verdict is that of the canonical origin the bytes look
	// like, which the response must not serve either.
	denyOdd := func(name, why, origin, canonical string) testCase {
		return newCase(s, name, why, pList, get(PathResource, fromOrigin(origin)), pList.denied("GET"), browserBlocks(canonical, "GET"))
	}
	allowPF := func(name, why, origin string) testCase {
		return newCase(s, name, why, pList, preflightFor(origin, "PUT", "x-custom"), pList.preflightOK(origin), preflightPasses(origin, "PUT", "X-Custom"))
	}
	denyPF := func(name, why, origin string) testCase {
		return newCase(s, name, why, pList, preflightFor(origin, "PUT", "x-custom"), pList.forbidden(), preflightFails(origin, "PUT", "X-Custom"))
	}
	return []testCase{
		allow("exact", "origin-byte-exact: ACAO echoes the request's origin byte for byte", oApp),
		deny("not-listed", "denied-actual, no-blind-reflection: an unlisted origin gets no ACAO (never reflected)", oEvil),
		denyOdd("upper-case-host", "serialized-origin, origin-byte-exact: origins compare case-sensitively; browsers never send upper case", "https://APP.example", oApp),
		denyOdd("upper-case-scheme", "serialized-origin, origin-byte-exact: an upper-case scheme is not a serialized origin", "HTTPS://app.example", oApp),
		denyOdd("trailing-slash", "serialized-origin: a serialized origin has no trailing slash", "https://app.example/", oApp),
		denyOdd("default-port", "serialized-origin: a default port never appears in a serialized origin", "https://app.example:443", oApp),
		denyOdd("with-path", "serialized-origin: a serialized origin has no path", "https://app.example/x", oApp),
		denyOdd("with-query", "serialized-origin: a serialized origin has no query", "https://app.example?x=1", oApp),
		denyOdd("with-userinfo", "serialized-origin, no-blind-reflection: a serialized origin has no userinfo", "https://user@app.example", oApp),
		deny("other-scheme", "scheme-and-port: scheme is part of the origin", "http://app.example"),
		deny("other-port", "scheme-and-port: port is part of the origin", "https://app.example:8443"),
		deny("subdomain-of-exact", "scheme-and-port, no-blind-reflection: an exact entry does not cover subdomains", "https://www.app.example"),
		deny("suffix-attack", "no-blind-reflection: an allowed origin as a prefix of a longer host is not allowed", "https://app.example.evil.example"),
		deny("prefix-attack", "no-blind-reflection: a host ending with the allowed host is not allowed", "https://evilapp.example"),
		allow("pattern-one-label", "origin-patterns: pattern https://*.sub.example matches one label; ACAO is the concrete origin", oSub),
		allow("pattern-two-labels", "origin-patterns: the pattern matches several labels", "https://a.b.sub.example"),
		deny("pattern-apex", "origin-patterns: the pattern never matches the apex", "https://sub.example"),
		denyOdd("pattern-empty-label", "origin-patterns: the pattern never matches an empty label", "https://.sub.example", "https://sub.example"),
		deny("pattern-lookalike", "origin-patterns, no-blind-reflection: a host merely ending in the pattern's text is not a subdomain", "https://eusub.example"),
		deny("pattern-other-scheme", "scheme-and-port, origin-patterns: the pattern keeps its scheme", "http://eu.sub.example"),
		deny("pattern-other-port", "scheme-and-port, origin-patterns: a pattern without port does not match another port", "https://eu.sub.example:8443"),
		allow("any-port-3000", "scheme-and-port: http://localhost:* matches port 3000", oLocal),
		allow("any-port-5173", "scheme-and-port: http://localhost:* matches port 5173", "http://localhost:5173"),
		allow("any-port-default", "scheme-and-port, origin-patterns: http://localhost:* also matches the default port", "http://localhost"),
		deny("any-port-other-scheme", "scheme-and-port: http://localhost:* does not match https", "https://localhost:3000"),
		deny("any-port-other-host", "scheme-and-port, no-blind-reflection: http://localhost:* does not match another host", "http://localhost.evil.example:3000"),
		allow("explicit-port", "scheme-and-port: an entry with a port matches that port", oAdmin),
		deny("explicit-port-missing", "scheme-and-port: an entry with a port does not match the default port", "https://admin.example"),
		allow("ipv4-loopback", "serialized-origin, scheme-and-port: IPv4 origins match exactly", "http://127.0.0.1:8080"),
		deny("ipv4-other-port", "scheme-and-port: IPv4 origins keep their port", "http://127.0.0.1:8081"),
		allow("ipv6-loopback", "serialized-origin: IPv6 origins are bracketed and compressed", "http://[::1]:3000"),
		denyOdd("ipv6-uncompressed", "serialized-origin: an uncompressed IPv6 form is not what browsers send", "http://[0:0:0:0:0:0:0:1]:3000", "http://[::1]:3000"),
		allow("punycode", "serialized-origin: IDNs arrive as punycode and match their punycode entry", "https://xn--bcher-kva.example"),
		denyOdd("unicode-host", "serialized-origin: a Unicode host is not a serialized origin", "https://bücher.example", "https://xn--bcher-kva.example"),
		deny("null-not-listed", "null-origin: null is never matched by a list entry", "null"),
		newCase(s, "null-star", "wildcard-origin, redirect-chains: * allows the opaque null origin without credentials",
			pStarOnly, get(PathResource, fromOrigin("null")), pStarOnly.allowed("GET", "null"), browserReads("null", "GET")),
		newCase(s, "null-func", "null-origin, origin-func: null may only be allowed explicitly (AllowOriginFunc); ACAO is exactly null",
			pFunc, get(PathResource, fromOrigin("null")), pFunc.allowed("GET", "null"), browserReads("null", "GET")),
		newCase(s, "func-allows", "origin-func: AllowOriginFunc allows an origin the list does not; ACAO echoes it",
			pFunc, get(PathResource, fromOrigin("https://eu.partner.example")), pFunc.allowed("GET", "https://eu.partner.example"), browserReads("https://eu.partner.example", "GET")),
		newCase(s, "func-denies", "origin-func: AllowOriginFunc refusing means no ACAO",
			pFunc, get(PathResource, fromOrigin("https://partner.example.evil.example")), pFunc.denied("GET"), browserBlocks("https://partner.example.evil.example", "GET")),
		newCase(s, "func-list-first", "origin-func: the list still allows its origins when AllowOriginFunc is set",
			pFunc, get(PathResource, fromOrigin(oApp)), pFunc.allowed("GET", oApp), browserReads(oApp, "GET")),
		newCase(s, "func-never-sees-malformed", "origin-func, serialized-origin: a reflect-everything AllowOriginFunc is never handed a malformed origin",
			pFuncAll, get(PathResource, fromOrigin("https://app.example/")), pFuncAll.denied("GET"), browserBlocks(oApp, "GET")),
		newCase(s, "func-all-reflects-valid", "origin-func, origin-byte-exact: AllowOriginFunc returning true allows a well-formed origin, echoed byte for byte",
			pFuncAll, get(PathResource, fromOrigin(oEvil)), pFuncAll.allowed("GET", oEvil), browserReads(oEvil, "GET")),
		denyOdd("list-valued-origin", "serialized-origin, one-field-line: a comma-separated list is not an origin", "https://app.example, https://evil.example", oApp),
		newCase(s, "two-origin-lines", "repeated-request-lines: two Origin lines are refused, never joined or half-matched",
			pList, get(PathResource, fromOrigin(oApp), fromOrigin(oEvil)), pList.denied("GET"), nil),
		newCase(s, "two-identical-origin-lines", "repeated-request-lines: even two identical Origin lines are refused",
			pList, get(PathResource, fromOrigin(oApp), fromOrigin(oApp)), pList.denied("GET"), nil),
		denyOdd("empty-origin", "serialized-origin: an empty Origin is not an origin", "", oApp),
		denyOdd("star-origin", "no-blind-reflection: an Origin of * is not an origin", "*", oApp),
		newCase(s, "origin-surrounding-space", "header-field-reading, origin-byte-exact: optional whitespace around an Origin is dropped, as HTTP parsers do; ACAO is the origin without it",
			pList, get(PathResource, fromOrigin(" https://app.example\t")), pList.allowed("GET", oApp), browserReads(oApp, "GET")),
		denyOdd("origin-inner-space", "serialized-origin, no-blind-reflection: whitespace inside an Origin is never trimmed into a match", "https://app. example", oApp),
		newCase(s, "star-any-origin", "wildcard-origin: * allows every origin with ACAO *, without Vary: Origin",
			pStarOnly, get(PathResource, fromOrigin(oEvil)), pStarOnly.allowed("GET", oEvil), browserReads(oEvil, "GET")),
		newCase(s, "star-malformed-origin", "wildcard-origin, no-blind-reflection: * answers * (never the request's bytes) even to a malformed origin",
			pStarOnly, get(PathResource, fromOrigin("https://APP.example/")), pStarOnly.allowed("GET", "*"), browserReads(oApp, "GET")),
		allowPF("preflight-exact", "origin-byte-exact, preflight-success: a preflight's response carries ACAO for the exact origin", oApp),
		allowPF("preflight-pattern", "origin-patterns, preflight-success: a preflight from a pattern-matched origin gets the concrete ACAO", "https://a.b.sub.example"),
		allowPF("preflight-any-port", "scheme-and-port, preflight-success: a preflight from an any-port origin", "http://localhost:5173"),
		denyPF("preflight-not-listed", "denied-actual, preflight-denied-origin: a preflight from an unlisted origin: 403, no Access-Control-*", oEvil),
		denyPF("preflight-other-scheme", "scheme-and-port, preflight-denied-origin: scheme mismatch denies the preflight", "http://app.example"),
		denyPF("preflight-null", "null-origin, preflight-denied-origin: null is denied on preflights too", "null"),
		newCase(s, "preflight-trailing-slash", "serialized-origin, preflight-denied-origin: a malformed origin on a preflight gets 403",
			pList, preflightFor("https://app.example/", "PUT", ""), pList.forbidden(), preflightFails(oApp, "PUT")),
		newCase(s, "preflight-star-null", "wildcard-origin, preflight-success: * answers a null-origin preflight with ACAO *",
			pStar, preflightFor("null", "PUT", "x-a"), pStar.preflightOK("null"), preflightPasses("null", "PUT", "X-A")),
		newCase(s, "trailing-dot-listed", "trailing-dot-host, origin-byte-exact: a listed origin whose host ends in a dot is allowed, echoed with its dot",
			pDot, get(PathResource, fromOrigin(oDot)), pDot.allowed("GET", oDot), browserReads(oDot, "GET")),
		newCase(s, "trailing-dot-preflight", "trailing-dot-host, preflight-success: a preflight from a listed trailing-dot origin",
			pDot, preflightFor(oDot, "POST", ""), pDot.preflightOK(oDot), preflightPasses(oDot, "POST")),
		newCase(s, "trailing-dot-pattern", "trailing-dot-host, origin-patterns: a pattern ending in a dot matches subdomains with the dot",
			pDot, get(PathResource, fromOrigin("https://eu.sub.example.")), pDot.allowed("GET", "https://eu.sub.example."), browserReads("https://eu.sub.example.", "GET")),
		newCase(s, "dotless-not-trailing-dot", "trailing-dot-host: the dot-less origin is another origin, not allowed by the dotted entry",
			pDot, get(PathResource, fromOrigin(oApp)), pDot.denied("GET"), browserBlocks(oApp, "GET")),
		newCase(s, "trailing-dot-not-dotless", "trailing-dot-host: a trailing-dot origin is not allowed by the dot-less entry",
			pList, get(PathResource, fromOrigin(oDot)), pList.denied("GET"), browserBlocks(oDot, "GET")),
		newCase(s, "trailing-dot-func", "trailing-dot-host, origin-func: AllowOriginFunc is handed a trailing-dot origin and may allow it",
			pFuncAll, get(PathResource, fromOrigin(oDot)), pFuncAll.allowed("GET", oDot), browserReads(oDot, "GET")),
	}
}
