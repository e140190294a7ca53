package main

import "github.com/originguard/cors/core/adapter"

func fromOrigin(origin string) adapter.Request {
	r := adapter.Request{Method: "GET"}
	r.Add("Origin", origin)
	return r
}
