package cors

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// maxSurface bounds the identifiers the package exports besides the values
// of its enumerations: every name added is a name kept for good once tagged.
const maxSurface = 30

// TestSurface counts what the package exports, from its source: functions,
// methods of exported types, types, constants and variables, apart from the
// values of enumerations (constants of one of the package's own exported
// types), which are counted separately, as are exported struct fields. Run
// it with -v to see the figures.
func TestSurface(t *testing.T) {
	fset := token.NewFileSet()
	sources, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names, enums, fields []string
	for _, src := range sources {
		if strings.HasSuffix(src, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, src, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				name := d.Name.Name
				if d.Recv != nil {
					recv := receiverName(d.Recv.List[0].Type)
					if !ast.IsExported(recv) {
						continue
					}
					name = recv + "." + name
				}
				names = append(names, name)
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						names = append(names, s.Name.Name)
						if st, ok := s.Type.(*ast.StructType); ok {
							for _, fl := range st.Fields.List {
								for _, n := range fl.Names {
									if n.IsExported() {
										fields = append(fields, s.Name.Name+"."+n.Name)
									}
								}
							}
						}
					case *ast.ValueSpec:
						enum := false
						if id, ok := s.Type.(*ast.Ident); ok && id.IsExported() && d.Tok == token.CONST {
							enum = true
						}
						// iota continuations inherit the type of the first spec.
						if s.Type == nil && d.Tok == token.CONST && len(s.Values) == 0 {
							enum = firstType(d) != ""
						}
						for _, n := range s.Names {
							switch {
							case !n.IsExported():
							case enum:
								enums = append(enums, n.Name)
							default:
								names = append(names, n.Name)
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d exported identifiers besides %d enumeration values (%d in all), plus %d exported struct fields",
		len(names), len(enums), len(names)+len(enums), len(fields))
	t.Logf("counted: %s", strings.Join(names, " "))
	if len(names) > maxSurface {
		t.Errorf("%d exported identifiers besides enumeration values, at most %d", len(names), maxSurface)
	}
}

func receiverName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// firstType is the exported type name of the first spec of a const block.
func firstType(d *ast.GenDecl) string {
	if s, ok := d.Specs[0].(*ast.ValueSpec); ok {
		if id, ok := s.Type.(*ast.Ident); ok && id.IsExported() {
			return id.Name
		}
	}
	return ""
}
