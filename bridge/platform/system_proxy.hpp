#pragma once
// The proxy the person's system is set to use for a URL, for the portal's HTTP client.
// Windows: the Internet settings of the signed-in user, through WinHTTP — a fixed proxy with its
// bypass list, a PAC script (its URL), or automatic detection (WPAD); proxies in public
// institutions then ask for NTLM/Negotiate, which the client answers with the user's own Windows
// credentials (SSPI). Elsewhere: none here — libcurl reads https_proxy/no_proxy itself.
#include <string>

namespace eimza::platform {

struct system_proxy {
  std::string proxy;   // "http://host:port"; empty: direct
  std::string source;  // "manual", "pac", "auto-detect"; empty when nothing is set
};

/// Never throws; a PAC script that cannot be fetched or run falls back to the manual proxy, then
/// to direct.
[[nodiscard]] system_proxy system_proxy_for(const std::string& url);

/// The proxy for a connection of our own (the relay link) to url, in libcurl's order: the
/// configured one (`--proxy`), else the environment's (https_proxy, all_proxy; no_proxy exempts),
/// else the system's (Windows' Internet settings). Empty: direct.
[[nodiscard]] std::string proxy_for(const std::string& url, const std::string& configured);

}  // namespace eimza::platform
