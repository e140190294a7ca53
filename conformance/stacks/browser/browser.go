package browser

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"syscall"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// Browser is one running headless Chromium.
type Browser struct {
	ctx  context.Context
	stop func()
}

// Start launches the Chromium at path, headless, over a DevTools pipe (no
// debugging port is opened). chromedp owns a fresh user data directory and
// removes it on Close; the browser also gets a TMPDIR of its own, removed on
// Close, because Chromium leaves a singleton directory in TMPDIR on every
// run. Never add --disable-web-security: it turns CORS off.
func Start(path string) (*Browser, error) {
	tmp, err := os.MkdirTemp("", "cors-browser-tmp-")
	if err != nil {
		return nil, err
	}
	var cmd *exec.Cmd
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Env("TMPDIR="+tmp),
		// A process group of its own, so that Close can make sure that
		// every process it started is gone; Pdeathsig as chromedp's default.
		chromedp.ModifyCmdFunc(func(c *exec.Cmd) {
			c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
			cmd = c
		}),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	stop := func() {
		bcancel()
		acancel()
		if cmd != nil && cmd.Process != nil {
			_ = stopGroup(cmd.Process.Pid)
		}
		_ = os.RemoveAll(tmp)
	}
	if err := chromedp.Do(bctx); err != nil {
		stop()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return &Browser{ctx: bctx, stop: stop}, nil
}

// Close stops the browser, waits until no process of its group is left,
// and removes its temporary directories.
func (b *Browser) Close() { b.stop() }

// Version is the browser's product string, e.g. "Chrome/156.0.8078.79".
func (b *Browser) Version() string {
	v, err := chromedp.CallBrowser(b.ctx, cdpbrowser.GetVersion, cdp.Empty{})
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return v.Product
}

// NewPage opens a tab on pageURL in a new browser context, which has its
// own cookies, HTTP cache and preflight cache.
func (b *Browser) NewPage(pageURL string) (*Page, error) {
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	return openPage(ctx, cancel, pageURL)
}
