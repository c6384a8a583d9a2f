// libeimza-http.so: the portal's HTTP client on libcurl, loaded by the bridge only when a journey
// talks to the portal (portal/http_client_loader.cpp).
#include "portal/curl_http_client.hpp"

extern "C" __attribute__((visibility("default"))) eimza::portal::http_client* eimza_make_http_client(
    const eimza::portal::http_options& opts) {
  return new eimza::portal::curl_http_client(opts);
}
