package main

import (
	"net"
	"net/netip"
	"net/url"
	"strings"
)

// localNetworkNote tells, when the API is on a loopback or private address,
// that Chrome 142 and later send a request there from a less private page
// only with the user's Local Network Access permission; a refusal shows as a
// CORS error that no header the policy sends can fix. pageHost is the host
// the browser used to reach the page. It returns "" for a public API.
func localNetworkNote(apiURL, pageHost string) string {
	u, err := url.Parse(apiURL)
	if err != nil {
		return ""
	}
	api := addressSpace(u.Hostname())
	if api == "public" {
		return ""
	}
	note := "The API is on a " + api + " address. Since Chrome 142 (Local Network Access), a page on a less private address " +
		"(a public site, or for loopback a LAN address) may call it only once the user grants the local network permission; " +
		"refused, the call fails as a \"CORS error\" whatever the policy answers. The fixes are on the page: " +
		`fetch(url, {targetAddressSpace: "` + api + `"}) (which also lets an https page call an http: address there), ` +
		`the user granting the permission, and allow="local-network-access" on an iframe that makes the call. ` +
		"Access-Control-Allow-Private-Network (Config.AllowPrivateNetwork) only answers the preflights of Chromium before 142."
	if host, _, err := net.SplitHostPort(pageHost); err == nil && addressSpace(host) == api {
		note += " This page is on a " + api + " address too, so Chrome does not ask here."
	}
	return note
}

// addressSpace classifies a host as Local Network Access does: "loopback",
// "local" (private, link-local and unique-local addresses, .local names) or
// "public".
func addressSpace(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return "loopback"
	}
	if strings.HasSuffix(host, ".local") {
		return "local"
	}
	a, err := netip.ParseAddr(strings.Trim(host, "[]"))
	switch {
	case err != nil:
		return "public"
	case a.Unmap().IsLoopback():
		return "loopback"
	case a.Unmap().IsPrivate() || a.Unmap().IsLinkLocalUnicast():
		return "local"
	}
	return "public"
}
