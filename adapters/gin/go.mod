module github.com/originguard/cors/adapters/gin

go 1.25.0

replace github.com/originguard/cors/core => ../../core
