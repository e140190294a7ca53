package migrate

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestGolden runs the analyzer on each library's forms (testdata/src, with
// stubs of the libraries) and compares the fixed files with their .golden
// copies.
func TestGolden(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), Analyzer,
		"rscors", "rscorsbug", "gincors", "echov4", "echov5", "fiberv2", "fiberv3", "chicors")
}
