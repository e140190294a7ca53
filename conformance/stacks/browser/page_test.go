package browser

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
)

// Events as Chromium sends them for a fetch and its preflight.
func fetchSent(id, url string) *network.EventRequestWillBeSent {
	return &network.EventRequestWillBeSent{RequestID: network.RequestID(id), Type: network.ResourceTypeFetch,
		Request: &network.Request{URL: url, Method: "PUT"}, Initiator: &network.Initiator{Type: network.InitiatorTypeScript}}
}

func preflightSent(id, url, fetchID string) *network.EventRequestWillBeSent {
	return &network.EventRequestWillBeSent{RequestID: network.RequestID(id), Type: network.ResourceTypeOther,
		Request:   &network.Request{URL: url, Method: "OPTIONS"},
		Initiator: &network.Initiator{Type: network.InitiatorTypePreflight, RequestID: network.RequestID(fetchID)}}
}

func finished(id string) *network.EventLoadingFinished {
	return &network.EventLoadingFinished{RequestID: network.RequestID(id)}
}

// TestPagePreflightAttribution replays orders of events Chromium was seen
// to send: a preflight's requestWillBeSent comes from the network service
// and races with the fetch's events from the renderer. Each preflight
// counts for the fetch its initiator names and no other; a fetch that used
// the preflight cache, and so sent no preflight, reports none.
func TestPagePreflightAttribution(t *testing.T) {
	const u = "http://127.0.0.1:1/api/max-age-600?case=1"
	p := newPage()
	detail := func(want int) {
		t.Helper()
		var o Outcome
		if err := p.detail(u, false, time.Now().Add(time.Second), &o); err != nil {
			t.Fatal(err)
		}
		if o.Preflights != want {
			t.Errorf("fetch #%d of %s: Preflights = %d, want %d", p.used[u], u, o.Preflights, want)
		}
	}

	// Fetch 1: its preflight's event arrives after the fetch finished (seen
	// on a loaded machine), after the page had been asked about the fetch.
	p.onEvent(fetchSent("1", u))
	p.onEvent(finished("1"))
	detail(0) // the preflight was not reported yet: an undercount, never an error
	p.onEvent(preflightSent("P1", u, "1"))
	p.onEvent(finished("P1"))
	// Fetch 2 uses the cached preflight: no preflight event of its own.
	p.onEvent(fetchSent("2", u))
	p.onEvent(finished("2"))
	detail(0) // the late preflight of fetch 1 is not fetch 2's

	// Fetch 3: its preflight is reported before the fetch itself.
	p.onEvent(preflightSent("P3", u, "3"))
	p.onEvent(fetchSent("3", u))
	p.onEvent(finished("P3"))
	p.onEvent(finished("3"))
	detail(1)

	// Fetch 4: the usual order.
	p.onEvent(fetchSent("4", u))
	p.onEvent(preflightSent("P4", u, "4"))
	p.onEvent(finished("P4"))
	p.onEvent(finished("4"))
	detail(1)

	if f := p.reqs["1"]; f.preflights != 1 {
		t.Errorf("fetch 1 has %d preflights once its late event came, want 1", f.preflights)
	}
	if len(p.early) != 0 {
		t.Errorf("preflights left unattributed: %v", p.early)
	}
}
