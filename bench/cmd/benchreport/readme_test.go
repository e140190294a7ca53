package main

import (
	"strings"
	"testing"
)

func TestReplaceBetween(t *testing.T) {
	doc := "intro\n<!-- bench:begin -->\nold table\n<!-- bench:end -->\noutro\n"
	got, ok := replaceBetween([]byte(doc), "new table")
	if !ok {
		t.Fatal("markers not found")
	}
	want := "intro\n<!-- bench:begin -->\nnew table\n<!-- bench:end -->\noutro\n"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// Running it again replaces the table instead of stacking it.
	again, _ := replaceBetween(got, "newer")
	if strings.Count(string(again), "new") != 1 || !strings.Contains(string(again), "newer") {
		t.Errorf("second replacement: %q", again)
	}
}

func TestReplaceBetweenWithoutMarkers(t *testing.T) {
	for _, doc := range []string{
		"no markers",
		"<!-- bench:begin --> only the first",
		"<!-- bench:end --> before <!-- bench:begin -->",
	} {
		if _, ok := replaceBetween([]byte(doc), "x"); ok {
			t.Errorf("%q: reported markers", doc)
		}
	}
}
