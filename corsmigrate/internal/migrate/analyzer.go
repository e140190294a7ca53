// Package migrate is the corsmigrate analyzer: it finds the CORS
// middleware of other libraries and rewrites each configuration to the
// originguard/cors adapter of the same framework.
package migrate

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer reports each CORS configuration of rs/cors, gin-contrib/cors,
// echo v4 and v5, fiber v2 and v3 and go-chi/cors, with a fix that rewrites
// it to our adapter's New(Config{…}), or with the reason it cannot.
var Analyzer = &analysis.Analyzer{
	Name: "corsmigrate",
	Doc: "migrate CORS middleware to originguard/cors\n\n" +
		"corsmigrate rewrites the configurations and mount points of rs/cors, gin-contrib/cors, " +
		"echo v4 and v5, fiber v2 and v3 and go-chi/cors to the originguard/cors adapter of the same " +
		"framework, writing out the old defaults that differ from ours. What it cannot carry over " +
		"faithfully gets a diagnostic with the reason, and its code is left untouched.",
	URL: "https://github.com/originguard/cors/blob/main/docs/migrating.md",
	Run: run,
}

func run(pass *analysis.Pass) (any, error) {
	for _, lib := range libraries {
		if slices.ContainsFunc(pass.Pkg.Imports(), func(p *types.Package) bool { return p.Path() == lib.Path }) {
			(&migration{pass: pass, lib: lib, src: map[*token.File][]byte{}}).run()
		}
	}
	return nil, nil
}

// A migration rewrites one library's uses in one package.
type migration struct {
	pass  *analysis.Pass
	lib   *library
	src   map[*token.File][]byte
	sites []*site
	other []problem // uses of the library no form covers
}

// A site is one rewritten call.
type site struct {
	file    *ast.File
	node    ast.Expr   // replaced
	removed []ast.Stmt // the statements that built its configuration, removed
	name    string     // the old call, for messages
	t       *translation
}

func (m *migration) run() {
	for _, f := range m.pass.Files {
		m.findSites(f)
	}
	for _, f := range m.pass.Files {
		m.findOtherUses(f)
		if m.lib.Path == rsCors {
			m.findInterfaceUses(f)
		}
	}
	for _, p := range m.other {
		m.pass.Report(analysis.Diagnostic{Pos: p.pos, Message: p.msg})
	}
	// rs/cors's *Cors flows through the program; its uses are rewritten in
	// one go or not at all.
	blocked := m.lib.Path == rsCors && (len(m.other) > 0 ||
		slices.ContainsFunc(m.sites, func(s *site) bool { return len(s.t.problems) > 0 }))
	for _, s := range m.sites {
		if len(s.t.problems) > 0 {
			for _, p := range s.t.problems {
				if !p.pos.IsValid() {
					p.pos = s.node.Pos()
				}
				m.pass.Report(analysis.Diagnostic{Pos: p.pos, End: s.node.End(),
					Message: fmt.Sprintf("%s: not migrated: %s", m.lib.Name, p.msg)})
			}
			continue
		}
		if m.onGroup(s) {
			s.t.notes = append(s.t.notes, "it is mounted on a route group, where preflights for paths without an OPTIONS route never reach it (as before): mount it with engine.Use")
		}
		msg := fmt.Sprintf("%s: %s can be migrated to %s.%s", m.lib.Name, s.name, m.lib.TargetName, m.lib.Build)
		if len(s.t.notes) > 0 {
			msg += " (" + strings.Join(s.t.notes, "; ") + ")"
		}
		d := analysis.Diagnostic{Pos: s.node.Pos(), End: s.node.End(), Message: msg}
		if blocked {
			d.Message += "; not rewritten while other uses of rs/cors in this package cannot be"
		} else {
			edits := append(m.fileEdits(s.file, s.t.needTime), m.replace(s.node, s.t.text(m.targetName(s.file))))
			for _, st := range s.removed {
				edits = append(edits, m.removeLines(st))
			}
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: "migrate to " + m.lib.Target, TextEdits: edits}}
		}
		m.pass.Report(d)
	}
	if !blocked && m.lib.Path == rsCors {
		m.rsFilesWithoutSites()
	}
}

// findSites records every call of a form.
func (m *migration) findSites(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		var call *ast.CallExpr
		method := ""
		node := n
		switch n := n.(type) {
		case *ast.SelectorExpr:
			c, ok := ast.Unparen(n.X).(*ast.CallExpr)
			if !ok {
				return true
			}
			call, method = c, n.Sel.Name
		case *ast.CallExpr:
			call = n
		default:
			return true
		}
		fn, _ := typeutil.Callee(m.pass.TypesInfo, call).(*types.Func)
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != m.lib.Path || fn.Signature().Recv() != nil {
			return true
		}
		for i := range m.lib.Forms {
			fm := &m.lib.Forms[i]
			var argsOK bool
			switch fm.Arg {
			case "":
				argsOK = len(call.Args) == 0
			case "config":
				argsOK = len(call.Args) == 1
			case "origins":
				argsOK = true
			}
			if fm.Func != fn.Name() || fm.Method != method || !argsOK {
				continue
			}
			s := &site{file: f, node: node.(ast.Expr), name: m.callName(call, method)}
			s.t = m.translateCall(s, fm, call)
			m.sites = append(m.sites, s)
			return false
		}
		return true
	})
}

