package main

import (
	"testing"

	"github.com/originguard/cors/examples/internal/exampletest"
)

func TestExample(t *testing.T) {
	exampletest.Check(t, exampletest.Handler(newEcho()))
}
