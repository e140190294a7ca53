package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The repository's changelog is ready for its first release: one Added
// section, as a release that never existed can have nothing changed or
// fixed since.
func TestFirstReleaseChangelog(t *testing.T) {
	if _, err := updateChangelog(filepath.Join("..", "..", ".."), "v0.1.0", time.Now(), false); err != nil {
		t.Errorf("the repository's CHANGELOG.md: %v", err)
	}
	dir := t.TempDir()
	write := func(text string) {
		if err := os.WriteFile(filepath.Join(dir, "CHANGELOG.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("# Changelog\n\n## [Unreleased]\n\n### Added\n\n- a\n\n### Fixed\n\n- b\n")
	if _, err := updateChangelog(dir, "v0.1.0", time.Now(), false); err == nil || !strings.Contains(err.Error(), `"### Fixed" in the first release's section`) {
		t.Errorf("first release with a Fixed section: error %v", err)
	}
	write("# Changelog\n\n## [Unreleased]\n\n### Fixed\n\n- b\n\n## [0.1.0] - 2026-01-01\n\n### Added\n\n- a\n")
	if _, err := updateChangelog(dir, "v0.1.1", time.Now(), false); err != nil {
		t.Errorf("a later release with a Fixed section: %v", err)
	}
}