// translateCall reads the configuration a call of form fm stands for.
func (m *migration) translateCall(s *site, fm *form, call *ast.CallExpr) *translation {
	f := s.file
	vals := map[string]*value{}
	var comments map[string]comment
	switch fm.Arg {
	case "":
		for name, entries := range fm.Preset {
			vals[name] = presetValue(entries, m.lib.fieldByName(name).Kind, call.Pos())
		}
	case "origins":
		v := &value{list: true, known: true, pos: call.Pos(), strs: []string{}}
		var texts []string
		for _, a := range call.Args {
			texts = append(texts, m.text(a))
			if c := m.pass.TypesInfo.Types[a].Value; c != nil && c.Kind() == constant.String && !call.Ellipsis.IsValid() {
				v.strs = append(v.strs, constant.StringVal(c))
			} else {
				v.known = false
			}
		}
		v.text = "[]string{" + strings.Join(texts, ", ") + "}"
		if call.Ellipsis.IsValid() {
			v.text = texts[0]
		}
		vals["AllowOrigins"] = v
	case "config":
		arg := ast.Unparen(call.Args[0])
		var ops []fieldOp
		if id, ok := arg.(*ast.Ident); ok {
			if init, stmts, o, ok := m.configVariable(f, call, id); ok {
				arg, ops, s.removed = init, o, stmts
			}
		}
		if preset := m.preset(arg); preset != nil {
			for name, entries := range preset {
				vals[name] = presetValue(entries, m.lib.fieldByName(name).Kind, arg.Pos())
			}
			arg = &ast.CompositeLit{}
		}
		lit, ok := arg.(*ast.CompositeLit)
		if !ok {
			t := &translation{}
			s.removed = nil
			t.problem(call.Args[0].Pos(), "the configuration is not a literal: corsmigrate rewrites %s with its fields written in the call, or in a variable set just before it (a literal or %s, then field assignments) and used only there; write it so, or migrate this call by hand", m.text(call.Fun)+"(…)", m.presetNames())
			return t
		}
		t := &translation{}
		comments = m.fieldComments(f, lit)
		for _, e := range lit.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok {
				t.problem(e.Pos(), "the configuration's fields are not named")
				return t
			}
			name := kv.Key.(*ast.Ident).Name
			k := kDrop
			if f := m.lib.fieldByName(name); f != nil {
				k = f.Kind
			}
			v, err := readValue(m.pass.TypesInfo, kv.Value, m.text(kv.Value), m.lib.CSV, k)
			if err != nil {
				t.problem(kv.Value.Pos(), "%s: %v", name, err)
				return t
			}
			vals[name] = v
		}
		for _, op := range ops {
			if err := m.apply(vals, op); err != nil {
				t.problem(op.pos, "%v", err)
				return t
			}
		}
	}
	t := translate(m.lib, vals, call.Pos())
	for old, c := range comments {
		if fd := m.lib.fieldByName(old); fd != nil && fd.New != "" {
			if _, ok := t.fields[fd.New]; ok {
				t.comments[fd.New] = c
			}
		}
	}
	return t
}

// A comment is what was written around one field of a configuration
// literal: the lines before it and the end of its line.
type comment struct{ lead, trail string }

// fieldComments returns the comments of each field of lit, by field name,
// so that the rewritten configuration keeps them.
func (m *migration) fieldComments(f *ast.File, lit *ast.CompositeLit) map[string]comment {
	out := map[string]comment{}
	prev := lit.Lbrace
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		var c comment
		line := m.pass.Fset.Position(kv.End()).Line
		for _, g := range f.Comments {
			switch {
			case g.Pos() > prev && g.End() < kv.Pos() && m.pass.Fset.Position(g.Pos()).Line > m.pass.Fset.Position(prev).Line:
				c.lead += m.text(g) + "\n"
			case g.Pos() > kv.End() && g.Pos() < lit.Rbrace && m.pass.Fset.Position(g.Pos()).Line == line:
				c.trail = m.text(g)
			}
		}
		if c != (comment{}) {
			out[kv.Key.(*ast.Ident).Name] = c
		}
		prev = kv.End()
	}
	return out
}

// findOtherUses reports every use of the library outside a site, except
// the ones rs/cors's rewrite covers (its type Cors and its Handler and
// HandlerFunc methods).
func (m *migration) findOtherUses(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		if slices.ContainsFunc(m.sites, func(s *site) bool {
			return s.node == n || len(s.t.problems) == 0 && slices.ContainsFunc(s.removed, func(st ast.Stmt) bool { return st == n })
		}) {
			return false
		}
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := m.pass.TypesInfo.Uses[id]
		if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != m.lib.Path {
			return true
		}
		if v, ok := obj.(*types.Var); ok && v.IsField() && m.lib.fieldByName(v.Name()) != nil {
			return true // a field of a configuration built elsewhere, which is reported
		}
		if _, ok := obj.(*types.PkgName); ok || (m.lib.Names != nil && !slices.Contains(m.lib.Names, obj.Name())) {
			return true
		}
		if m.lib.Path == rsCors && slices.Contains([]string{"Cors", "Handler", "HandlerFunc"}, obj.Name()) {
			return true
		}
		m.other = append(m.other, problem{id.Pos(), fmt.Sprintf("%s: not migrated: corsmigrate rewrites %s; this use of %s is not one of them, so migrate it by hand (see docs/migrating.md)",
			m.lib.Name, m.formList(), obj.Name())})
		return true
	})
}

