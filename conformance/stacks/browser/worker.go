package browser

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// workerJS is the script of every page: it asks its own server for a batch
// of fetch() calls (a long poll), makes them one after the other, so that
// caches see them in order, and posts back what it could read of each. It
// needs no WebDriver and no DevTools, so every engine runs it. A sandboxed
// page has an opaque origin, so its requests to its own server are
// cross-origin too: the server answers them with "*". The page URL's query
// (a token of the run) goes with every poll: a page left over from another
// run gets 410 Gone and stops.
const workerJS = `(async () => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  for (;;) {
    let batch;
    try {
      const r = await fetch("/next" + location.search + "&origin=" + encodeURIComponent(self.origin), {cache: "no-store"});
      if (r.status === 410) return;
      if (r.status !== 200) continue;
      batch = await r.json();
    } catch (e) {
      await sleep(100);
      continue;
    }
    const out = [];
    for (const [url, init] of batch.calls) {
      try {
        const r = await fetch(url, init);
        const headers = {};
        for (const [k, v] of r.headers) headers[k] = v;
        out.push({allowed: true, status: r.status, body: await r.text(), headers});
      } catch (e) {
        out.push({allowed: false, error: String(e)});
      }
    }
    try {
      await fetch("/result?id=" + batch.id, {method: "POST", body: JSON.stringify(out)});
    } catch (e) {}
  }
})();`

// PollTimeout is how long a page's poll for work waits before the server
// answers "nothing yet" and the page asks again.
var PollTimeout = 5 * time.Second

// BatchTimeout bounds the wait for a page to report a batch.
var BatchTimeout = 30 * time.Second

// Pages are the page servers of a run, one per PageKind, all on
// 127.0.0.1. Each serves the worker page, hands it batches of calls and
// collects its reports.
type Pages struct {
	// Origins are the serialized origins of the pages.
	Origins Origins
	// URLs are the page URLs in PageKinds order, to give to Engine.Launch.
	URLs []string

	token   string
	servers []*http.Server
	queues  []chan batch

	mu      sync.Mutex
	nextID  int
	waiting map[int]chan []jsResult
	seen    []string // the origin each page reported on its first poll
	ready   chan struct{}
	nReady  int
}

type batch struct {
	ID    int                  `json:"id"`
	Calls [][2]json.RawMessage `json:"calls"`
}

type jsResult struct {
	Allowed bool              `json:"allowed"`
	Status  int               `json:"status"`
	Body    string            `json:"body"`
	Headers map[string]string `json:"headers"`
	Error   string            `json:"error"`
}

// StartPages starts one page server per PageKind, all listening on
// 127.0.0.1. PageA's page sets the host-only cookie sid=a (cookies ignore
// ports, so every API on 127.0.0.1 receives it); PageNull's page is
// sandboxed, so its origin is opaque; PageCross's page is addressed as
// localhost, another site.
func StartPages() (*Pages, error) {
	p := &Pages{waiting: map[int]chan []jsResult{}, seen: make([]string, len(PageKinds)), ready: make(chan struct{}),
		queues: make([]chan batch, len(PageKinds))}
	for i := range p.queues {
		p.queues[i] = make(chan batch, 1)
	}
	var tok [8]byte
	_, _ = rand.Read(tok[:])
	p.token = hex.EncodeToString(tok[:])
	for i, k := range PageKinds {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			p.Close()
			return nil, err
		}
		base := "http://" + ln.Addr().String()
		switch k {
		case PageA:
			p.Origins.A = base
		case PageA2:
			p.Origins.A2 = base
		case PageOther:
			p.Origins.Other = base
		case PageCross:
			// Another site: same machine, another host name.
			base = "http://localhost:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
			p.Origins.Cross = base
		}
		p.URLs = append(p.URLs, base+"/?run="+p.token)
		srv := &http.Server{Handler: p.handler(i, k)}
		p.servers = append(p.servers, srv)
		go func() { _ = srv.Serve(ln) }()
	}
	return p, nil
}

