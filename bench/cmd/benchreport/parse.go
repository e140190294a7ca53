package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// key names one benchmark: scenario, framework, library.
type key struct{ sc, fw, lib string }

// stat is benchstat's summary of one metric: the median and its 95%
// confidence interval as benchstat prints it.
type stat struct {
	median float64
	ci     string
}

// sample holds the metrics of one benchmark: wall-clock ns/op, CPU
// ns/op (the harness's cpu-ns/op), B/op and allocs/op.
type sample struct {
	ns, cpu, bytes, allocs stat
}

var nameRE = regexp.MustCompile(`^(?:Benchmark)?CORS/sc=([^/]+)/fw=([^/]+)/lib=(.+?)(?:-\d+)?$`)

// parseBenchstatCSV reads `benchstat -format csv` output of one input
// file: one section per unit, each a header row (",file,"), a unit row
// (",sec/op,CI") and one row per benchmark.
func parseBenchstatCSV(data []byte) (map[key]sample, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("benchstat csv: %w", err)
	}
	out := map[key]sample{}
	unit := ""
	for _, rec := range recs {
		if len(rec) >= 3 && rec[0] == "" && rec[2] == "CI" {
			unit = rec[1]
			continue
		}
		if unit == "" || len(rec) < 2 || rec[0] == "" {
			continue
		}
		m := nameRE.FindStringSubmatch(rec[0])
		if m == nil {
			continue
		}
		v, err := strconv.ParseFloat(rec[1], 64)
		if err != nil {
			return nil, fmt.Errorf("benchstat csv: %s %s: %w", rec[0], unit, err)
		}
		ci := ""
		if len(rec) > 2 {
			ci = strings.TrimSpace(rec[2])
		}
		k := key{m[1], m[2], m[3]}
		s := out[k]
		switch unit {
		case "sec/op":
			s.ns = stat{v * 1e9, ci}
		case "cpu-sec/op": // benchstat rescales the harness's cpu-ns/op
			s.cpu = stat{v * 1e9, ci}
		case "cpu-ns/op":
			s.cpu = stat{v, ci}
		case "B/op":
			s.bytes = stat{v, ci}
		case "allocs/op":
			s.allocs = stat{v, ci}
		default:
			continue
		}
		out[k] = s
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("benchstat csv: no CORS benchmark found")
	}
	return out, nil
}
