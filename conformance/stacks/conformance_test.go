package stacks

import (
	"testing"

	"github.com/originguard/cors/conformance"
)

func TestConformance_NetHTTP(t *testing.T)    { conformance.Run(t, conformance.NetHTTP()) }
func TestConformance_Gin(t *testing.T)        { conformance.Run(t, Gin()) }
func TestConformance_GinHandler(t *testing.T) { conformance.Run(t, GinHandler()) }
func TestConformance_Echo(t *testing.T)       { conformance.Run(t, Echo()) }
func TestConformance_EchoPre(t *testing.T)    { conformance.Run(t, EchoPre()) }
func TestConformance_EchoV5(t *testing.T)     { conformance.Run(t, EchoV5()) }
func TestConformance_EchoV5Pre(t *testing.T)  { conformance.Run(t, EchoV5Pre()) }
func TestConformance_Fiber(t *testing.T)      { conformance.Run(t, Fiber()) }
func TestConformance_FiberV3(t *testing.T)    { conformance.Run(t, FiberV3()) }
func TestConformance_Chi(t *testing.T)        { conformance.Run(t, Chi()) }
