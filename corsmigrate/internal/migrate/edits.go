package migrate

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// importName returns the name under which f imports path, or "".
func importName(f *ast.File, path string) (string, *ast.ImportSpec) {
	for _, spec := range f.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p == path {
			if spec.Name != nil {
				return spec.Name.Name, spec
			}
			return "", spec
		}
	}
	return "", nil
}

// targetName is the name the rewritten calls of f use for our package.
func (m *migration) targetName(f *ast.File) string {
	if m.lib.Path == rsCors {
		if name, _ := importName(f, m.lib.Path); name != "" {
			return name
		}
		return "cors"
	}
	if name, spec := importName(f, m.lib.Target); spec != nil && name != "" {
		return name
	}
	return m.lib.TargetName
}

// fileEdits are the edits every fix in f carries: the imports it needs
// and, for rs/cors, the rewrite of the file's other uses of the package.
func (m *migration) fileEdits(f *ast.File, needTime bool) []analysis.TextEdit {
	var edits []analysis.TextEdit
	if m.lib.Path == rsCors {
		_, spec := importName(f, m.lib.Path)
		path := strconv.Quote(coreImport)
		if spec.Name == nil {
			path = "cors " + path // the package name differs from the path's last element
		}
		edits = append(edits, analysis.TextEdit{Pos: spec.Path.Pos(), End: spec.Path.End(), NewText: []byte(path)})
		needHTTP := false
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if m.rsObject(n.Sel, "HandlerFunc") {
					edits = append(edits, m.replace(n, m.text(n.X)+".Handler("+m.httpName(f)+".HandlerFunc(func("+m.httpName(f)+".ResponseWriter, *"+m.httpName(f)+".Request) {})).ServeHTTP"))
					needHTTP = true
					return false
				}
			case *ast.Ident:
				if m.rsObject(n, "Cors") {
					edits = append(edits, m.replace(n, "Policy"))
				}
			}
			return true
		})
		if needHTTP {
			edits = append(edits, addImport(f, "", "net/http")...)
		}
	} else if _, spec := importName(f, m.lib.Target); spec == nil {
		edits = append(edits, addImport(f, m.lib.TargetName, m.lib.Target)...)
	}
	if needTime {
		edits = append(edits, addImport(f, "", "time")...)
	}
	return edits
}

// rsObject reports whether id refers to rs/cors's name.
func (m *migration) rsObject(id *ast.Ident, name string) bool {
	obj := m.pass.TypesInfo.Uses[id]
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == m.lib.Path && obj.Name() == name && !isPkgName(obj)
}

func isPkgName(obj types.Object) bool { _, ok := obj.(*types.PkgName); return ok }

// httpName is the name under which f imports net/http.
func (m *migration) httpName(f *ast.File) string {
	if name, spec := importName(f, "net/http"); spec != nil && name != "" {
		return name
	}
	return "http"
}

// addImport returns the edit that adds path to f's imports, or none when
// f already imports it.
func addImport(f *ast.File, name, path string) []analysis.TextEdit {
	if _, spec := importName(f, path); spec != nil {
		return nil
	}
	spec := strconv.Quote(path)
	if name != "" {
		spec = name + " " + spec
	}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			if g.Lparen.IsValid() && strings.Contains(path, ".") {
				// After the last group, usually the third-party one.
				return []analysis.TextEdit{{Pos: g.Rparen, End: g.Rparen, NewText: []byte("\t" + spec + "\n")}}
			}
			if g.Lparen.IsValid() {
				// Before the first group: the standard library's, or a
				// group of its own before a third-party one.
				text := "\n\t" + spec
				if first, _ := strconv.Unquote(f.Imports[0].Path.Value); strings.Contains(first, ".") {
					text += "\n"
				}
				return []analysis.TextEdit{{Pos: g.Lparen + 1, End: g.Lparen + 1, NewText: []byte(text)}}
			}
			return []analysis.TextEdit{{Pos: g.End(), End: g.End(), NewText: []byte("\nimport " + spec)}}
		}
	}
	return []analysis.TextEdit{{Pos: f.Name.End(), End: f.Name.End(), NewText: []byte("\n\nimport " + spec)}}
}

// rsFilesWithoutSites gives the files that use rs/cors without calling one
// of its constructors (a parameter of type *cors.Cors, say) their own
// diagnostic and fix, on the import.
func (m *migration) rsFilesWithoutSites() {
	for _, f := range m.pass.Files {
		_, spec := importName(f, m.lib.Path)
		if spec == nil || slicesContainsFile(m.sites, f) {
			continue
		}
		m.pass.Report(analysis.Diagnostic{Pos: spec.Pos(), End: spec.End(),
			Message:        fmt.Sprintf("rs/cors: this file's uses of rs/cors can be migrated to %s", coreImport),
			SuggestedFixes: []analysis.SuggestedFix{{Message: "migrate to " + coreImport, TextEdits: m.fileEdits(f, false)}}})
	}
}

func slicesContainsFile(sites []*site, f *ast.File) bool {
	for _, s := range sites {
		if s.file == f {
			return true
		}
	}
	return false
}

// removeLines removes st with its line (st must be alone on its lines).
func (m *migration) removeLines(st ast.Stmt) analysis.TextEdit {
	tf := m.pass.Fset.File(st.Pos())
	start := tf.LineStart(tf.Line(st.Pos()))
	end := st.End()
	if line := tf.Line(end); line < tf.LineCount() {
		end = tf.LineStart(line + 1)
	}
	return analysis.TextEdit{Pos: start, End: end}
}

