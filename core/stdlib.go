package cors

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// CrossOriginProtection returns a net/http CrossOriginProtection that trusts
// the origins this policy allows, for an application that keeps net/http's
// protection (or a library built on it) next to this policy and does not
// want a second list of origins to keep in sync. Mounting only this policy
// with Config.ForgeryProtection is simpler and gives the same verdicts.
//
// net/http trusts exact origins only, for every path. The error names each
// setting it cannot express: "*." and ":*" patterns, "*",
// AllowOriginFunc, AllowOriginRequestFunc, and the scopes of a policy built
// with NewScoped (for which it trusts no origin). The protection returned
// with an error trusts the exact entries alone, so it refuses cross-origin
// requests that the policy allows from the others. ForgeryProtection itself
// is not consulted: net/http's protection is on wherever it is mounted.
func (p *Policy) CrossOriginProtection() (*http.CrossOriginProtection, error) {
	cop := http.NewCrossOriginProtection()
	var c *compiled
	switch rs := p.load(); {
	case rs == nil:
		return cop, nil
	case rs.scopes != nil:
		return cop, errors.New("cors: a scoped policy allows different origins on different hosts and paths; net/http's CrossOriginProtection trusts one list everywhere, so none is trusted")
	default:
		c = rs.def
	}
	var errs []error
	for _, o := range c.cfg.AllowedOrigins {
		if strings.Contains(o, "*") {
			errs = append(errs, fmt.Errorf("cors: AllowedOrigins entry %q is a pattern; net/http's CrossOriginProtection trusts exact origins only", o))
			continue
		}
		if err := cop.AddTrustedOrigin(o); err != nil {
			errs = append(errs, fmt.Errorf("cors: AllowedOrigins entry %q: %w", o, err))
		}
	}
	if c.originFunc != nil {
		errs = append(errs, errors.New("cors: AllowOriginFunc cannot be expressed in net/http's CrossOriginProtection, which trusts exact origins only"))
	}
	if c.originRequestFunc != nil {
		errs = append(errs, errors.New("cors: AllowOriginRequestFunc cannot be expressed in net/http's CrossOriginProtection, which trusts exact origins only"))
	}
	return cop, errors.Join(errs...)
}
