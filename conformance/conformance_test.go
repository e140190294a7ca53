package conformance

import "testing"

func TestConformance_NetHTTP(t *testing.T) { Run(t, NetHTTP()) }
func TestConformance_Gin(t *testing.T)     { Run(t, Gin()) }
func TestConformance_Echo(t *testing.T)    { Run(t, Echo()) }
func TestConformance_EchoPre(t *testing.T) { Run(t, EchoPre()) }
func TestConformance_Fiber(t *testing.T)   { Run(t, Fiber()) }
func TestConformance_Chi(t *testing.T)     { Run(t, Chi()) }
