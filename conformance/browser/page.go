package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// EventTimeout bounds the wait for Chromium's network events after the
// script's promise settled (the two come from different processes and race).
var EventTimeout = 5 * time.Second

// Page is a browser tab showing a page of one origin.
type Page struct {
	ctx    context.Context
	cancel context.CancelFunc
	origin string

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every relevant event
	byURL   map[string][]network.RequestID
	reqs    map[network.RequestID]*fetchEvents
	pending map[string]int // preflights seen before their fetch
	console []string
}

// fetchEvents is what the Network and Log domains said about one fetch.
type fetchEvents struct {
	url        string
	done       bool
	failed     *network.EventLoadingFailed
	preflights int
	fromCache  bool
}

// Sibling opens another tab on pageURL in p's browser context: the tabs
// share cookies, the HTTP cache and the preflight cache.
func (p *Page) Sibling(pageURL string) (*Page, error) {
	ctx, cancel := chromedp.NewContext(p.ctx)
	return openPage(ctx, cancel, pageURL)
}

func openPage(ctx context.Context, cancel context.CancelFunc, pageURL string) (*Page, error) {
	p := &Page{ctx: ctx, cancel: cancel, changed: make(chan struct{}),
		byURL: map[string][]network.RequestID{}, reqs: map[network.RequestID]*fetchEvents{},
		pending: map[string]int{}}
	if err := chromedp.Listen(ctx, p.onEvent); err != nil {
		cancel()
		return nil, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
		cancel()
		return nil, fmt.Errorf("navigate %s: %w", pageURL, err)
	}
	// self.origin, not location.origin: a sandboxed page has an opaque
	// origin that location.origin does not show.
	origin, err := chromedp.Run(ctx, chromedp.Evaluate[string](`self.origin`))
	if err != nil {
		cancel()
		return nil, err
	}
	p.origin = origin
	return p, nil
}

// Origin is the page's serialized origin as the browser sees it ("null"
// for an opaque origin).
func (p *Page) Origin() string { return p.origin }

// Close closes the tab (and its browser context when it opened one).
func (p *Page) Close() { p.cancel() }

// onEvent runs on chromedp's reader goroutine: no commands, return fast.
func (p *Page) onEvent(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		switch {
		case ev.Type == network.ResourceTypeFetch:
			if _, seen := p.reqs[ev.RequestID]; seen {
				return // a redirect reuses the id
			}
			f := &fetchEvents{url: u, preflights: p.pending[u]}
			delete(p.pending, u)
			p.reqs[ev.RequestID] = f
			p.byURL[u] = append(p.byURL[u], ev.RequestID)
		case ev.Request.Method == "OPTIONS":
			// A preflight has its own request id and type Other. Give it
			// to the newest unfinished fetch of the URL.
			ids := p.byURL[u]
			if n := len(ids); n > 0 && !p.reqs[ids[n-1]].done {
				p.reqs[ids[n-1]].preflights++
			} else {
				p.pending[u]++
			}
		default:
			return
		}
	case *network.EventRequestServedFromCache:
		if f := p.reqs[ev.RequestID]; f != nil {
			f.fromCache = true
		}
		return
	case *network.EventLoadingFinished:
		f := p.reqs[ev.RequestID]
		if f == nil || f.done {
			return
		}
		f.done = true
	case *network.EventLoadingFailed:
		f := p.reqs[ev.RequestID]
		if f == nil {
			return
		}
		f.done, f.failed = true, ev
	case *cdplog.EventEntryAdded:
		if !strings.Contains(ev.Entry.Text, "blocked by CORS policy") {
			return
		}
		p.console = append(p.console, ev.Entry.Text)
	default:
		return
	}
	close(p.changed)
	p.changed = make(chan struct{})
}

