package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	cors "github.com/originguard/cors/core"
)

// jsonConfig is the JSON form of cors.Config: the same field names, MaxAge
// as a Go duration string ("10m", "3600s"). AllowOriginFunc and Logger have
// no JSON form.
type jsonConfig struct {
	AllowedOrigins                                       []string
	AllowedMethods                                       []string
	AllowedHeaders                                       []string
	ExposedHeaders                                       []string
	AllowCredentials                                     bool
	MaxAge                                               *json.RawMessage
	AllowPrivateNetwork                                  bool
	PreflightPassthrough                                 bool
	PreflightSuccessStatus                               int
	ForgeryProtection                                    bool
	DangerouslyAllowInsecureOriginsWithCredentials       bool
	DangerouslyAllowPublicSuffixWildcardsWithCredentials bool
}

// decodeConfig reads the JSON form of a Config. Unknown fields are errors,
// so that a misspelt field is not silently ignored.
func decodeConfig(data []byte) (cors.Config, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var j jsonConfig
	if err := dec.Decode(&j); err != nil {
		return cors.Config{}, err
	}
	cfg := cors.Config{
		AllowedOrigins: j.AllowedOrigins, AllowedMethods: j.AllowedMethods,
		AllowedHeaders: j.AllowedHeaders, ExposedHeaders: j.ExposedHeaders,
		AllowCredentials: j.AllowCredentials, AllowPrivateNetwork: j.AllowPrivateNetwork,
		PreflightPassthrough: j.PreflightPassthrough, PreflightSuccessStatus: j.PreflightSuccessStatus,
		ForgeryProtection: j.ForgeryProtection,
		DangerouslyAllowInsecureOriginsWithCredentials:       j.DangerouslyAllowInsecureOriginsWithCredentials,
		DangerouslyAllowPublicSuffixWildcardsWithCredentials: j.DangerouslyAllowPublicSuffixWildcardsWithCredentials,
	}
	if j.MaxAge != nil {
		var s string
		if err := json.Unmarshal(*j.MaxAge, &s); err != nil {
			return cors.Config{}, fmt.Errorf("MaxAge %s: write a duration string such as \"600s\" or \"1h\"", *j.MaxAge)
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return cors.Config{}, fmt.Errorf("MaxAge %q: %v (write a duration such as \"600s\" or \"1h\")", s, err)
		}
		cfg.MaxAge = d
	}
	return cfg, nil
}

// runConfig is `corscheck config FILE`: it validates the JSON form of a
// Config exactly as cors.New does and prints every problem with its fix,
// and the warnings New logs. Exit 0 when valid, 1 when not, 2 when the file
// cannot be read or decoded.
func runConfig(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 1 || (args[0] != "-" && strings.HasPrefix(args[0], "-")) {
		fmt.Fprintln(stderr, "usage: corscheck config FILE   (FILE: the JSON form of cors.Config; - reads standard input)")
		return exitUsage
	}
	name := args[0]
	var data []byte
	var err error
	if name == "-" {
		name = "standard input"
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		fmt.Fprintln(stderr, "corscheck:", err)
		return exitUsage
	}
	cfg, err := decodeConfig(data)
	if err != nil {
		fmt.Fprintf(stderr, "corscheck: %s: %v\n", name, err)
		return exitUsage
	}
	warnings := &warningHandler{}
	cfg.Logger = slog.New(warnings)
	_, err = cors.New(cfg)
	for _, w := range warnings.messages {
		fmt.Fprintln(stdout, "warning:", strings.TrimPrefix(w, "cors: "))
	}
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintln(stdout, "error:", strings.TrimPrefix(line, "cors: "))
		}
		n := 1
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			n = len(j.Unwrap())
		}
		fmt.Fprintf(stdout, "%s: invalid (%s), as cors.New would report it\n", name, plural(n, "problem"))
		return exitBlocked
	}
	fmt.Fprintf(stdout, "%s: valid\n", name)
	return exitAllowed
}

// warningHandler keeps the messages of the Warn records New writes.
type warningHandler struct{ messages []string }

func (*warningHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }
func (h *warningHandler) Handle(_ context.Context, r slog.Record) error {
	h.messages = append(h.messages, r.Message)
	return nil
}
func (h *warningHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *warningHandler) WithGroup(string) slog.Handler      { return h }

// plural is "1 problem" or "n problems".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
