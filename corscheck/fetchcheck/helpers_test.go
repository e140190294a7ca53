package fetchcheck

import (
	"net/http"
	"testing"
)

// hdr builds a header from name, value pairs; repeated names add lines.
func hdr(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

const app = "https://app.example"

// expect compares a Result with the wanted error and detail, and checks
// that a failure always carries a message and a fix.
func expect(t *testing.T, name string, got Result, wantErr, wantDetail string) {
	t.Helper()
	if got.Error != wantErr || (wantDetail != "-" && got.Detail != wantDetail) {
		t.Errorf("%s: got error %q detail %q, want %q detail %q (message %q)", name, got.Error, got.Detail, wantErr, wantDetail, got.Message)
	}
	if got.OK != (wantErr == "") {
		t.Errorf("%s: OK=%v with error %q", name, got.OK, got.Error)
	}
	if !got.OK && (got.Message == "" || got.Fix == "") {
		t.Errorf("%s: failure without message or fix: %+v", name, got)
	}
	if got.OK && (got.Message != "" || got.Fix != "" || got.Detail != "") {
		t.Errorf("%s: success with text: %+v", name, got)
	}
}
