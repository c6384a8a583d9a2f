#include "portal/http_client_loader.hpp"

#include "platform/module_loader.hpp"

namespace eimza::portal {

std::unique_ptr<http_client> load_http_client(const http_options& opts, std::string& why_not) {
  using factory = http_client* (*)(const http_options&);
  auto make =
      reinterpret_cast<factory>(platform::module_symbol("libeimza-http", "eimza_make_http_client", why_not));
  if (!make) return nullptr;
  return std::unique_ptr<http_client>(make(opts));
}

}  // namespace eimza::portal
