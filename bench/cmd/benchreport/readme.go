package main

import (
	"bytes"
	"fmt"
	"os"
)

const (
	beginMarker = "<!-- bench:begin -->"
	endMarker   = "<!-- bench:end -->"
)

// replaceBetween returns doc with the text between the markers replaced
// by table, and false if the markers are missing or out of order.
func replaceBetween(doc []byte, table string) ([]byte, bool) {
	b := bytes.Index(doc, []byte(beginMarker))
	if b < 0 {
		return nil, false
	}
	start := b + len(beginMarker)
	e := bytes.Index(doc[start:], []byte(endMarker))
	if e < 0 {
		return nil, false
	}
	end := start + e
	var out bytes.Buffer
	out.Write(doc[:start])
	out.WriteString("\n")
	out.WriteString(table)
	out.WriteString("\n")
	out.Write(doc[end:])
	return out.Bytes(), true
}

// updateReadme writes table between the markers of the README at path,
// or prints it and says why when that is not possible.
func updateReadme(path, table string) error {
	doc, err := os.ReadFile(path)
	if err == nil {
		if updated, ok := replaceBetween(doc, table); ok {
			if err := os.WriteFile(path, updated, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "benchreport: wrote the table into %s\n", path)
			return nil
		}
	}
	fmt.Println(table)
	if err != nil {
		fmt.Fprintf(os.Stderr, "benchreport: %v; the table is printed above instead\n", err)
	} else {
		fmt.Fprintf(os.Stderr, "benchreport: %s has no %s … %s markers; the table is printed above instead\n", path, beginMarker, endMarker)
	}
	return nil
}
