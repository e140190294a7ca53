module github.com/originguard/cors/conformance

go 1.25.0

require github.com/originguard/cors/core v0.1.0

require (
	golang.org/x/net v0.58.0 // indirect
	golang.org/x/text v0.41.0 // indirect
)

replace github.com/originguard/cors/core => ../core
