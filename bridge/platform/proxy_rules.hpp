#pragma once
// Which proxy a URL goes through, from Windows' Internet settings as WinHTTP reports them (the
// person's "Proxy settings" page, or what a PAC script said for this URL). Sans-I/O: the same
// rules on every system, unit-tested everywhere; platform/system_proxy.hpp reads the settings.
#include <string>
#include <string_view>

namespace eimza::platform {

/// The proxy for `url` from a WinHTTP proxy list and bypass list, as "http://host:port" for
/// libcurl; empty: go direct.
/// - proxy_list: entries separated by ';' or white space, each "host:port", "http://host:port", or
///   per scheme "https=host:port" / "http=host:port"; an https URL takes its "https=" entry, else
///   an entry for every scheme; "socks=" entries are not used.
/// - bypass: entries separated by ';', ',' or white space, matched against the URL's host
///   (and "host:port") without regard to case, '*' matching any run of characters, an optional
///   scheme prefix ("https://*.example.org"); "<local>" matches host names without a dot.
[[nodiscard]] std::string pick_proxy(std::string_view proxy_list, std::string_view bypass,
                                     std::string_view url);

/// "https://Portal.Example:8443/x?y" → scheme "https", host "portal.example", port "8443" (the
/// scheme's default when absent); empty host when the URL has none.
struct url_parts {
  std::string scheme, host, port;
};
[[nodiscard]] url_parts split_url(std::string_view url);

/// A proxy given as "http://user:password@host:port" (libcurl's form; user and password
/// percent-decoded, port 1080 when absent, like libcurl), or "host:port". Nothing for a scheme
/// other than http (an HTTPS or SOCKS proxy is not supported for the relay link).
struct proxy_address {
  std::string host, port, user, password;
};
[[nodiscard]] bool parse_proxy(std::string_view text, proxy_address& out);

/// Whether `no_proxy` (libcurl's rules: comma-separated names, a leading dot optional, "*" for
/// all; a name matches itself and its subdomains) exempts host.
[[nodiscard]] bool no_proxy_matches(std::string_view no_proxy, std::string_view host);

}  // namespace eimza::platform
