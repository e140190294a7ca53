package main

import (
	"fmt"
	"io"
	"strings"
)

// printText writes the human-readable report.
func printText(w io.Writer, rep *Report) {
	cred := "omit"
	if rep.Credentials {
		cred = "include"
	}
	fmt.Fprintf(w, "corscheck: %s %s from origin %s (credentials: %s, model: %s)\n", rep.Method, rep.URL, rep.Origin, cred, rep.Model)
	n := 1
	if rep.Preflight != nil {
		printStep(w, n, "Preflight", rep.Preflight)
		n++
	} else {
		fmt.Fprintln(w, "\nNo preflight: the method and headers are CORS-safelisted.")
	}
	if rep.Actual != nil {
		printStep(w, n, "Actual request", rep.Actual)
	} else if rep.Preflight != nil {
		fmt.Fprintln(w, "\nActual request not sent: the browser stops after a failed preflight.")
	}
	fmt.Fprintln(w)
	switch rep.Verdict {
	case verdictBlocked:
		f := rep.Failure
		fmt.Fprintf(w, "Verdict: BLOCKED (%s", f.Error)
		if f.Detail != "" {
			fmt.Fprintf(w, ", %s", f.Detail)
		}
		fmt.Fprintln(w, ")")
		fmt.Fprintf(w, "  Chromium says: %s\n", f.Message)
		fmt.Fprintf(w, "  Fix: %s\n", f.Fix)
	case verdictRedirect:
		fmt.Fprintf(w, "Verdict: REDIRECT to %s (this hop passes; not followed)\n", rep.Redirect)
	default:
		fmt.Fprintln(w, "Verdict: ALLOWED")
		if len(rep.Readable) > 0 {
			fmt.Fprintf(w, "  Script may also read: %s\n", strings.Join(rep.Readable, ", "))
		}
	}
	printEngines(w, rep)
	if rep.LocalNetwork != "" {
		fmt.Fprintf(w, "Local Network Access: %s\n", rep.LocalNetwork)
	}
	for _, warn := range rep.Warnings {
		fmt.Fprintf(w, "Warning: %s\n", warn)
	}
}

func printStep(w io.Writer, n int, title string, s *Step) {
	fmt.Fprintf(w, "\n%d. %s\n", n, title)
	printMessage(w, ">", s.Request)
	printMessage(w, "<", s.Response)
	if s.Check.OK {
		fmt.Fprintln(w, "   PASS")
	} else {
		fmt.Fprintf(w, "   FAIL %s\n", s.Check.Error)
	}
}

// printMessage writes a request (">") or response ("<") line and headers.
func printMessage(w io.Writer, dir string, m Message) {
	fmt.Fprintf(w, "   %s %s\n", dir, m.Line)
	for _, h := range m.Headers {
		fmt.Fprintf(w, "   %s %s: %s\n", dir, h.Name, h.Value)
	}
}

// printEngines writes each engine's verdict (and, when blocked, what the
// script sees) and the notes on where engines differ.
func printEngines(w io.Writer, rep *Report) {
	var parts []string
	for _, v := range rep.Engines {
		p := v.Engine + " " + v.Verdict
		if v.FetchError != "" {
			p += fmt.Sprintf(" (%q)", v.FetchError)
		}
		parts = append(parts, p)
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "Engines: %s\n", strings.Join(parts, ", "))
	}
	for _, n := range rep.EngineNotes {
		fmt.Fprintf(w, "Engine note: %s\n", n)
	}
}
