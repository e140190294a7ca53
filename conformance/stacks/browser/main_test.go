package browser

import (
	"os"
	"testing"
)

// TestMain removes the corscheck binary built for the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if corscheckDir != "" {
		_ = os.RemoveAll(corscheckDir)
	}
	os.Exit(code)
}
