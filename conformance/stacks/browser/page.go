package browser

import (
	"context"
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
	early   map[network.RequestID]int // preflights seen before their fetch, by the fetch's id
	used    map[string]int            // fetches of each URL already given to detail
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
	p := newPage()
	p.ctx, p.cancel = ctx, cancel
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

// newPage returns a Page with no tab yet, ready for events.
func newPage() *Page {
	return &Page{changed: make(chan struct{}), byURL: map[string][]network.RequestID{},
		reqs: map[network.RequestID]*fetchEvents{}, early: map[network.RequestID]int{}, used: map[string]int{}}
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
		switch {
		case ev.Initiator != nil && ev.Initiator.Type == network.InitiatorTypePreflight:
			// A preflight has a request id of its own; its initiator names
			// the fetch it was sent for. The network service reports it,
			// the renderer reports the fetch: the two race, so the
			// preflight may come before the fetch's requestWillBeSent or
			// after its loadingFinished. It counts for that fetch only,
			// never for a later fetch of the same URL (which may have used
			// the cached preflight and sent none). A preflight served from
			// the preflight cache is not sent and has no event.
			if f := p.reqs[ev.Initiator.RequestID]; f != nil {
				f.preflights++
			} else {
				p.early[ev.Initiator.RequestID]++
			}
		case ev.Type == network.ResourceTypeFetch:
			if _, seen := p.reqs[ev.RequestID]; seen {
				return // a redirect reuses the id
			}
			u := ev.Request.URL
			p.reqs[ev.RequestID] = &fetchEvents{url: u, preflights: p.early[ev.RequestID]}
			delete(p.early, ev.RequestID)
			p.byURL[u] = append(p.byURL[u], ev.RequestID)
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

// detail waits until the next fetch of url not yet accounted for has
// finished or failed (and, for a refusal, until its console line arrived or
// the deadline passed), then fills o from the events.
func (p *Page) detail(url string, refused bool, deadline time.Time, o *Outcome) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	idx := p.used[url]
	p.used[url]++
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
