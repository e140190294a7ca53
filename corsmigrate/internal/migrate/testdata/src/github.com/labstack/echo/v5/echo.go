// Package echo is a stub of github.com/labstack/echo/v5 for the analyzer's tests.
package echo

type Context struct{}
type HandlerFunc func(c *Context) error
type MiddlewareFunc func(next HandlerFunc) HandlerFunc
type Echo struct{}

func New() *Echo                        { return &Echo{} }
func (e *Echo) Use(m ...MiddlewareFunc) {}
func (e *Echo) Pre(m ...MiddlewareFunc) {}
