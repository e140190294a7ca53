package adapter

import (
	"bytes"

	"github.com/originguard/cors/core/internal/ascii"
)

// MayCarryTrailers reports whether a request whose raw header section is
// header may have a chunked body, and so trailer fields: whether a line of
// it starts with the name Transfer-Encoding, in any ASCII case. Servers that
// merge a chunked body's trailer fields into the request's headers
// (fasthttp does) make an adapter re-read the header section as received
// when it returns true, so that a trailer never counts as a CORS request
// header (net/http does not read trailers as headers either). A false
// positive only costs that re-read. Ask the server first where it knows the
// body's framing: fasthttp's RequestHeader.ContentLength, once the body is
// read, is -1 for a chunked body and -2 or above 0 for none; only 0 (an
// empty chunked body, or no body) needs this scan.
func MayCarryTrailers(header []byte) bool {
	const name = "transfer-encoding"
	for len(header) >= len(name) {
		if header[0]|0x20 == name[0] && ascii.EqualFold(string(header[:len(name)]), name) {
			return true
		}
		i := bytes.IndexByte(header, '\n')
		if i < 0 {
			break
		}
		header = header[i+1:]
	}
	return false
}
