package cors

import (
	"net/http"
	"strings"

	"github.com/originguard/cors/core/adapter"
)

// CheckOrigin reports whether a WebSocket opening handshake may proceed
// under the policy's origin rules, so that one list of origins serves CORS
// and WebSockets. Its method value is gorilla/websocket's
// Upgrader.CheckOrigin:
//
//	upgrader := websocket.Upgrader{CheckOrigin: policy.CheckOrigin}
//
// and with coder/websocket, call it before Accept (whose own origin check
// then has nothing left to refuse):
//
//	if !policy.CheckOrigin(r) {
//		http.Error(w, "origin not allowed", http.StatusForbidden)
//		return
//	}
//	conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
//
// A handshake passes without Origin (a client that is not a browser), from
// its own origin (the Origin's host and port equal the Host header, ASCII
// case-insensitively, as gorilla/websocket compares them), or from an origin
// the policy allows for the request's host and path (AllowedOrigins,
// AllowOriginFunc, AllowOriginRequestFunc, scopes; "*" allows every origin).
// A repeated, malformed or "null" Origin never passes, and a refusal goes
// to the denial log. Browsers send cookies with every handshake and
// WebSockets are not subject to CORS, so this check is what keeps other
// sites from opening a connection as the user (cross-site WebSocket
// hijacking).
func (p *Policy) CheckOrigin(r *http.Request) bool {
	lines := r.Header["Origin"]
	if len(lines) == 0 {
		return true
	}
	o := trimOWS(lines[0])
	if len(lines) == 1 && o != "null" {
		if h, ok := originHost(o); ok && h != "" && strings.EqualFold(h, r.Host) {
			return true
		}
	}
	var req adapter.Request
	req.ReadHTTP(r)
	d := p.Evaluate(r.Context(), &req, nil)
	return d.Allowed && d.Kind == Actual && o != "null"
}
