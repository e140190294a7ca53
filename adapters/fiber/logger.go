package corsfiber

import (
	"context"
	"log/slog"
	"strings"
)

// detachLogger returns a logger whose records own their strings. The policy
// logs denials with the request's origin and method, which here point into
// fasthttp's per-request buffers; a handler that keeps records (buffering,
// asynchronous) would otherwise see them change once the buffers are reused.
// Copies are made only when a record is logged.
func detachLogger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return nil
	}
	return slog.New(detachHandler{l.Handler()})
}

type detachHandler struct{ slog.Handler }

func (h detachHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, strings.Clone(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(detachAttr(a))
		return true
	})
	return h.Handler.Handle(ctx, out)
}

func (h detachHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return detachHandler{h.Handler.WithAttrs(as)}
}

func (h detachHandler) WithGroup(name string) slog.Handler {
	return detachHandler{h.Handler.WithGroup(name)}
}

func detachAttr(a slog.Attr) slog.Attr {
	switch a.Value.Kind() {
	case slog.KindString:
		return slog.String(a.Key, strings.Clone(a.Value.String()))
	case slog.KindGroup:
		group := a.Value.Group()
		as := make([]any, len(group))
		for i, g := range group {
			as[i] = detachAttr(g)
		}
		return slog.Group(a.Key, as...)
	}
	return a
}
