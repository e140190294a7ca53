package adapter

import "bytes"

// MayCarryTrailers reports whether a request whose raw header section is
// header may have a chunked body, and so trailer fields: whether "chunked"
// appears in it in any ASCII case. Servers that merge a chunked body's
// trailer fields into the request's headers (fasthttp does) make an adapter
// re-read the header section as received when it returns true, so that a
// trailer never counts as a CORS request header (net/http does not read
// trailers as headers either). A false positive only costs that re-read.
func MayCarryTrailers(header []byte) bool {
	const word, k = "chunked", 4 // word[k] is 'k', a letter few header values contain
	for _, c := range [2]byte{'k', 'K'} {
		for i := k; i < len(header); i++ {
			j := bytes.IndexByte(header[i:], c)
			if j < 0 {
				break
			}
			i += j
			if i+len(word)-k <= len(header) && bytes.EqualFold(header[i-k:i-k+len(word)], []byte(word)) {
				return true
			}
		}
	}
	return false
}
