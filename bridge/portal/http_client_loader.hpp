#pragma once
// The real HTTP client for a journey, from the libeimza-http.so module (libcurl is not linked
// into the bridge itself; see platform/module_loader.hpp).
#include <memory>
#include <string>

#include "portal/http_client.hpp"

namespace eimza::portal {

/// nullptr with the reason in why_not when the module is missing or broken.
[[nodiscard]] std::unique_ptr<http_client> load_http_client(const http_options& opts, std::string& why_not);

}  // namespace eimza::portal
