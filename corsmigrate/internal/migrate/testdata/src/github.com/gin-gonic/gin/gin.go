// Package gin is a stub of github.com/gin-gonic/gin for the analyzer's tests.
package gin

type Context struct{}
type HandlerFunc func(*Context)
type RouterGroup struct{}
type Engine struct{ RouterGroup }

func New() *Engine                                                      { return &Engine{} }
func (e *Engine) Use(h ...HandlerFunc)                                  {}
func (g *RouterGroup) Use(h ...HandlerFunc)                             {}
func (g *RouterGroup) Group(path string, h ...HandlerFunc) *RouterGroup { return g }
