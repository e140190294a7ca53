package main

import (
	"net/url"
	"strings"
	"testing"
)

func TestLocalNetworkNote(t *testing.T) {
	for _, tc := range []struct {
		origin, target string
		space          string // the targetAddressSpace advised, "" for no note
	}{
		{"https://app.example", "http://127.0.0.1:8080/api", "loopback"},
		{"https://app.example", "http://[::1]:8080/", "loopback"},
		{"https://app.example", "http://localhost:3000/", "loopback"},
		{"https://app.example", "http://192.168.1.20/", "local"},
		{"https://app.example", "http://10.0.0.1/", "local"},
		{"https://app.example", "http://printer.local/", "local"},
		{"null", "http://127.0.0.1/", "loopback"},
		{"http://192.168.1.5:8000", "http://127.0.0.1:8080/", "loopback"},
		{"https://app.example", "https://api.example/", ""},
		{"https://app.example", "http://8.8.8.8/", ""},
		{"http://127.0.0.1:8081", "http://127.0.0.1:8080/", ""},
		{"http://localhost:5173", "http://127.0.0.1:8080/", ""},
		{"http://127.0.0.1:8081", "http://192.168.1.20/", ""},
	} {
		u, err := url.Parse(tc.target)
		if err != nil {
			t.Fatal(err)
		}
		note := localNetworkNote(tc.origin, u)
		switch {
		case tc.space == "" && note != "":
			t.Errorf("%s -> %s: unexpected note %q", tc.origin, tc.target, note)
		case tc.space != "" && !strings.Contains(note, `targetAddressSpace: "`+tc.space+`"`):
			t.Errorf("%s -> %s: note %q does not advise targetAddressSpace %q", tc.origin, tc.target, note, tc.space)
		}
	}
}

// The report carries the note for a loopback server called from a public
// page, in both forms; the verdict is the server's.
func TestLocalNetworkReport(t *testing.T) {
	rec := policyServer(t)
	code, rep := runJSON(t, "-origin", app, rec.srv.URL)
	if code != exitAllowed || !strings.Contains(rep.LocalNetwork, "Local Network Access") || !strings.Contains(rep.LocalNetwork, "CORS error") {
		t.Errorf("exit %d, local_network %q", code, rep.LocalNetwork)
	}
	o := runCmd("-origin", app, rec.srv.URL)
	if !strings.Contains(o.stdout, "\nLocal Network Access: 127.0.0.1 is a loopback address and the page is on a public one") {
		t.Errorf("text report lacks the note:\n%s", o.stdout)
	}
	if _, rep := runJSON(t, "-origin", "http://127.0.0.1:3000", rec.srv.URL); rep.LocalNetwork != "" {
		t.Errorf("loopback page: local_network %q", rep.LocalNetwork)
	}
}
