package main

import (
	"io"
	"net"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
)

const (
	app  = "https://app.example"
	evil = "https://evil.example"
)

// exchange is one request of the example's documented behaviour and what
// the answer must be.
type exchange struct {
	name    string
	method  string
	path    string
	headers []string // name, value, …; "Origin: self" is the server's own origin
	status  int      // 0: the router's own answer (it differs between stacks), never 2xx
	// transfers is how much the request adds to the counter.
	transfers int
	// acao is the Access-Control-Allow-Origin expected.
	acao string
}

var exchanges = []exchange{
	{name: "forged form post (cross-site)", method: "POST", path: "/api/transfer",
		headers: []string{"Origin", evil, "Sec-Fetch-Site", "cross-site", "Content-Type", "application/x-www-form-urlencoded"}, status: 403},
	{name: "forged no-cors fetch from a sibling site", method: "POST", path: "/api/transfer",
		headers: []string{"Origin", "https://evil.app.example", "Sec-Fetch-Site", "same-site", "Content-Type", "text/plain"}, status: 403},
	{name: "forged post from a browser without Sec-Fetch-Site", method: "POST", path: "/api/transfer",
		headers: []string{"Origin", evil}, status: 403},
	{name: "forged post from an opaque origin", method: "POST", path: "/api/transfer",
		headers: []string{"Origin", "null", "Sec-Fetch-Site", "cross-site"}, status: 403},
	{name: "forged post without Origin", method: "POST", path: "/api/transfer",
		headers: []string{"Sec-Fetch-Site", "cross-site"}, status: 403},
	{name: "forged DELETE to a path with no route", method: "DELETE", path: "/nowhere",
		headers: []string{"Origin", evil, "Sec-Fetch-Site", "cross-site"}, status: 403},
	{name: "credentialed post from the allowed origin", method: "POST", path: "/api/transfer",
		headers: []string{"Origin", app, "Sec-Fetch-Site", "cross-site", "Cookie", "session=1", "Content-Type", "application/json"}, status: 200, transfers: 1, acao: app},
	{name: "same-origin post", method: "POST", path: "/api/transfer",
		headers: []string{"Origin", "self", "Sec-Fetch-Site", "same-origin"}, status: 200, transfers: 1},
	{name: "same-origin post from a browser without Sec-Fetch-Site", method: "POST", path: "/api/transfer",
		headers: []string{"Origin", "self"}, status: 200, transfers: 1},
	{name: "post typed in the address bar", method: "POST", path: "/api/transfer",
		headers: []string{"Sec-Fetch-Site", "none"}, status: 200, transfers: 1},
	{name: "post from curl", method: "POST", path: "/api/transfer", status: 200, transfers: 1},
	{name: "cross-site GET is never refused", method: "GET", path: "/api/count",
		headers: []string{"Origin", evil, "Sec-Fetch-Site", "cross-site"}, status: 200},
	{name: "preflight from the allowed origin", method: "OPTIONS", path: "/api/transfer",
		headers: []string{"Origin", app, "Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "content-type"}, status: 204, acao: app},
	{name: "unsafe request to a path with no route from the allowed origin", method: "DELETE", path: "/nowhere",
		headers: []string{"Origin", app, "Sec-Fetch-Site", "cross-site"}, status: 0, acao: app},
}

func stackNames(t *testing.T) []string {
	names := make([]string, 0, len(stacks))
	for name := range stacks {
		names = append(names, name)
	}
	sort.Strings(names)
	if want := []string{"chi", "echo", "echov5", "fiber", "fiberv3", "gin", "nethttp"}; !slices.Equal(names, want) {
		t.Fatalf("stacks %v, want %v", names, want)
	}
	return names
}

// TestCrossOriginExample sends every exchange through every stack and reads
// the counter after each one.
func TestCrossOriginExample(t *testing.T) {
	for _, name := range stackNames(t) {
		t.Run(name, func(t *testing.T) {
			base, stop := start(t, name)
			defer stop()
			want := 0
			for _, x := range exchanges {
				res, body := send(t, x.method, base+x.path, base, x.headers)
				want += x.transfers
				switch {
				case x.status == 0 && res.StatusCode/100 == 2:
					t.Errorf("%s: status %d, want the router's own refusal", x.name, res.StatusCode)
				case x.status != 0 && res.StatusCode != x.status:
					t.Errorf("%s: status %d, want %d", x.name, res.StatusCode, x.status)
				case x.status == 200 && x.transfers == 1 && body != transferred:
					t.Errorf("%s: body %q, want %q", x.name, body, transferred)
				}
				if got := res.Header.Get("Access-Control-Allow-Origin"); got != x.acao {
					t.Errorf("%s: Access-Control-Allow-Origin %q, want %q", x.name, got, x.acao)
				}
				if res.StatusCode == http.StatusForbidden {
					for k := range res.Header {
						if strings.HasPrefix(k, "Access-Control-") {
							t.Errorf("%s: refusal carries %s", x.name, k)
						}
					}
				}
				if _, count := send(t, "GET", base+"/api/count", base, nil); count != strconv.Itoa(want) {
					t.Fatalf("%s: count %q, want %d", x.name, count, want)
				}
			}
		})
	}
}

// TestWebSocketOrigin opens the nethttp stack's WebSocket with
// gorilla/websocket's client: the policy's origins and the server's own
// pass, others do not.
func TestWebSocketOrigin(t *testing.T) {
	base, stop := start(t, "nethttp")
	defer stop()
	url := "ws" + strings.TrimPrefix(base, "http") + "/ws"
	for _, tc := range []struct {
		origin string // "self": the server's own; "": none
		ok     bool
	}{
		{app, true}, {"self", true}, {"", true},
		{evil, false}, {"null", false}, {"https://app.example.evil.example", false}, {"http://app.example", false},
	} {
		h := http.Header{}
		switch tc.origin {
		case "self":
			h.Set("Origin", base)
		case "":
		default:
			h.Set("Origin", tc.origin)
		}
		conn, res, err := websocket.DefaultDialer.Dial(url, h)
		if !tc.ok {
			if err == nil {
				_ = conn.Close()
				t.Errorf("origin %q: handshake succeeded, want it refused", tc.origin)
			} else if res == nil || res.StatusCode != http.StatusForbidden {
				t.Errorf("origin %q: %v, want 403", tc.origin, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("origin %q: %v", tc.origin, err)
			continue
		}
		if err := conn.WriteMessage(websocket.TextMessage, []byte("ping")); err != nil {
			t.Error(err)
		}
		if _, msg, err := conn.ReadMessage(); err != nil || string(msg) != "ping" {
			t.Errorf("origin %q: echo %q %v", tc.origin, msg, err)
		}
		_ = conn.Close()
	}
}

// start serves the example on a stack on a fresh port.
func start(t *testing.T, stack string) (base string, stop func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return "http://" + ln.Addr().String(), stacks[stack](ln, newPolicy(), &counter{})
}

// send sends one request; an Origin value "self" is replaced by self.
func send(t *testing.T, method, url, self string, headers []string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		v := headers[i+1]
		if headers[i] == "Origin" && v == "self" {
			v = self
		}
		req.Header.Set(headers[i], v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	return res, string(body)
}
