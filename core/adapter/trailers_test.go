package adapter

import "testing"

// chromeHeader is the header section of a cross-origin fetch from Chromium
// over HTTP/1.1, as a server reads it: 15 lines, one of them a cookie.
const chromeHeader = "Host: api.example.com\r\n" +
	"Connection: keep-alive\r\n" +
	"sec-ch-ua-platform: \"Linux\"\r\n" +
	"User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n" +
	"sec-ch-ua: \"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"\r\n" +
	"sec-ch-ua-mobile: ?0\r\n" +
	"Accept: */*\r\n" +
	"Origin: https://app.example.com\r\n" +
	"Sec-Fetch-Site: same-site\r\n" +
	"Sec-Fetch-Mode: cors\r\n" +
	"Sec-Fetch-Dest: empty\r\n" +
	"Referer: https://app.example.com/\r\n" +
	"Accept-Encoding: gzip, deflate, br, zstd\r\n" +
	"Accept-Language: en-US,en;q=0.9,de;q=0.8\r\n" +
	"Cookie: session=k7Qk2kKk; theme=dark; track=k1k2k3k4\r\n" +
	"\r\n"

// MayCarryTrailers finds a Transfer-Encoding line in any ASCII case, at
// the start of any line, and nothing else: not the word in a value, in
// another name, or on a folded continuation line.
func TestMayCarryTrailers(t *testing.T) {
	for header, want := range map[string]bool{
		"Host: a\r\nTransfer-Encoding: chunked\r\n\r\n":                           true,
		"Host: a\r\ntransfer-encoding: CHUNKED\r\n\r\n":                           true,
		"Host: a\r\nTRANSFER-ENCODING: gzip, Chunked\r\n\r\n":                     true,
		"Transfer-Encoding: chunked\r\nHost: a\r\n\r\n":                           true,
		"Host: a\nTransfer-Encoding: chunked\n\n":                                 true,
		"Host: a\r\nTransfer-Encoding:chunked":                                    true,
		chromeHeader[:len(chromeHeader)-2] + "Transfer-Encoding: chunked\r\n\r\n": true,
		chromeHeader:                                               false,
		"Host: a\r\nContent-Length: 0\r\n\r\n":                     false,
		"Host: a\r\nX-Transfer-Encoding: chunked\r\n\r\n":          false,
		"Host: a\r\nX-A: transfer-encoding: chunked\r\n\r\n":       false,
		"Host: a\r\nX-A: b\r\n Transfer-Encoding: chunked\r\n\r\n": false,
		"Host: a\r\nTransfer-Encodin":                              false,
		"chunked":                                                  false,
		"":                                                         false,
	} {
		if got := MayCarryTrailers([]byte(header)); got != want {
			t.Errorf("MayCarryTrailers(%q) = %v, want %v", header, got, want)
		}
	}
}

// BenchmarkMayCarryTrailers scans a real browser's header section, which
// has no Transfer-Encoding line: the whole section is read.
func BenchmarkMayCarryTrailers(b *testing.B) {
	header := []byte(chromeHeader)
	b.ReportAllocs()
	for b.Loop() {
		if MayCarryTrailers(header) {
			b.Fatal("found a Transfer-Encoding line in a browser's GET")
		}
	}
}
