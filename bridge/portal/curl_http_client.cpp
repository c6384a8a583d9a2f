#include "portal/curl_http_client.hpp"

#include <curl/curl.h>

#include <cstdlib>
#include <map>
#include <thread>

#include "platform/proxy_rules.hpp"
#include "platform/system_proxy.hpp"

namespace eimza::portal {

struct curl_http_client::impl {
  http_options opts;
  CURL* curl = nullptr;
  // The system's proxy is asked once per origin (a PAC script or WPAD may take seconds); only
  // when neither the configuration nor the environment names a proxy.
  bool ask_system = false;
  std::map<std::string, platform::system_proxy> system_proxies;
};

namespace {

struct sink {
  bridgelink::secret_bytes* body;
  std::size_t max;
  bool too_large = false;
};

size_t on_data(char* data, size_t size, size_t n, void* user) {
  auto* s = static_cast<sink*>(user);
  const size_t len = size * n;
  if (s->body->size() + len > s->max) {
    s->too_large = true;
    return 0;  // aborts the transfer
  }
  s->body->append(bridgelink::byte_view(reinterpret_cast<const std::uint8_t*>(data), len));
  return len;
}

// Watches one transfer for slowness (libcurl's progress callback runs about once a second, and
// also while nothing arrives).
struct slow_watch {
  const http_options* opts;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  bool said = false;
};

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* w = static_cast<slow_watch*>(user);
  if (!w->said && w->opts->on_slow && std::chrono::steady_clock::now() - w->start >= w->opts->slow_after) {
    w->said = true;
    w->opts->on_slow(true);
  }
  return 0;  // never aborts: the timeouts do
}

portal_errc from_curl(CURLcode c) {
  switch (c) {
    case CURLE_OPERATION_TIMEDOUT: return portal_errc::timeout;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR: return portal_errc::tls;
    default: return portal_errc::network;
  }
}

// libcurl's own proxy variables (it reads them itself).
bool environment_names_a_proxy() {
  for (const char* v : {"https_proxy", "HTTPS_PROXY", "http_proxy", "all_proxy", "ALL_PROXY"})
    if (const char* x = std::getenv(v); x && *x) return true;
  return false;
}

bool transient(portal_errc e) {
  return e == portal_errc::network || e == portal_errc::timeout || e == portal_errc::server_error;
}

}  // namespace

curl_http_client::curl_http_client(http_options opts) : impl_(std::make_unique<impl>()) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  impl_->opts = std::move(opts);
  impl_->curl = curl_easy_init();
  CURL* c = impl_->curl;
  curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");  // in-memory cookie engine
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https,http");
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!impl_->opts.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, impl_->opts.ca_file.c_str());
  if (!impl_->opts.proxy.empty()) {
    curl_easy_setopt(c, CURLOPT_PROXY, impl_->opts.proxy.c_str());
    curl_easy_setopt(c, CURLOPT_PROXYAUTH, CURLAUTH_ANY);  // Basic, Digest, NTLM, Negotiate
  }
  impl_->ask_system = impl_->opts.proxy.empty() && !environment_names_a_proxy();
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(impl_->opts.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(impl_->opts.request_timeout.count()));
  curl_easy_setopt(c, CURLOPT_USERAGENT, impl_->opts.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
}

curl_http_client::~curl_http_client() {
  if (impl_->curl) curl_easy_cleanup(impl_->curl);
}

void curl_http_client::use_system_proxy(const std::string& url) {
  if (!impl_->ask_system) return;
  const auto u = platform::split_url(url);
  const auto origin = u.scheme + "://" + u.host + ":" + u.port;
  auto it = impl_->system_proxies.find(origin);
  if (it == impl_->system_proxies.end())
    it = impl_->system_proxies.emplace(origin, platform::system_proxy_for(url)).first;
  if (it->second.source.empty()) return;  // nothing set: libcurl's defaults (direct)
  CURL* c = impl_->curl;
  curl_easy_setopt(c, CURLOPT_PROXY, it->second.proxy.c_str());  // "" is direct
  // Institutions' proxies ask for NTLM or Negotiate: answered with the signed-in user's own
  // Windows credentials (SSPI; ":" means "the current user"), never with a stored password.
  curl_easy_setopt(c, CURLOPT_PROXYUSERPWD, ":");
  curl_easy_setopt(c, CURLOPT_PROXYAUTH, CURLAUTH_NEGOTIATE | CURLAUTH_NTLM);
}

portal_result<http_response> curl_http_client::send(const http_request& r) {
  const bool post = r.method == "POST";
  const int attempts = post ? 1 : 1 + impl_->opts.get_retries;
  portal_errc last = portal_errc::network;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    // not polling: a backoff between two tries of a failed request
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(500 * attempt));
    CURL* c = impl_->curl;
    http_response resp;
    sink s{&resp.body, impl_->opts.max_body};
    bridgelink::secret_bytes body;
    curl_easy_setopt(c, CURLOPT_URL, r.url.c_str());
    use_system_proxy(r.url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    if (post) {
      // A fresh connection for every POST: libcurl silently re-sends a request whose reused
      // connection died before any answer, and a credential must never go out twice.
      curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
      curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
      body = form_encode(r.form);
      curl_easy_setopt(c, CURLOPT_POST, 1L);
      // Not COPYPOSTFIELDS: curl reads our wiping buffer directly.
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.empty() ? "" : reinterpret_cast<const char*>(body.data()));
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    } else {
      curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 0L);
      curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 0L);
      curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    curl_slist* headers = nullptr;
    for (const auto& [k, v] : r.headers) headers = curl_slist_append(headers, (k + ": " + v).c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    slow_watch watch{&impl_->opts};
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &watch);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, impl_->opts.on_slow ? 0L : 1L);
    const CURLcode rc = curl_easy_perform(c);
    if (watch.said) impl_->opts.on_slow(false);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(headers);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, nullptr);
    if (s.too_large) return portal_errc::too_large;
    if (rc != CURLE_OK) {
      last = from_curl(rc);
      if (transient(last)) continue;
      return last;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp.status);
    char* url = nullptr;
    curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &url);
    if (url) resp.final_url = url;
    char* ct = nullptr;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
    if (ct) resp.content_type = ct;
    if (resp.status >= 500) {
      last = portal_errc::server_error;
      continue;
    }
    return resp;
  }
  return last;
}

}  // namespace eimza::portal
