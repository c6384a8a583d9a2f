#pragma once
// Starts the portal simulator for one test (its own port, CA file and accounts) and stops it.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "child_process.hpp"
#include "portal/curl_http_client.hpp"

namespace eimza::test {

class portal_sim {
 public:
  explicit portal_sim(std::vector<std::string> extra_args = {});
  ~portal_sim();
  [[nodiscard]] std::string origin() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }
  /// By the certificate's DNS name: libcurl's Schannel backend (the Windows build) matches DNS
  /// names only, never IP addresses (real portals have names).
  [[nodiscard]] std::string named_origin() const {
    return "https://localhost:" + std::to_string(port_) + "/";
  }
  [[nodiscard]] const std::string& ca_file() const { return ca_; }
  /// GET /__test/<what> with the test token.
  [[nodiscard]] boost::json::value test_info(const std::string& what);
  [[nodiscard]] std::string last_captcha() {
    return std::string(test_info("captcha").at("captcha").as_string());
  }
  [[nodiscard]] std::string last_sms_code();
  [[nodiscard]] std::int64_t posts(const std::string& step);

 private:
  std::filesystem::path dir_;
  std::string ca_;
  int port_ = 0;
  std::unique_ptr<child_process> proc_;
};

}  // namespace eimza::test
