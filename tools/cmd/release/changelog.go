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
	if next := strings.Index(body, "\n## "); next >= 0 {
		body = body[:next+1]
	}
	if strings.TrimSpace(body) == "" {
		return "", fmt.Errorf("CHANGELOG.md's Unreleased section is empty: say what %s changes", version)
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
