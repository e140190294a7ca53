package main

import (
	"fmt"
	"slices"
	"strings"
)

// Targets on ours − minimal, in ns per request: the median over every
// scenario × framework cell, and every single cell.
const (
	excessMedianTarget = 30
	excessCellTarget   = 80
)

// excessCell is ours − minimal on one scenario and framework: what our
// generality costs over the least code that gives the same answers.
type excessCell struct {
	sc, fw string
	ns     float64
}

// excess returns ours − minimal for every cell where both were measured,
// in table order.
func (r *results) excess() []excessCell {
	var out []excessCell
	for _, s := range r.scenarios {
		for _, fw := range r.frameworks() {
			ours, ok1 := r.get(s, fw, libOurs)
			minimal, ok2 := r.get(s, fw, libMinimal)
			if ok1 && ok2 {
				out = append(out, excessCell{s, fw, r.time(ours) - r.time(minimal)})
			}
		}
	}
	return out
}

// median returns the median of v (the mean of the middle two for an even
// count), 0 for none.
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(v))
	m := len(s) / 2
	if len(s)%2 == 0 {
		return (s[m-1] + s[m]) / 2
	}
	return s[m]
}

// excessSummary returns the median and the largest cell of cells.
func excessSummary(cells []excessCell) (med float64, top excessCell) {
	v := make([]float64, len(cells))
	for i, c := range cells {
		v[i] = c.ns
		if i == 0 || c.ns > top.ns {
			top = c
		}
	}
	return median(v), top
}

// excessTable renders ours − minimal as one scenario × framework matrix,
// with the median and the maximum under it, and checks the two targets.
func (r *results) excessTable(cells []excessCell, perCell *target) (string, *target) {
	if len(cells) == 0 {
		return "", nil
	}
	fws := []string{}
	for _, c := range cells {
		if !slices.Contains(fws, c.fw) {
			fws = append(fws, c.fw)
		}
	}
	at := map[[2]string]float64{}
	for _, c := range cells {
		at[[2]string{c.sc, c.fw}] = c.ns
		perCell.check(c.ns <= excessCellTarget, fmt.Sprintf("%s/%s %s", c.fw, c.sc, fmtNs(c.ns)))
	}
	var b strings.Builder
	b.WriteString("#### ours − minimal\n\n")
	fmt.Fprintf(&b, "Median of ours' %s minus the minimal middleware's, per scenario and framework.\n\n", r.metricName())
	b.WriteString("| scenario | " + strings.Join(fws, " | ") + " |\n")
	b.WriteString("|---|" + strings.Repeat("---:|", len(fws)) + "\n")
	for _, s := range r.scenarios {
		row := []string{s}
		measured := false
		for _, fw := range fws {
			v, ok := at[[2]string{s, fw}]
			cell := "–"
			if ok {
				cell, measured = fmtNs(v), true
			}
			row = append(row, cell)
		}
		if measured {
			b.WriteString("| " + strings.Join(row, " | ") + " |\n")
		}
	}
	med, top := excessSummary(cells)
	fmt.Fprintf(&b, "\nOver %d cells: median %s ns, largest %s ns (%s/%s).\n\n", len(cells), fmtNs(med), fmtNs(top.ns), top.fw, top.sc)
	medianTarget := &target{name: fmt.Sprintf("ours − minimal: median ≤ %d ns over all cells", excessMedianTarget)}
	medianTarget.check(med <= excessMedianTarget, fmt.Sprintf("median %s ns", fmtNs(med)))
	return b.String(), medianTarget
}
