package corsfiber

import (
	"unsafe"

	cors "github.com/originguard/cors/core"
	"github.com/valyala/fasthttp"
)

// visitFields calls f for each header field line of the request. fasthttp
// adds the trailer fields of a chunked body to the headers; for such a
// request the header block is read again as received instead, so that
// trailers are ignored, as net/http ignores them. (Requests built in memory
// have no raw header block, and no trailers.)
//
// The deprecated Visit methods are used on purpose: their callback does not
// escape, whereas ranging over All or AllInOrder from this package moves the
// middleware's request description to the heap (eight allocations per
// request).
func visitFields(h *fasthttp.RequestHeader, f func(k, v []byte)) {
	if cors.MayCarryTrailers(h.RawHeaders()) {
		h.VisitAllInOrder(f) //lint:ignore SA1019 see above
	} else {
		h.VisitAll(f) //lint:ignore SA1019 see above
	}
}

// unsafeString is v as a string sharing v's bytes, valid only during the
// request. (Field values need no trimming: fasthttp's parser has already
// removed optional whitespace and joined obs-fold continuation lines, as
// net/http's does.)
func unsafeString(v []byte) string {
	return unsafe.String(unsafe.SliceData(v), len(v))
}
