// Package fiber is a stub of github.com/gofiber/fiber/v2 for the analyzer's tests.
package fiber

type Ctx struct{}
type Handler = func(*Ctx) error
type App struct{}

func New() *App                             { return &App{} }
func (a *App) Use(args ...interface{}) *App { return a }
