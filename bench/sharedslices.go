package bench

import "slices"

// poison is written into every response header value after a response
// has been served, the way a handler or outer middleware mutating
// h["Vary"][0] in place would.
const poison = "POISONED"

// sharedSliceResult lists, for one stack, the scenarios whose next
// response carried a value poisoned through the previous one.
type sharedSliceResult struct {
	fw, lib string
	// leaks maps scenario name to the poisoned response headers.
	leaks map[string][]string
}

// poisonCheck serves sc twice on the same writer. After the first
// response it overwrites every header value in place; the second
// response must not show the poison. Everything it poisons is restored
// afterwards, because some peers keep package-level slices that would
// otherwise corrupt every later request in the process.
func poisonCheck(fw framework, lib string, sc scenario) ([]string, error) {
	st, err := buildStack(fw, lib, sc)
	if err != nil {
		return nil, err
	}
	x := newExchange(st, sc)
	x.serve()
	var undo []func()
	for _, vs := range x.w.h {
		for i := range vs {
			orig := vs[i]
			vs[i] = poison
			undo = append(undo, func() { vs[i] = orig })
		}
	}
	defer func() {
		for _, u := range undo {
			u()
		}
	}()
	// A real server gives each request its own header map; a middleware
	// that reuses the request's slices must not be blamed here.
	x.r.Header = sc.header.Clone()
	resp := x.observe()
	var leaked []string
	for k, vs := range resp.header {
		if slices.Contains(vs, poison) {
			leaked = append(leaked, k)
		}
	}
	slices.Sort(leaked)
	return leaked, nil
}

// sharedSliceResults runs poisonCheck for every net/http-based stack that
// adds CORS headers (fiber copies header values into its own buffers).
func sharedSliceResults() ([]sharedSliceResult, error) {
	var out []sharedSliceResult
	for _, fw := range frameworks() {
		if fw.name == "fiber" {
			continue
		}
		for _, lib := range fw.libs {
			if lib == libNone || lib == libNoop {
				continue
			}
			res := sharedSliceResult{fw: fw.name, lib: lib, leaks: map[string][]string{}}
			for _, sc := range scenarios() {
				leaked, err := poisonCheck(fw, lib, sc)
				if err != nil {
					return nil, err
				}
				if len(leaked) > 0 {
					res.leaks[sc.name] = leaked
				}
			}
			out = append(out, res)
		}
	}
	return out, nil
}
