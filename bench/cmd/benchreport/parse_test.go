package main

import (
	"strings"
	"testing"
)

const sampleCSV = `goos: linux
goarch: amd64
pkg: github.com/originguard/cors/bench
cpu: AMD EPYC
,raw.txt,
,sec/op,CI
CORS/sc=4-preflight-1hdr/fw=nethttp/lib=none-2,1.5e-08,1%
CORS/sc=4-preflight-1hdr/fw=nethttp/lib=ours-2,4.6e-07,3%
CORS/sc=4-preflight-1hdr/fw=fiber/lib=fiber-cors,7.5e-07,∞
geomean,2.67e-08,

,raw.txt,
,cpu-sec/op,CI
CORS/sc=4-preflight-1hdr/fw=nethttp/lib=none-2,1e-08,1%
CORS/sc=4-preflight-1hdr/fw=nethttp/lib=ours-2,2.5e-07,2%
geomean,2.67e-08,

,raw.txt,
,B/op,CI
CORS/sc=4-preflight-1hdr/fw=nethttp/lib=none-2,0,0%
CORS/sc=4-preflight-1hdr/fw=nethttp/lib=ours-2,96,0%
CORS/sc=4-preflight-1hdr/fw=fiber/lib=fiber-cors,144,∞
geomean,,

,raw.txt,
,allocs/op,CI
CORS/sc=4-preflight-1hdr/fw=nethttp/lib=none-2,0,0%
CORS/sc=4-preflight-1hdr/fw=nethttp/lib=ours-2,1,0%
CORS/sc=4-preflight-1hdr/fw=fiber/lib=fiber-cors,2,∞
geomean,,
`

func TestParseBenchstatCSV(t *testing.T) {
	got, err := parseBenchstatCSV([]byte(sampleCSV))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("parsed %d benchmarks, want 3: %v", len(got), got)
	}
	ours := got[key{"4-preflight-1hdr", "nethttp", "ours"}]
	if ours.ns.median != 460 || ours.ns.ci != "3%" || ours.cpu.median != 250 || ours.bytes.median != 96 || ours.allocs.median != 1 {
		t.Errorf("ours = %+v", ours)
	}
	// A name without the -GOMAXPROCS suffix parses too.
	if f := got[key{"4-preflight-1hdr", "fiber", "fiber-cors"}]; f.allocs.median != 2 || f.ns.median != 750 {
		t.Errorf("fiber-cors = %+v", f)
	}
}

func TestParseBenchstatCSVRejectsEmpty(t *testing.T) {
	if _, err := parseBenchstatCSV([]byte("goos: linux\n")); err == nil {
		t.Error("no error for output without benchmarks")
	}
	bad := ",raw.txt,\n,sec/op,CI\nCORS/sc=1/fw=a/lib=b,notanumber,1%\n"
	if _, err := parseBenchstatCSV([]byte(bad)); err == nil {
		t.Error("no error for a malformed value")
	}
}

func TestReadPreamble(t *testing.T) {
	raw := "goos: linux\ngoarch: amd64\npkg: x\ncpu: AMD EPYC\nBenchmarkCORS/sc=1/fw=a/lib=b-2 1 1 ns/op\ngoos: linux\n"
	got := readPreamble([]byte(raw))
	if len(got) != 3 || got[0] != "goos: linux" || got[2] != "cpu: AMD EPYC" {
		t.Errorf("preamble %q", got)
	}
	env := environment{preamble: got, loadBefore: "1.5", loadAfter: "2.0"}.String()
	for _, want := range []string{"Machine: goos: linux", "cpu: AMD EPYC", "load average 1.5 before, 2.0 after"} {
		if !strings.Contains(env, want) {
			t.Errorf("%q lacks %q", env, want)
		}
	}
}

func TestCountRounds(t *testing.T) {
	raw := "goos: linux\nBenchmarkA-2 1 1 ns/op\nBenchmarkB-2 1 1 ns/op\nBenchmarkA-2 1 2 ns/op\nBenchmarkB-2 1 2 ns/op\n"
	if n := countRounds([]byte(raw)); n != 2 {
		t.Errorf("countRounds = %d, want 2", n)
	}
}