// A fieldOp is one statement that changes a configuration variable:
// v.Field = value, or v.Field = append(v.Field, add...) and gin-contrib's
// v.AddAllowHeaders(add...) and the like.
type fieldOp struct {
	field string
	value ast.Expr   // set
	add   []ast.Expr // appended
	pos   token.Pos
}

// adders are gin-contrib/cors's Config methods that append to a list.
var adders = map[string]string{"AddAllowMethods": "AllowMethods", "AddAllowHeaders": "AllowHeaders", "AddExposeHeaders": "ExposeHeaders"}

// configVariable recognises a configuration built in a variable just for
// one call: "v := LITERAL or PRESET()" and then only field operations
// (fieldOp) in the same block before the statement of the call, v being
// used nowhere else. It returns v's initial value, the operations and the
// statements to remove.
func (m *migration) configVariable(f *ast.File, call *ast.CallExpr, id *ast.Ident) (ast.Expr, []ast.Stmt, []fieldOp, bool) {
	v, ok := m.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Parent() == m.pass.Pkg.Scope() {
		return nil, nil, nil, false
	}
	path, _ := astutil.PathEnclosingInterval(f, call.Pos(), call.End())
	var block *ast.BlockStmt
	var callStmt ast.Node
	for i, n := range path {
		if b, ok := n.(*ast.BlockStmt); ok && i > 0 {
			block, callStmt = b, path[i-1]
			break
		}
	}
	if block == nil {
		return nil, nil, nil, false
	}
	isV := func(e ast.Expr) bool {
		x, ok := e.(*ast.Ident)
		return ok && m.pass.TypesInfo.Uses[x] == v
	}
	var init ast.Expr
	var stmts []ast.Stmt
	var ops []fieldOp
	expected := 0 // uses of v the operations account for
	for _, st := range block.List {
		if st == callStmt {
			break
		}
		switch st := st.(type) {
		case *ast.AssignStmt:
			if len(st.Lhs) != 1 || len(st.Rhs) != 1 {
				continue
			}
			if lhs, ok := st.Lhs[0].(*ast.Ident); ok && st.Tok == token.DEFINE && m.pass.TypesInfo.Defs[lhs] == v {
				init = st.Rhs[0]
				stmts = append(stmts, st)
				continue
			}
			sel, ok := st.Lhs[0].(*ast.SelectorExpr)
			if !ok || st.Tok != token.ASSIGN || !isV(sel.X) || init == nil {
				continue
			}
			op := fieldOp{field: sel.Sel.Name, value: st.Rhs[0], pos: st.Pos()}
			expected++
			if c, ok := st.Rhs[0].(*ast.CallExpr); ok && len(c.Args) > 0 && !c.Ellipsis.IsValid() {
				if b, ok := m.pass.TypesInfo.Uses[astIdent(c.Fun)].(*types.Builtin); ok && b.Name() == "append" {
					if s, ok := c.Args[0].(*ast.SelectorExpr); ok && isV(s.X) && s.Sel.Name == op.field {
						op = fieldOp{field: op.field, add: c.Args[1:], pos: st.Pos()}
						expected++
					}
				}
			}
			ops = append(ops, op)
			stmts = append(stmts, st)
		case *ast.ExprStmt:
			c, ok := st.X.(*ast.CallExpr)
			if !ok || init == nil || c.Ellipsis.IsValid() {
				continue
			}
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok && isV(sel.X) && adders[sel.Sel.Name] != "" {
				ops = append(ops, fieldOp{field: adders[sel.Sel.Name], add: c.Args, pos: st.Pos()})
				stmts = append(stmts, st)
				expected++
			}
		}
	}
	uses := 0
	for use, obj := range m.pass.TypesInfo.Uses {
		if obj == v && use != id {
			uses++
		}
	}
	if init == nil || uses != expected {
		return nil, nil, nil, false
	}
	return init, stmts, ops, true
}

// astIdent returns e as an identifier, or nil.
func astIdent(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// apply applies op to the configuration vals.
func (m *migration) apply(vals map[string]*value, op fieldOp) error {
	fd := m.lib.fieldByName(op.field)
	k := kDrop
	if fd != nil {
		k = fd.Kind
	}
	if op.value != nil {
		v, err := readValue(m.pass.TypesInfo, op.value, m.text(op.value), m.lib.CSV, k)
		if err != nil {
			return fmt.Errorf("%s: %v", op.field, err)
		}
		vals[op.field] = v
		return nil
	}
	base := vals[op.field]
	if base == nil {
		base = &value{list: true, known: true, pos: op.pos}
	}
	if !base.known {
		return fmt.Errorf("%s is appended to, but its value is not known here; write the whole list by hand", op.field)
	}
	out := &value{list: true, known: true, pos: op.pos, strs: slices.Clone(base.strs)}
	for _, a := range op.add {
		c := m.pass.TypesInfo.Types[a].Value
		if c == nil || c.Kind() != constant.String {
			return fmt.Errorf("%s is appended %s, which is not a constant string; write the whole list by hand", op.field, m.text(a))
		}
		out.strs = append(out.strs, constant.StringVal(c))
	}
	out.text = quoteList(out.strs)
	vals[op.field] = out
	return nil
}
