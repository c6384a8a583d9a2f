#pragma once
// A TCP connection to host:port through an HTTP proxy (CONNECT), with whatever sign-in the proxy
// asks for: Basic or Digest with the credentials in the proxy's address, NTLM with them too, and
// on Windows NTLM/Negotiate with the signed-in user's own credentials (SSPI) when the address has
// none. The relay link takes the connected socket and speaks TLS and WebSocket over it itself.
// The opener is injected (the bridge loads it from the libcurl module, tests link it).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace eimza::net {

struct tunnel_request {
  std::string proxy;  // "http://[user:password@]host:port"
  std::string host;   // where the tunnel goes
  unsigned short port = 0;
  std::chrono::seconds timeout{10};  // the whole exchange with the proxy, sign-in included
};

struct tunnel_result {
  enum class failure { none, bad_proxy, proxy_not_found, proxy_unreachable, refused, cancelled };
  failure why = failure::none;
  std::intptr_t socket = -1;  // connected through the proxy (the caller owns it); -1 on failure
  bool ipv6 = false;          // the socket's family (the proxy's address)
  long proxy_status = 0;      // the proxy's answer to CONNECT when it refused (407, 403, 502…)
  std::string detail;         // for logs, in English
};

/// Blocks until the tunnel is up, refused, timed out or `cancelled` turns true (seen within ~1 s).
using tunnel_opener = std::function<tunnel_result(const tunnel_request&, const std::atomic<bool>& cancelled)>;

/// The libcurl implementation (bridge/portal/curl_tunnel.cpp): the tunnel the portal's own
/// requests get, so the relay link signs in to a proxy exactly as the portal does.
[[nodiscard]] tunnel_result curl_open_tunnel(const tunnel_request& r, const std::atomic<bool>& cancelled);

}  // namespace eimza::net
