#pragma once
// A minimal HTTP CONNECT proxy for tests, like a corporate proxy: it asks for
// Proxy-Authorization: Basic <expected> (407 otherwise) and then tunnels bytes both ways.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace eimza::test {

class connect_proxy {
 public:
  /// expected_basic: base64 of "user:password"; empty accepts anyone.
  explicit connect_proxy(std::string expected_basic);
  ~connect_proxy();
  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] int tunnels() const noexcept { return tunnels_; }
  [[nodiscard]] int refused() const noexcept { return refused_; }

 private:
  void serve(int client);
  std::string expected_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> tunnels_{0}, refused_{0};
  std::thread acceptor_;
  std::vector<std::thread> workers_;
};

}  // namespace eimza::test
