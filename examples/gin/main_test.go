package main

import (
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/originguard/cors/examples/internal/exampletest"
)

func TestExample(t *testing.T) {
	gin.SetMode(gin.TestMode)
	exampletest.Check(t, exampletest.Handler(newEngine()))
}
