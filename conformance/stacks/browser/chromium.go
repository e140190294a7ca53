package browser

import (
	"fmt"
	"time"
)

// Chromium is Debian's chromium, driven over the DevTools protocol by
// chromedp: besides what the page sees, it reports the CORS error code of
// every refused fetch (Network.loadingFailed.corsErrorStatus) and its
// console sentence. CORS_BROWSER picks the binary.
var Chromium = &Engine{
	Name: "chromium",
	Env:  "CORS_BROWSER",
	Binaries: []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
		"chrome", "headless_shell", "chrome-headless-shell"},
	Install: "apt-get install chromium",
	Launch:  launchChromium,
}

// chromiumSession is a Chromium with one browser context whose tabs show
// the pages.
type chromiumSession struct {
	b    *Browser
	tabs []*Page
}

func launchChromium(path string, pageURLs []string) (Session, error) {
	b, err := Start(path)
	if err != nil {
		return nil, err
	}
	s := &chromiumSession{b: b}
	for i, u := range pageURLs {
		var p *Page
		if i == 0 {
			p, err = b.NewPage(u)
		} else {
			p, err = s.tabs[0].Sibling(u)
		}
		if err != nil {
			_ = s.Close()
			return nil, err
		}
		s.tabs = append(s.tabs, p)
	}
	return s, nil
}

func (s *chromiumSession) Version() string { return s.b.Version() }

// Detail waits for Chromium's network events of each call and copies its
// CORS error code, failed parameter and console sentence into the outcome.
func (s *chromiumSession) Detail(page int, calls []Call, outs []Outcome) error {
	if page < 0 || page >= len(s.tabs) {
		return fmt.Errorf("no tab %d", page)
	}
	deadline := time.Now().Add(EventTimeout)
	for i, c := range calls {
		if err := s.tabs[page].detail(c.URL, !outs[i].Allowed, deadline, &outs[i]); err != nil {
			return err
		}
	}
	return nil
}

func (s *chromiumSession) Close() error {
	for _, p := range s.tabs {
		p.Close()
	}
	s.b.Close()
	return nil
}
