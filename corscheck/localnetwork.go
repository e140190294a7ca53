package main

import (
	"fmt"
	"net/netip"
	"net/url"
	"strings"
)

// Address spaces of Local Network Access, from the least to the most
// private.
const (
	spacePublic = iota
	spaceLocal
	spaceLoopback
)

var spaceNames = [...]string{"public", "local", "loopback"}

// addressSpace classifies a host: loopback addresses and localhost names,
// then private, link-local and unique-local addresses and .local names;
// every other name counts as public (corscheck does not resolve the page's
// host).
func addressSpace(host string) int {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return spaceLoopback
	}
	if strings.HasSuffix(host, ".local") {
		return spaceLocal
	}
	a, err := netip.ParseAddr(strings.Trim(host, "[]"))
	if err != nil {
		return spacePublic
	}
	a = a.Unmap()
	switch {
	case a.IsLoopback():
		return spaceLoopback
	case a.IsPrivate() || a.IsLinkLocalUnicast():
		return spaceLocal
	}
	return spacePublic
}

// localNetworkNote explains Local Network Access when target is in a more
// private address space than the page's origin: since Chrome 142 the user
// must grant a permission before such a request is sent, no response header
// can grant it, and a refusal shows in DevTools as a CORS error. It returns
// "" otherwise.
func localNetworkNote(origin string, target *url.URL) string {
	to := addressSpace(target.Hostname())
	from := spacePublic
	if u, err := url.Parse(origin); err == nil && origin != "null" {
		from = addressSpace(u.Hostname())
	}
	if to <= from {
		return ""
	}
	return fmt.Sprintf("%s is a %s address and the page is on a %s one: since Chrome 142 (Local Network Access), Chromium sends the request "+
		"only once the user has granted the page the local network permission; denied or dismissed, the request fails and DevTools reports "+
		"a CORS error that no response header fixes (Access-Control-Allow-Private-Network answered only the Private Network Access "+
		"preflights of older Chromium). Fix it on the page: fetch(url, {targetAddressSpace: %q}) (which also lets an https page call "+
		"an http: address there), the user granting the permission when asked, and allow=\"local-network-access\" on an iframe that "+
		"makes the call",
		target.Hostname(), spaceNames[to], spaceNames[from], spaceNames[to])
}
