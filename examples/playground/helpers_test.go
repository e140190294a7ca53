package main

import cors "github.com/originguard/cors/core"

func fromOrigin(origin string) cors.Request {
	return cors.Request{Method: "GET", Origin: []string{origin}}
}
