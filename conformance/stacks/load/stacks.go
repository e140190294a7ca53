package load

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	fiberv3 "github.com/gofiber/fiber/v3"
	"github.com/labstack/echo/v4"
	echov5 "github.com/labstack/echo/v5"
	corschi "github.com/originguard/cors/adapters/chi"
	corsecho "github.com/originguard/cors/adapters/echo"
	corsechov5 "github.com/originguard/cors/adapters/echov5"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	corsfiberv3 "github.com/originguard/cors/adapters/fiberv3"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

// Path is the resource every stack serves for GET, POST, PUT and DELETE.
const Path = "/r"

// HeaderAppRan is set by the application handler of every stack.
const HeaderAppRan = "X-App-Ran"

// Stack is one framework with the CORS middleware mounted at its documented
// point, applying a shared, reconfigurable policy.
type Stack struct {
	Name string
	// Start serves the stack on ln until stop is called.
	Start func(p *cors.Policy, ln net.Listener) (stop func() error)
}

// Stacks returns every stack the module ships.
func Stacks() []Stack {
	return []Stack{
		{"net/http", startNetHTTP},
		{"gin", startGin},
		{"echo", startEcho},
		{"echov5", startEchoV5},
		{"fiber", startFiber},
		{"fiberv3", startFiberV3},
		{"chi", startChi},
	}
}

var methods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete}

func okHTTP(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set(HeaderAppRan, "1")
	_, _ = io.WriteString(w, "ok")
}

// serveHTTP serves h with a net/http server and returns its stop function.
func serveHTTP(h http.Handler, ln net.Listener) func() error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	return func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := srv.Shutdown(ctx)
		if serr := <-done; !errors.Is(serr, http.ErrServerClosed) {
			err = errors.Join(err, serr)
		}
		return err
	}
}

func startNetHTTP(p *cors.Policy, ln net.Listener) func() error {
	mux := http.NewServeMux()
	for _, m := range methods {
		mux.HandleFunc(m+" "+Path, okHTTP)
	}
	return serveHTTP(p.Handler(mux), ln)
}

func startGin(p *cors.Policy, ln net.Listener) func() error {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.Use(corsgin.Middleware(p))
	for _, m := range methods {
		e.Handle(m, Path, func(c *gin.Context) {
			c.Header(HeaderAppRan, "1")
			c.String(http.StatusOK, "ok")
		})
	}
	return serveHTTP(e, ln)
}

func startEcho(p *cors.Policy, ln net.Listener) func() error {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(corsecho.Middleware(p))
	for _, m := range methods {
		e.Add(m, Path, func(c echo.Context) error {
			c.Response().Header().Set(HeaderAppRan, "1")
			return c.String(http.StatusOK, "ok")
		})
	}
	return serveHTTP(e, ln)
}

func startChi(p *cors.Policy, ln net.Listener) func() error {
	r := chi.NewRouter()
	r.Use(corschi.Middleware(p))
	for _, m := range methods {
		r.MethodFunc(m, Path, okHTTP)
	}
	return serveHTTP(r, ln)
}

func startFiber(p *cors.Policy, ln net.Listener) func() error {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Use(corsfiber.Middleware(p))
	for _, m := range methods {
		app.Add(m, Path, func(c *fiber.Ctx) error {
			c.Set(HeaderAppRan, "1")
			return c.SendString("ok")
		})
	}
	done := make(chan error, 1)
	go func() { done <- app.Listener(ln) }()
	return func() error {
		err := app.ShutdownWithTimeout(5 * time.Second)
		return errors.Join(err, <-done)
	}
}

func startEchoV5(p *cors.Policy, ln net.Listener) func() error {
	e := echov5.New()
	e.Use(corsechov5.Middleware(p))
	for _, m := range methods {
		e.Add(m, Path, func(c *echov5.Context) error {
			c.Response().Header().Set(HeaderAppRan, "1")
			return c.String(http.StatusOK, "ok")
		})
	}
	return serveHTTP(e, ln)
}

func startFiberV3(p *cors.Policy, ln net.Listener) func() error {
	app := fiberv3.New()
	app.Use(corsfiberv3.Middleware(p))
	app.Add(methods, Path, func(c fiberv3.Ctx) error {
		c.Set(HeaderAppRan, "1")
		return c.SendString("ok")
	})
	done := make(chan error, 1)
	go func() { done <- app.Listener(ln, fiberv3.ListenConfig{DisableStartupMessage: true}) }()
	return func() error {
		err := app.ShutdownWithTimeout(5 * time.Second)
		return errors.Join(err, <-done)
	}
}
