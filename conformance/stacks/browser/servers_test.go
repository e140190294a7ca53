package browser

import (
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// record is one request the API server received and the response it sent,
// as seen at the outermost layer (what went on the wire).
type record struct {
	Method, URI string
	Req         http.Header
	Status      int
	Header      http.Header
	At          time.Time // when the response was written
}

// recorder keeps the records of one API server and counts the requests that
// reached the application behind the middleware.
type recorder struct {
	mu   sync.Mutex
	recs []record
	app  map[string]int
}

func newRecorder() *recorder { return &recorder{app: map[string]int{}} }

func (r *recorder) add(rec record) {
	r.mu.Lock()
	r.recs = append(r.recs, rec)
	r.mu.Unlock()
}

func (r *recorder) appHit(uri string) {
	r.mu.Lock()
	r.app[uri]++
	r.mu.Unlock()
}

// forURI returns the records of uri, in arrival order, and the application
// hits.
func (r *recorder) forURI(uri string) ([]record, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []record
	for _, rec := range r.recs {
		if rec.URI == uri {
			out = append(out, rec)
		}
	}
	return out, r.app[uri]
}

// recordHTTP wraps the outermost handler of a net/http based stack: it
// records each response's status and headers when they are written and, if
// stripVary, first deletes Vary (a misconfigured proxy).
func recordHTTP(rec *recorder, stripVary bool, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &recWriter{ResponseWriter: w, rec: rec, req: r, strip: stripVary}
		h.ServeHTTP(rw, r)
		if !rw.wrote {
			rw.snap(http.StatusOK)
		}
	})
}

type recWriter struct {
	http.ResponseWriter
	rec   *recorder
	req   *http.Request
	strip bool
	wrote bool
}

func (w *recWriter) snap(status int) {
	w.wrote = true
	if w.strip {
		w.Header().Del("Vary")
	}
	w.rec.add(record{Method: w.req.Method, URI: w.req.URL.RequestURI(), Req: w.req.Header.Clone(),
		Status: status, Header: w.Header().Clone(), At: time.Now()})
}

func (w *recWriter) WriteHeader(status int) {
	if !w.wrote {
		w.snap(status)
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *recWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.snap(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// appHandler is the application behind every stack: it counts its hits,
// sets an exposed and a hidden header, is cacheable under /api/cache/,
// answers /api/status/N with status N, and echoes what it received.
func appHandler(rec *recorder) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.appHit(r.URL.RequestURI())
		h := w.Header()
		h.Set("X-Exposed", "e")
		h.Set("X-Hidden", "h")
		h.Set("Content-Type", "application/json")
		if strings.HasPrefix(r.URL.Path, "/api/cache/") {
			h.Set("Cache-Control", "max-age=600")
		} else {
			h.Set("Cache-Control", "no-store")
		}
		status := http.StatusOK
		if s, ok := strings.CutPrefix(r.URL.Path, "/api/status/"); ok {
			if n, err := strconv.Atoi(s); err == nil && n >= 200 && n <= 599 {
				status = n
			}
		}
		body, _ := json.Marshal(map[string]string{"method": r.Method, "cookie": r.Header.Get("Cookie"),
			"custom": r.Header.Get("X-Custom")})
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			_, _ = w.Write(body)
		}
	})
}

// listen opens a loopback listener and closes it at the end of the test.
func listen(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// serveHTTP serves h on ln until the test ends.
func serveHTTP(t *testing.T, ln net.Listener, h http.Handler) {
	srv := &http.Server{Handler: h}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
}

func baseURL(ln net.Listener) string { return "http://" + ln.Addr().String() }
