// net::curl_open_tunnel: libcurl's CONNECT_ONLY through an HTTP proxy, so the proxy's sign-in
// (Basic, Digest, NTLM; Negotiate and the current user's NTLM through SSPI on Windows) is
// libcurl's, the same as for the portal's own requests. libcurl hands over the socket and is told
// not to close it.
#include <curl/curl.h>

#include <cstring>
#include <memory>

#include "net/proxy_tunnel.hpp"
#include "platform/proxy_rules.hpp"

#ifdef _WIN32
#include <winsock2.h>
#else
#include <unistd.h>
#endif

namespace eimza::net {
namespace {

struct kept_socket {
  curl_socket_t socket = CURL_SOCKET_BAD;
};

// libcurl closes every socket it opened (a proxy that drops the connection after a 407 gets a
// new one), except the one handed to the caller.
int close_unless_kept(void* user, curl_socket_t s) {
  if (static_cast<kept_socket*>(user)->socket == s) return 0;
#ifdef _WIN32
  return ::closesocket(s);
#else
  return ::close(s);
#endif
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(user)->load() ? 1 : 0;  // 1 aborts
}

using easy_ptr = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

}  // namespace

tunnel_result curl_open_tunnel(const tunnel_request& r, const std::atomic<bool>& cancelled) {
  tunnel_result out;
  platform::proxy_address via;
  if (!platform::parse_proxy(r.proxy, via)) {
    out.why = tunnel_result::failure::bad_proxy;
    out.detail = "the proxy address is not http://[user:password@]host:port";
    return out;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  kept_socket kept;
  easy_ptr c(curl_easy_init(), &curl_easy_cleanup);
  const auto target = "http://" + (r.host.find(':') != std::string::npos ? "[" + r.host + "]" : r.host) +
                      ":" + std::to_string(r.port) + "/";
  curl_easy_setopt(c.get(), CURLOPT_URL, target.c_str());
  curl_easy_setopt(c.get(), CURLOPT_PROXY, r.proxy.c_str());
  curl_easy_setopt(c.get(), CURLOPT_PROXYTYPE, static_cast<long>(CURLPROXY_HTTP));
  curl_easy_setopt(c.get(), CURLOPT_HTTPPROXYTUNNEL, 1L);
  curl_easy_setopt(c.get(), CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(c.get(), CURLOPT_PROXYAUTH, CURLAUTH_ANY);
#ifdef _WIN32
  // No credentials in the address: the signed-in user's own, through SSPI (never a stored password).
  if (via.user.empty()) curl_easy_setopt(c.get(), CURLOPT_PROXYUSERPWD, ":");
#endif
  curl_easy_setopt(c.get(), CURLOPT_NOPROXY, "");  // the proxy given, whatever no_proxy says
  curl_easy_setopt(c.get(), CURLOPT_CONNECTTIMEOUT, static_cast<long>(r.timeout.count()));
  curl_easy_setopt(c.get(), CURLOPT_TIMEOUT, static_cast<long>(r.timeout.count()));
  curl_easy_setopt(c.get(), CURLOPT_USERAGENT, "e-imza-companion");
  curl_easy_setopt(c.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c.get(), CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c.get(), CURLOPT_XFERINFOFUNCTION, &on_progress);
  curl_easy_setopt(c.get(), CURLOPT_XFERINFODATA, &cancelled);
  curl_easy_setopt(c.get(), CURLOPT_CLOSESOCKETFUNCTION, &close_unless_kept);
  curl_easy_setopt(c.get(), CURLOPT_CLOSESOCKETDATA, &kept);

  const CURLcode done = curl_easy_perform(c.get());
  long status = 0;
  curl_easy_getinfo(c.get(), CURLINFO_HTTP_CONNECTCODE, &status);
  if (done != CURLE_OK) {
    out.detail = curl_easy_strerror(done);
    if (done == CURLE_ABORTED_BY_CALLBACK || cancelled)
      out.why = tunnel_result::failure::cancelled;
    else if (status != 0 && status != 200) {
      out.why = tunnel_result::failure::refused;
      out.proxy_status = status;
      out.detail = "proxy answered " + std::to_string(status);
    } else if (done == CURLE_COULDNT_RESOLVE_PROXY)
      out.why = tunnel_result::failure::proxy_not_found;
    else
      out.why = tunnel_result::failure::proxy_unreachable;
    return out;
  }
  curl_socket_t s = CURL_SOCKET_BAD;
  if (curl_easy_getinfo(c.get(), CURLINFO_ACTIVESOCKET, &s) != CURLE_OK || s == CURL_SOCKET_BAD) {
    out.why = tunnel_result::failure::proxy_unreachable;
    out.detail = "no socket after CONNECT";
    return out;
  }
  const char* ip = nullptr;
  curl_easy_getinfo(c.get(), CURLINFO_PRIMARY_IP, &ip);
  out.ipv6 = ip && std::strchr(ip, ':');
  kept.socket = s;  // from here libcurl leaves it open
  c.reset();
  out.socket = static_cast<std::intptr_t>(s);
  return out;
}

}  // namespace eimza::net