func (m *migration) formList() string {
	var s []string
	for _, f := range m.lib.Forms {
		if !slices.Contains(s, stripMarkdown(f.Example)) {
			s = append(s, stripMarkdown(f.Example))
		}
	}
	return strings.Join(s, ", ")
}

// text returns the source of n.
func (m *migration) text(n ast.Node) string {
	tf := m.pass.Fset.File(n.Pos())
	src, ok := m.src[tf]
	if !ok {
		src, _ = m.pass.ReadFile(tf.Name())
		m.src[tf] = src
	}
	return string(src[tf.Offset(n.Pos()):tf.Offset(n.End())])
}

func (m *migration) replace(n ast.Node, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: n.Pos(), End: n.End(), NewText: []byte(text)}
}

// callName writes a call the way the messages name it: cors.New(cors.Options{…}).
func (m *migration) callName(call *ast.CallExpr, method string) string {
	args := "…"
	switch {
	case len(call.Args) == 0:
		args = ""
	case len(call.Args) == 1:
		if lit, ok := ast.Unparen(call.Args[0]).(*ast.CompositeLit); ok && lit.Type != nil {
			args = m.text(lit.Type) + "{…}"
		}
	}
	name := m.text(call.Fun) + "(" + args + ")"
	if method != "" {
		name += "." + method
	}
	return name
}

// presetNames lists the library's functions that return a configuration.
func (m *migration) presetNames() string {
	var s []string
	for name := range m.lib.Presets {
		s = append(s, m.lib.Name+"'s "+name+"()")
	}
	if len(s) == 0 {
		return "nothing else"
	}
	slices.Sort(s)
	return strings.Join(s, ", ")
}

// findInterfaceUses reports each *cors.Cors of rs/cors passed where an
// interface is expected (negroni's n.Use(c), say): the *cors.Policy it
// becomes has other methods, so the program would not build.
func (m *migration) findInterfaceUses(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sig, ok := m.pass.TypesInfo.TypeOf(call.Fun).(*types.Signature)
		if !ok {
			return true
		}
		for i, arg := range call.Args {
			ptr, ok := m.pass.TypesInfo.TypeOf(arg).(*types.Pointer)
			if !ok {
				continue
			}
			named, ok := ptr.Elem().(*types.Named)
			if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != rsCors || named.Obj().Name() != "Cors" {
				continue
			}
			var param types.Type
			switch params := sig.Params(); {
			case sig.Variadic() && i >= params.Len()-1:
				param = params.At(params.Len() - 1).Type().(*types.Slice).Elem()
			case i < params.Len():
				param = params.At(i).Type()
			}
			if param != nil && types.IsInterface(param) {
				m.other = append(m.other, problem{arg.Pos(), fmt.Sprintf("rs/cors: not migrated: %s is passed as %s, which *cors.Policy does not implement; wrap the handler instead (with negroni: n.UseHandler(c.Handler(router))) and run corsmigrate again",
					m.text(arg), types.TypeString(param, func(p *types.Package) string { return p.Name() }))})
			}
		}
		return true
	})
}

// preset returns what e, a call of a function of the library that returns
// a configuration (gin-contrib's DefaultConfig()) or a variable holding one
// (echo v4's DefaultCORSConfig), stands for; nil if it is neither.
func (m *migration) preset(e ast.Expr) map[string][]any {
	var obj types.Object
	switch e := e.(type) {
	case *ast.CallExpr:
		if len(e.Args) == 0 {
			obj = typeutil.Callee(m.pass.TypesInfo, e)
		}
	case *ast.SelectorExpr:
		if v, ok := m.pass.TypesInfo.Uses[e.Sel].(*types.Var); ok && !v.IsField() {
			obj = v
		}
	}
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != m.lib.Path {
		return nil
	}
	return m.lib.Presets[obj.Name()]
}

// onGroup reports whether s is mounted on one of the framework's route
// groups (g.Use(s), r.Group("/api", s)).
func (m *migration) onGroup(s *site) bool {
	if m.lib.GroupType == "" {
		return false
	}
	path, _ := astutil.PathEnclosingInterval(s.file, s.node.Pos(), s.node.End())
	for _, n := range path[1:] {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			continue
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Use" && sel.Sel.Name != "Group") {
			return false
		}
		t := m.pass.TypesInfo.TypeOf(sel.X)
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		named, ok := t.(*types.Named)
		return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path()+"."+named.Obj().Name() == m.lib.GroupType
	}
	return false
}
