// Package fiber is a stub of github.com/gofiber/fiber/v3 for the analyzer's tests.
package fiber

type Ctx interface{ Path() string }
type Handler = func(Ctx) error
type App struct{}

func New() *App                     { return &App{} }
func (a *App) Use(args ...any) *App { return a }