func (p *Pages) handler(i int, k PageKind) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		switch r.URL.Path {
		case "/":
			switch k {
			case PageA:
				http.SetCookie(w, &http.Cookie{Name: "sid", Value: "a", Path: "/"})
			case PageNull:
				h.Set("Content-Security-Policy", "sandbox allow-scripts")
			}
			h.Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, "<!doctype html><title>page "+k.String()+"</title><p>cors browser suite<script>"+workerJS+"</script>")
			return
		case "/next":
			h.Set("Access-Control-Allow-Origin", "*")
			if r.URL.Query().Get("run") != p.token {
				w.WriteHeader(http.StatusGone)
				return
			}
			p.sawPage(i, r.URL.Query().Get("origin"))
			timer := time.NewTimer(PollTimeout)
			defer timer.Stop()
			select {
			case b := <-p.queues[i]:
				h.Set("Content-Type", "application/json")
				_ = json.NewEncoder(w).Encode(b)
			case <-timer.C:
				w.WriteHeader(http.StatusNoContent)
			case <-r.Context().Done():
			}
			return
		case "/result":
			h.Set("Access-Control-Allow-Origin", "*")
			id, _ := strconv.Atoi(r.URL.Query().Get("id"))
			var res []jsResult
			if err := json.NewDecoder(io.LimitReader(r.Body, 1<<24)).Decode(&res); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			p.mu.Lock()
			ch := p.waiting[id]
			delete(p.waiting, id)
			p.mu.Unlock()
			if ch != nil {
				ch <- res
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		http.NotFound(w, r) // favicon.ico and the like
	})
}

func (p *Pages) sawPage(i int, origin string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.seen[i] != "" {
		return
	}
	p.seen[i] = origin
	if p.nReady++; p.nReady == len(p.seen) {
		close(p.ready)
	}
}

// Ready waits until every page has polled once and checks that each has
// the origin it should (a sandboxed page's self.origin is "null").
func (p *Pages) Ready(timeout time.Duration) error {
	select {
	case <-p.ready:
	case <-time.After(timeout):
		p.mu.Lock()
		defer p.mu.Unlock()
		return fmt.Errorf("pages not loaded within %v (origins seen: %q)", timeout, p.seen)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, k := range PageKinds {
		if got, want := p.seen[i], p.Origins.Of(k); got != want {
			return fmt.Errorf("page %s has origin %q, want %q", k, got, want)
		}
	}
	return nil
}

// Run has the page of kind k make the calls, in order, and returns what
// the page could read of each (Allowed, Status, Body, Headers, JSError).
func (p *Pages) Run(k PageKind, calls []Call) ([]Outcome, error) {
	if len(calls) == 0 {
		return nil, nil
	}
	b := batch{Calls: make([][2]json.RawMessage, len(calls))}
	for i, c := range calls {
		u, err := json.Marshal(c.URL)
		if err != nil {
			return nil, err
		}
		b.Calls[i] = [2]json.RawMessage{u, json.RawMessage(c.init())}
	}
	ch := make(chan []jsResult, 1)
	p.mu.Lock()
	p.nextID++
	b.ID = p.nextID
	p.waiting[b.ID] = ch
	p.mu.Unlock()
	timer := time.NewTimer(BatchTimeout)
	defer timer.Stop()
	select {
	case p.queues[k] <- b:
	case <-timer.C:
		return nil, fmt.Errorf("page %s did not ask for work within %v", k, BatchTimeout)
	}
	var res []jsResult
	select {
	case res = <-ch:
	case <-timer.C:
		return nil, fmt.Errorf("page %s did not report batch %d within %v", k, b.ID, BatchTimeout)
	}
	if len(res) != len(calls) {
		return nil, fmt.Errorf("page %s reported %d results for %d calls", k, len(res), len(calls))
	}
	outs := make([]Outcome, len(calls))
	for i, r := range res {
		outs[i] = Outcome{Allowed: r.Allowed, Status: r.Status, Body: r.Body, Headers: r.Headers, JSError: r.Error}
	}
	return outs, nil
}

// Close stops the page servers.
func (p *Pages) Close() {
	for _, s := range p.servers {
		_ = s.Close()
	}
}
