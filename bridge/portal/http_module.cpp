// libeimza-http.so: the portal's HTTP client on libcurl, and the relay link's proxy tunnel, loaded
// by the bridge only when a journey talks to the portal or goes through a proxy
// (portal/http_client_loader.cpp).
#include "net/proxy_tunnel.hpp"
#include "portal/curl_http_client.hpp"

extern "C" __attribute__((visibility("default"))) eimza::portal::http_client* eimza_make_http_client(
    const eimza::portal::http_options& opts) {
  return new eimza::portal::curl_http_client(opts);
}

extern "C" __attribute__((visibility("default"))) void eimza_open_tunnel(const eimza::net::tunnel_request& r,
                                                                         const std::atomic<bool>& cancelled,
                                                                         eimza::net::tunnel_result& out) {
  out = eimza::net::curl_open_tunnel(r, cancelled);
}
