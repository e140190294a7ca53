module github.com/originguard/cors/bench

go 1.25.0

replace github.com/originguard/cors/core => ../core
