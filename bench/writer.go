package bench

import "net/http"

// reuseWriter is a ResponseWriter with a real http.Header that is cleared
// in place before every request: header writes (and the allocations of
// their values) count, a recorder's own overhead does not.
type reuseWriter struct {
	h      http.Header
	status int
}

func newReuseWriter() *reuseWriter { return &reuseWriter{h: http.Header{}} }

// Header returns the reused header map.
func (w *reuseWriter) Header() http.Header { return w.h }

// Write discards the body.
func (w *reuseWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return len(p), nil
}

// WriteHeader records the first status written.
func (w *reuseWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

// reset prepares the writer for the next request without freeing the map.
func (w *reuseWriter) reset() {
	clear(w.h)
	w.status = 0
}

// statusOrOK is the status a server would send.
func (w *reuseWriter) statusOrOK() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}
