package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const unreleasedHeading = "## [Unreleased]"

// updateChangelog turns the entries under CHANGELOG.md's Unreleased heading
// into a section for version (Keep a Changelog format) and leaves an empty
// Unreleased heading above it. It returns the new section's heading and
// refuses a changelog without Unreleased entries. With write false the
// file is left alone.
func updateChangelog(root, version string, date time.Time, write bool) (string, error) {
	path := filepath.Join(root, "CHANGELOG.md")
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	text := string(data)
	start := strings.Index(text, unreleasedHeading+"\n")
	if start < 0 {
		return "", fmt.Errorf("CHANGELOG.md has no %q heading", unreleasedHeading)
	}
	body := text[start+len(unreleasedHeading)+1:]
	first := true // no release section follows
	if next := strings.Index(body, "\n## "); next >= 0 {
		body = body[:next+1]
		first = false
	}
	if strings.TrimSpace(body) == "" {
		return "", fmt.Errorf("CHANGELOG.md's Unreleased section is empty: say what %s changes", version)
	}
	if first {
		if err := onlyAdded(body); err != nil {
			return "", err
		}
	}
	heading := fmt.Sprintf("## [%s] - %s", strings.TrimPrefix(version, "v"), date.Format(time.DateOnly))
	text = text[:start] + unreleasedHeading + "\n\n" + heading + "\n" + text[start+len(unreleasedHeading)+1:]
	if write {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return "", err
		}
	}
	return heading + "\n" + body, nil
}

// onlyAdded refuses a first release's section with anything but "### Added":
// nothing can have changed, been fixed or removed since a release that never
// existed.
func onlyAdded(body string) error {
	for line := range strings.SplitSeq(body, "\n") {
		if strings.HasPrefix(line, "### ") && line != "### Added" {
			return fmt.Errorf("CHANGELOG.md: %q in the first release's section: nothing was released before it, so list everything under \"### Added\"", line)
		}
	}
	return nil
}
