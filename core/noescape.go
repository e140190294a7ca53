package cors

import "unsafe"

// unescaped returns s as is, hidden from escape analysis. Handing a request's
// host and path to AllowOriginRequestFunc would otherwise make the compiler
// move everything the Request points to (an adapter's stack arrays of header
// lines) to the heap, on every request. The function may not keep the
// strings (see AllowOriginRequestFunc); their bytes live in heap buffers
// (net/http's request, fasthttp's request buffer), never on a stack, and s
// itself stays reachable from the Request while the copy is in use.
func unescaped(s string) string {
	h := struct {
		data uintptr
		n    int
	}{uintptr(unsafe.Pointer(unsafe.StringData(s))), len(s)}
	return *(*string)(unsafe.Pointer(&h))
}
