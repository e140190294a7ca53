package main

import (
	"regexp"
	"strings"
)

// program is one complete Go program of the README.
type program struct {
	name   string // "gin", "echo", …, or "nethttp" for the one without an adapter
	source string
}

var (
	fencedBlock = regexp.MustCompile("(?s)```(go|sh)\n(.*?)```")
	adapterPath = regexp.MustCompile(`"github\.com/originguard/cors/adapters/([a-z0-9]+)"`)
)

// readmePrograms returns the README's fenced Go blocks that start with
// "package main", named after the adapter each imports.
func readmePrograms(readme string) []program {
	var out []program
	for _, m := range fencedBlock.FindAllStringSubmatch(readme, -1) {
		if m[1] != "go" || !strings.HasPrefix(m[2], "package main\n") {
			continue
		}
		name := "nethttp"
		if a := adapterPath.FindStringSubmatch(m[2]); a != nil {
			name = a[1]
		}
		out = append(out, program{name: name, source: m[2]})
	}
	return out
}

// readmeGoGets returns the module arguments of the README's
// "go get github.com/originguard/cors/…" lines, in order.
func readmeGoGets(readme string) []string {
	var out []string
	for _, m := range fencedBlock.FindAllStringSubmatch(readme, -1) {
		if m[1] != "sh" {
			continue
		}
		for line := range strings.Lines(m[2]) {
			line, _, _ = strings.Cut(line, "#")
			fields := strings.Fields(line)
			if len(fields) == 3 && fields[0] == "go" && fields[1] == "get" &&
				strings.HasPrefix(fields[2], "github.com/originguard/cors/") {
				out = append(out, fields[2])
			}
		}
	}
	return out
}
