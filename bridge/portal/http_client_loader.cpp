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

net::tunnel_opener load_tunnel_opener(std::string& why_not) {
  using opener = void (*)(const net::tunnel_request&, const std::atomic<bool>&, net::tunnel_result&);
  auto open =
      reinterpret_cast<opener>(platform::module_symbol("libeimza-http", "eimza_open_tunnel", why_not));
  if (!open) return {};
  return [open](const net::tunnel_request& r, const std::atomic<bool>& cancelled) {
    net::tunnel_result out;
    open(r, cancelled, out);
    return out;
  };
}

}  // namespace eimza::portal
