package browser

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

func TestExp(t *testing.T) {
	var e *Engine
	for _, x := range Engines {
		if x.Name == os.Getenv("EXP_ENGINE") {
			e = x
		}
	}
	if e == nil {
		t.Skip("EXP_ENGINE")
	}
	er := startEngine(t, e)
	ln := listen(t)
	var log []string
	serveHTTP(t, ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log = append(log, r.Method+" "+r.URL.RequestURI()+" cookie="+r.Header.Get("Cookie"))
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		h.Set("Access-Control-Allow-Credentials", "true")
		if r.Method == "OPTIONS" {
			h.Set("Access-Control-Allow-Methods", "PUT")
			h.Set("Access-Control-Allow-Headers", "x-custom")
			if ma := r.URL.Query().Get("ma"); ma != "none" {
				h.Set("Access-Control-Max-Age", ma)
			}
			w.WriteHeader(204)
			return
		}
		w.Write([]byte("ok"))
	}))
	base := baseURL(ln)
	for _, spec := range strings.Split(os.Getenv("EXP_SEQ"), ",") {
		// spec: ma:cred:pauseMs
		var ma, cred string
		var pause int
		parts := strings.Split(spec, ":")
		ma, cred = parts[0], parts[1]
		fmt.Sscan(parts[2], &pause)
		time.Sleep(time.Duration(pause) * time.Millisecond)
		c := Call{URL: base + "/x?ma=" + ma + "&k=" + parts[3], Method: "PUT", Headers: []Header{hCustom}, Credentials: cred}
		outs, err := er.run(PageA, []Call{c})
		_ = fmt.Sprint(ma)
		if err != nil {
			t.Fatal(err)
		}
		n := len(log)
		time.Sleep(50 * time.Millisecond)
		fmt.Printf("%s %v %v\n", spec, outs[0].Allowed, log[len(log)-min(n, 2):])
		_ = n
	}
	for _, l := range log {
		fmt.Println(l)
	}
}

func TestExpConsole(t *testing.T) {
	if os.Getenv("EXP_CONSOLE") == "" {
		t.Skip()
	}
	er := startEngine(t, WebKit)
	ln := listen(t)
	rec := newRecorder()
	stacks[0].serve(t, ln, Main.Config(er.pages.Origins), appHandler(rec), rec, false)
	base := baseURL(ln)
	calls := []Call{{URL: base + "/api/x?a=1"}, {URL: base + "/api/y?a=1", Method: "PURGE"}, {URL: base + "/api/z?a=1", Method: "patch"}}
	outs, err := er.pages.Run(PageOther, calls)
	fmt.Println(outs, err)
	time.Sleep(time.Second)
	fmt.Println(er.sess.(*processSession).Output())
}
