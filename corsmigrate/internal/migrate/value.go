package migrate

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
	"time"
)

// A value is one field of an old configuration: its source text and, when
// the analyzer can know it, its value.
type value struct {
	text  string         // as written (or, for a preset, as Go would write it)
	pos   token.Pos      // where it was written
	list  bool           // a list (a slice, or a comma-joined string)
	strs  []string       // a list's entries, when known
	raw   []string       // a comma-joined list's entries before trimming
	known bool           // strs, or c, is the value
	c     constant.Value // a scalar's constant value, when known
	// untyped: c is written as a number, which can multiply a time.Duration.
	untyped bool
}

// zero reports whether v is known to be the zero value of its type (an
// empty list, false, 0, nil).
func (v *value) zero() bool {
	if v.list {
		return v.known && len(v.strs) == 0
	}
	if v.text == "nil" {
		return true
	}
	if !v.known {
		return false
	}
	switch v.c.Kind() {
	case constant.Bool:
		return !constant.BoolVal(v.c)
	case constant.Int, constant.Float:
		return constant.Sign(v.c) == 0
	case constant.String:
		return constant.StringVal(v.c) == ""
	}
	return false
}

// isTrue reports whether v is the constant true.
func (v *value) isTrue() bool {
	return v.known && v.c != nil && v.c.Kind() == constant.Bool && constant.BoolVal(v.c)
}

// readValue reads the value of field f from expr; text is expr's source.
func readValue(info *types.Info, expr ast.Expr, text string, csv bool, k kind) (*value, error) {
	v := &value{text: text, pos: expr.Pos()}
	tv := info.Types[expr]
	isList := k == kOrigins || k == kMethods || k == kHeaders || k == kExposed
	if !isList {
		if tv.Value != nil {
			v.c, v.known = tv.Value, true
			// The recorded type of a constant is the one it converts to,
			// so untyped means written as a number here.
			e := ast.Unparen(expr)
			if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.SUB {
				e = u.X
			}
			_, v.untyped = e.(*ast.BasicLit)
		}
		return v, nil
	}
	v.list = true
	if id, ok := expr.(*ast.Ident); ok && id.Name == "nil" {
		v.known = true
		return v, nil
	}
	if csv {
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return nil, fmt.Errorf("a comma-joined list that is not a constant string cannot be split here; write the %s entries as a []string literal by hand", text)
		}
		for s := range strings.SplitSeq(constant.StringVal(tv.Value), ",") {
			v.raw = append(v.raw, s)
			if s = strings.TrimSpace(s); s != "" {
				v.strs = append(v.strs, s)
			}
		}
		v.known = true
		return v, nil
	}
	lit, ok := ast.Unparen(expr).(*ast.CompositeLit)
	if !ok {
		return v, nil // passed through as is
	}
	for _, e := range lit.Elts {
		c := info.Types[e].Value
		if c == nil || c.Kind() != constant.String {
			return v, nil
		}
		v.strs = append(v.strs, constant.StringVal(c))
	}
	v.known = true
	return v, nil
}

// presetValue is the value of a field as a preset gives it.
func presetValue(entries []any, k kind, pos token.Pos) *value {
	v := &value{pos: pos, known: true}
	switch k {
	case kOrigins, kMethods, kHeaders, kExposed:
		v.list = true
		v.strs = toStrings(entries)
		v.text = quoteList(v.strs)
	default:
		switch x := entries[0].(type) {
		case bool:
			v.c, v.text = constant.MakeBool(x), fmt.Sprint(x)
		case time.Duration:
			v.c, v.text = constant.MakeInt64(int64(x)), durationText(x)
		}
	}
	return v
}

// durationText writes d the way a person would: 12 * time.Hour.
func durationText(d time.Duration) string {
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{time.Hour, "time.Hour"}, {time.Minute, "time.Minute"}, {time.Second, "time.Second"}} {
		if d%u.d == 0 {
			return fmt.Sprintf("%d * %s", d/u.d, u.name)
		}
	}
	return fmt.Sprintf("%d", int64(d))
}

// quoteList writes a []string literal.
func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, e := range s {
		q[i] = fmt.Sprintf("%q", e)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}
