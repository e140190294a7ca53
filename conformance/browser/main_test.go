package browser

import (
	"errors"
	"os"
	"sync"
	"testing"
)

var (
	browserOnce sync.Once
	shared      *Browser
	browserErr  error
)

// TestMain closes the one browser of the test binary; needBrowser starts it
// lazily, so -run on other tests and -short never pay for it.
func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	if corscheckDir != "" {
		_ = os.RemoveAll(corscheckDir)
	}
	os.Exit(code)
}

// needBrowser returns the shared browser. Without one it skips the test, or
// fails it when CORS_BROWSER_REQUIRED is set or CORS_BROWSER is wrong.
func needBrowser(t *testing.T) *Browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped with -short")
	}
	browserOnce.Do(func() {
		path, err := FindChromium()
		if err != nil {
			browserErr = err
			return
		}
		shared, browserErr = Start(path)
	})
	switch {
	case errors.Is(browserErr, ErrNoBrowser) && !Required():
		t.Skipf("%v; set %s=1 to make this a failure", browserErr, EnvRequired)
	case browserErr != nil:
		t.Fatal(browserErr)
	}
	return shared
}
