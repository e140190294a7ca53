package load

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure Run.
type Options struct {
	Base     string        // "http://127.0.0.1:port"
	Workers  int           // concurrent clients, each with its own keep-alive connection
	Duration time.Duration // how long to send requests
	// Expect holds, per probe of Mix, the outcome under ConfigA and under
	// ConfigB.
	Expect [][2]Outcome
	// Reconfigure is called every Interval with 1, 2, 3, …; it should
	// switch the policy between ConfigA (odd) and ConfigB (even).
	Reconfigure func(i int) error
	Interval    time.Duration
}

// Result counts what a run observed.
type Result struct {
	Requests   int64 // responses received and checked
	Errors     int64 // transport errors (connect, write, read)
	Mismatches int64 // responses equal to neither configuration's outcome
	OnlyA      int64 // responses only ConfigA explains
	OnlyB      int64 // responses only ConfigB explains
	Reconfigs  int64 // successful Reconfigure calls

	FirstError    string
	FirstMismatch string
}

// Run sends the Mix from opts.Workers goroutines for opts.Duration while
// reconfiguring every opts.Interval, and checks every response.
func Run(opts Options) Result {
	var (
		res   Result
		once  sync.Once
		mOnce sync.Once
		mu    sync.Mutex // guards the First* strings
	)
	probes := Mix()
	transport := &http.Transport{
		MaxIdleConns:        opts.Workers,
		MaxIdleConnsPerHost: opts.Workers,
		DisableCompression:  true,
	}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	ctx, cancel := context.WithTimeout(context.Background(), opts.Duration)
	defer cancel()

	var wg sync.WaitGroup
	if opts.Reconfigure != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(opts.Interval)
			defer t.Stop()
			for i := 1; ; i++ {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
				if err := opts.Reconfigure(i); err != nil {
					atomic.AddInt64(&res.Errors, 1)
					once.Do(func() { mu.Lock(); res.FirstError = "reconfigure: " + err.Error(); mu.Unlock() })
					return
				}
				atomic.AddInt64(&res.Reconfigs, 1)
			}
		}()
	}
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for n := w; ctx.Err() == nil; n++ {
				i := n % len(probes)
				got, err := do(client, opts.Base, probes[i])
				if err != nil {
					atomic.AddInt64(&res.Errors, 1)
					once.Do(func() { mu.Lock(); res.FirstError = probes[i].Name + ": " + err.Error(); mu.Unlock() })
					continue
				}
				atomic.AddInt64(&res.Requests, 1)
				a, b := got == opts.Expect[i][0], got == opts.Expect[i][1]
				switch {
				case a && !b:
					atomic.AddInt64(&res.OnlyA, 1)
				case b && !a:
					atomic.AddInt64(&res.OnlyB, 1)
				case !a && !b:
					atomic.AddInt64(&res.Mismatches, 1)
					mOnce.Do(func() {
						mu.Lock()
						res.FirstMismatch = fmt.Sprintf("%s:\ngot      %v\nconfig A %v\nconfig B %v", probes[i].Name, got, opts.Expect[i][0], opts.Expect[i][1])
						mu.Unlock()
					})
				}
			}
		}(w)
	}
	wg.Wait()
	return res
}

// do sends one probe and reads its whole response.
func do(client *http.Client, base string, p Probe) (Outcome, error) {
	r, err := p.NewRequest(base)
	if err != nil {
		return Outcome{}, err
	}
	resp, err := client.Do(r)
	if err != nil {
		return Outcome{}, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return Outcome{}, err
	}
	return OutcomeOf(resp.StatusCode, resp.Header), nil
}
