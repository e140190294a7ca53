module github.com/originguard/cors/adapters/echov5

go 1.25.0

require github.com/originguard/cors/core v0.1.0

require (
	github.com/labstack/echo/v5 v5.4.4
	golang.org/x/net v0.58.0 // indirect
	golang.org/x/text v0.41.0 // indirect
)

replace github.com/originguard/cors/core => ../../core
