package conformance

import "testing"

func TestConformance_NetHTTP(t *testing.T) { Run(t, NetHTTP()) }
