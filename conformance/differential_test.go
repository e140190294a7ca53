package conformance

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var (
	differentialN    = flag.Int("differential.n", DifferentialSize, "generated requests per stack and policy in the differential test (CI runs the default)")
	differentialSeed = flag.Uint64("differential.seed", DifferentialSeed, "seed of the differential corpus")
)

func TestMain(m *testing.M) {
	flag.Parse()
	DifferentialSize, DifferentialSeed = *differentialN, *differentialSeed
	os.Exit(m.Run())
}

// TestDifferentialCorpus checks the corpus itself: it holds every kind of
// mutation the differential test promises, and the fixed regressions.
func TestDifferentialCorpus(t *testing.T) {
	corpus := wireCorpus(DifferentialSeed, DifferentialSize)
	if len(corpus) < DifferentialSize {
		t.Fatalf("%d cases, want at least %d", len(corpus), DifferentialSize)
	}
	all := ""
	for _, c := range corpus {
		all += c.name + "\n"
	}
	for _, want := range []string{"duplicate", "case ", "ows", "obs-fold", `byte "\x00"`, "100 kB", "unicode name", "space before colon",
		"empty ", `origin "null"`, "xn--", "[::1]", ":443", "trailer", "one name per line", "pipelined"} {
		if !strings.Contains(all, want) {
			t.Errorf("no case with %q among %d (seed %d)", want, len(corpus), DifferentialSeed)
		}
	}
	t.Logf("%d cases (%d fixed regressions), seed %d", len(corpus), len(wireRegressions()), DifferentialSeed)
}

// TestCacheRuleCatches runs the cache-rule check on the classic broken
// middleware (it reflects every Origin without Vary: Origin): it must fail.
func TestCacheRuleCatches(t *testing.T) {
	for _, b := range brokenStacks() {
		if b.h.Name != "reflect-all" {
			continue
		}
		app, err := b.h.build(pList.cfg)
		if err != nil {
			t.Fatal(err)
		}
		if msgs := cacheRuleProblems(app, get(PathResource)); len(msgs) == 0 {
			t.Error("reflect-all passes the cache rule")
		}
		return
	}
	t.Fatal("no reflect-all stack among brokenStacks")
}
