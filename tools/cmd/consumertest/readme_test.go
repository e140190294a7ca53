package main

import (
	"slices"
	"testing"
)

const sampleReadme = "# x\n\n```sh\ngo get github.com/originguard/cors/core   # net/http\n" +
	"go get github.com/originguard/cors/adapters/gin\ngo install example.com/other@latest\n```\n\n" +
	"```go\npackage main\n\nimport corsgin \"github.com/originguard/cors/adapters/gin\"\n```\n\n" +
	"```go\npackage main\n\nimport cors \"github.com/originguard/cors/core\"\n```\n\n" +
	"```go\ncfg := cors.Config{}\n```\n"

func TestReadmeProgramsAndGoGets(t *testing.T) {
	var names []string
	for _, p := range readmePrograms(sampleReadme) {
		names = append(names, p.name)
	}
	if want := []string{"gin", "nethttp"}; !slices.Equal(names, want) {
		t.Errorf("programs %q, want %q", names, want)
	}
	gets := readmeGoGets(sampleReadme)
	if want := []string{"github.com/originguard/cors/core", "github.com/originguard/cors/adapters/gin"}; !slices.Equal(gets, want) {
		t.Errorf("go get lines %q, want %q", gets, want)
	}
}
