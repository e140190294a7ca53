package bench

import "testing"

// BenchmarkCORS runs every benchmarked scenario on every stack. Names are
// sc=<scenario>/fw=<framework>/lib=<library> so that benchstat and
// cmd/benchreport can regroup them.
func BenchmarkCORS(b *testing.B) {
	for _, sc := range scenarios() {
		if !sc.benchmarked {
			continue
		}
		b.Run("sc="+sc.name, func(b *testing.B) {
			for _, fw := range frameworks() {
				for _, lib := range fw.libs {
					b.Run("fw="+fw.name+"/lib="+lib, func(b *testing.B) {
						st, err := buildStack(fw, lib, sc)
						if err != nil {
							b.Fatal(err)
						}
						x := newExchange(st, sc)
						b.ReportAllocs()
						for b.Loop() {
							x.serve()
						}
					})
				}
			}
		})
	}
}
