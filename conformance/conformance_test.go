package conformance

import "testing"

func TestConformance_NetHTTP(t *testing.T)    { Run(t, NetHTTP()) }
func TestConformance_Gin(t *testing.T)        { Run(t, Gin()) }
func TestConformance_GinHandler(t *testing.T) { Run(t, GinHandler()) }
func TestConformance_Echo(t *testing.T)       { Run(t, Echo()) }
func TestConformance_EchoPre(t *testing.T)    { Run(t, EchoPre()) }
func TestConformance_EchoV5(t *testing.T)     { Run(t, EchoV5()) }
func TestConformance_EchoV5Pre(t *testing.T)  { Run(t, EchoV5Pre()) }
func TestConformance_Fiber(t *testing.T)      { Run(t, Fiber()) }
func TestConformance_FiberV3(t *testing.T)    { Run(t, FiberV3()) }
func TestConformance_Chi(t *testing.T)        { Run(t, Chi()) }
