#pragma once
// The real HTTP client for a journey, and the relay link's proxy tunnel, from the libeimza-http
// module (libcurl is not linked into the bridge itself; see platform/module_loader.hpp).
#include <memory>
#include <string>

#include "net/proxy_tunnel.hpp"
#include "portal/http_client.hpp"

namespace eimza::portal {

/// nullptr with the reason in why_not when the module is missing or broken.
[[nodiscard]] std::unique_ptr<http_client> load_http_client(const http_options& opts, std::string& why_not);

/// An empty function with the reason in why_not when the module is missing or broken.
[[nodiscard]] net::tunnel_opener load_tunnel_opener(std::string& why_not);

}  // namespace eimza::portal
