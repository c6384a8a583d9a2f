#include "portal_sim_process.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace eimza::test {

portal_sim::portal_sim(std::vector<std::string> extra) {
  static std::atomic<int> n{0};
  dir_ = std::filesystem::temp_directory_path() /
         ("eimza-portal-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  std::filesystem::create_directories(dir_);
  ca_ = (dir_ / "ca.pem").string();
  const auto port_file = dir_ / "port";
  std::vector<std::string> argv{
      EIMZA_PORTAL_SIM,   "--accounts",   EIMZA_PORTAL_ACCOUNTS, "--ca-out", ca_, "--port-file",
      port_file.string(), "--test-token", "test-token-for-ctest"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  proc_ = std::make_unique<child_process>(argv, (dir_ / "portal-sim.log").string());
  for (int i = 0; i < 200 && !std::filesystem::exists(port_file); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  std::ifstream(port_file) >> port_;
  if (port_ == 0)
    throw std::runtime_error("portal-sim did not start; see " + (dir_ / "portal-sim.log").string());
}

portal_sim::~portal_sim() {
  proc_->stop();
  std::filesystem::remove_all(dir_);
}

boost::json::value portal_sim::test_info(const std::string& what) {
  portal::http_options o;
  o.ca_file = ca_;
  portal::curl_http_client c(o);
  portal::http_request r;
  r.url = origin() + "__test/" + what;
  r.headers.emplace_back("X-Test-Token", "test-token-for-ctest");
  auto res = c.send(r);
  if (!res || res->status != 200) throw std::runtime_error("test endpoint " + what + " failed");
  return boost::json::parse(
      std::string_view(reinterpret_cast<const char*>(res->body.data()), res->body.size()));
}

std::string portal_sim::last_sms_code() {
  const auto info = test_info("sms");
  const auto& list = info.at("sms").as_array();
  if (list.empty()) return {};
  return std::string(list.back().at("code").as_string());
}

std::int64_t portal_sim::posts(const std::string& step) {
  const auto info = test_info("stats");
  const auto& p = info.at("posts").as_object();
  auto it = p.find(step);
  return it == p.end() ? 0 : it->value().as_int64();
}

}  // namespace eimza::test
