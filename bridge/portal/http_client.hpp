#pragma once
// The portal's HTTP(S) transport, as an interface: the flow is tested with a real client
// against the simulator, and with fakes in unit tests. Form values and bodies are secrets.
#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "bridgelink/secret.hpp"
#include "portal/portal_error.hpp"

namespace eimza::portal {

struct form_value {
  std::string name;
  bridgelink::secret_bytes value;
};

struct http_request {
  std::string method = "GET";  // GET or POST (application/x-www-form-urlencoded)
  std::string url;
  std::vector<form_value> form;
  std::vector<std::pair<std::string, std::string>> headers;  // extra request headers
};

struct http_response {
  long status = 0;
  std::string final_url;  // after redirects
  std::string content_type;
  bridgelink::secret_bytes body;
};

struct http_options {
  std::string ca_file;  // extra trust anchor (the simulator's CA); empty: system store
  std::string proxy;    // empty: libcurl's environment proxies (https_proxy, no_proxy...)
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds request_timeout{30};
  std::size_t max_body = 4 * 1024 * 1024;
  int get_retries = 2;  // idempotent GETs only; POSTs are never retried
  std::string user_agent = "e-imza-companion/0.1";
  // A request still unanswered after slow_after: on_slow(true) once, on_slow(false) when it ends
  // (the journey tells the person the portal is slow; nothing is sent again). Called on the
  // requesting thread.
  std::chrono::seconds slow_after{5};
  std::function<void(bool)> on_slow;
};

class http_client {
 public:
  virtual ~http_client() = default;
  /// One request (GETs may be retried with backoff inside; POSTs are sent exactly once).
  [[nodiscard]] virtual portal_result<http_response> send(const http_request& r) = 0;
};

/// "a=1&b=%C3%A7": form encoding into wiping storage.
[[nodiscard]] bridgelink::secret_bytes form_encode(const std::vector<form_value>& form);
/// Resolves href against base (absolute, root-relative, relative, "?query").
[[nodiscard]] std::string resolve_url(const std::string& base, const std::string& href);

}  // namespace eimza::portal