// batchJS runs the fetches one after the other, so that caches see them in
// order, and returns what the script could read of each.
const batchJS = `(async (calls) => {
  const out = [];
  for (const [url, init] of calls) {
    try {
      const r = await fetch(url, init);
      const headers = {};
      for (const [k, v] of r.headers) headers[k] = v;
      out.push({allowed: true, status: r.status, body: await r.text(), headers});
    } catch (e) {
      out.push({allowed: false, error: String(e)});
    }
  }
  return out;
})(%s)`

type jsResult struct {
	Allowed bool              `json:"allowed"`
	Status  int               `json:"status"`
	Body    string            `json:"body"`
	Headers map[string]string `json:"headers"`
	Error   string            `json:"error"`
}

// Fetch runs one fetch() in the page and returns Chromium's account of it.
func (p *Page) Fetch(c Call) (Outcome, error) {
	out, err := p.FetchAll([]Call{c})
	if err != nil {
		return Outcome{}, err
	}
	return out[0], nil
}

// FetchAll runs the calls in order in one script evaluation and returns an
// Outcome per call, after waiting for Chromium's network events of each.
func (p *Page) FetchAll(calls []Call) ([]Outcome, error) {
	if len(calls) == 0 {
		return nil, nil
	}
	args := make([][2]json.RawMessage, len(calls))
	p.mu.Lock()
	base := map[string]int{} // fetches of each URL seen before this batch
	for i, c := range calls {
		u, _ := json.Marshal(c.URL)
		args[i] = [2]json.RawMessage{u, json.RawMessage(c.init())}
		base[c.URL] = len(p.byURL[c.URL])
	}
	p.mu.Unlock()
	arg, err := json.Marshal(args)
	if err != nil {
		return nil, err
	}
	res, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]jsResult](fmt.Sprintf(batchJS, arg), chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	if len(res) != len(calls) {
		return nil, fmt.Errorf("script returned %d results for %d calls", len(res), len(calls))
	}
	outs := make([]Outcome, len(calls))
	nth := map[string]int{}
	deadline := time.Now().Add(EventTimeout)
	for i, c := range calls {
		r := res[i]
		o := Outcome{Allowed: r.Allowed, Status: r.Status, Body: r.Body, Headers: r.Headers, JSError: r.Error}
		idx := base[c.URL] + nth[c.URL]
		nth[c.URL]++
		if err := p.waitEvents(c.URL, idx, !r.Allowed, deadline, &o); err != nil {
			return nil, err
		}
		outs[i] = o
	}
	return outs, nil
}

// waitEvents waits until the idx-th fetch of url has finished or failed
// (and, for a refusal, until its console line arrived or the deadline
// passed), then fills o from the events.
func (p *Page) waitEvents(url string, idx int, refused bool, deadline time.Time, o *Outcome) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		var f *fetchEvents
		if ids := p.byURL[url]; idx < len(ids) {
			f = p.reqs[ids[idx]]
		}
		if f != nil && f.done {
			wantConsole := refused && f.failed != nil && f.failed.CorsErrorStatus != nil
			if !wantConsole || p.consoleFor(url) != "" || time.Now().After(deadline) {
				o.Preflights, o.FromCache = f.preflights, f.fromCache
				if f.failed != nil {
					o.NetError = f.failed.ErrorText
					if s := f.failed.CorsErrorStatus; s != nil {
						o.CORSError, o.FailedParameter = s.CorsError, s.FailedParameter
					}
				}
				o.Console = p.consoleFor(url)
				return nil
			}
		}
		ch := p.changed
		p.mu.Unlock()
		timer := time.NewTimer(time.Until(deadline))
		select {
		case <-ch:
			timer.Stop()
			p.mu.Lock()
		case <-timer.C:
			p.mu.Lock()
			if f == nil || !f.done {
				return fmt.Errorf("no loadingFinished/loadingFailed event for fetch #%d of %s within %v", idx+1, url, EventTimeout)
			}
		}
	}
}

func (p *Page) consoleFor(url string) string {
	for _, c := range p.console {
		if strings.Contains(c, "'"+url+"'") {
			return c
		}
	}
	return ""
}
