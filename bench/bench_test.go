package bench

import "testing"

// BenchmarkCORS runs every benchmarked scenario on every stack. Names are
// sc=<scenario>/fw=<framework>/lib=<library> so that benchstat and
// cmd/benchreport can regroup them.
//
// Besides ns/op (wall clock) it reports cpu-ns/op: the process's CPU time
// (user + system, so including the garbage collector) per request. On a
// loaded machine wall-clock time also counts the time spent waiting for a
// CPU; CPU time does not.
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
						cpu0 := cpuTime()
						for b.Loop() {
							x.serve()
						}
						if cpu := cpuTime() - cpu0; cpu > 0 {
							b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
						}
					})
				}
			}
		})
	}
}
