#pragma once
// http_client on libcurl: certificate verification always on, cookies kept in memory for the
// session, redirects followed (a POST answered by 302/303 continues as GET), environment or
// explicit proxies (authenticated ones too), bounded bodies and timeouts.
#include <memory>

#include "portal/http_client.hpp"

namespace eimza::portal {

class curl_http_client final : public http_client {
 public:
  explicit curl_http_client(http_options opts);
  ~curl_http_client() override;
  curl_http_client(const curl_http_client&) = delete;
  curl_http_client& operator=(const curl_http_client&) = delete;

  [[nodiscard]] portal_result<http_response> send(const http_request& r) override;

 private:
  // Windows: the proxy of the person's Internet settings for url's origin (platform/system_proxy).
  void use_system_proxy(const std::string& url);
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace eimza::portal
