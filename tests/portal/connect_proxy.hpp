#pragma once
// A minimal HTTP CONNECT proxy for tests, like a corporate proxy: it asks for
// Proxy-Authorization: Basic <expected>, or for NTLM sign-in (NTLMv2, checked against the
// account's password over one kept-alive connection, as Windows domains' proxies do), answers 407
// otherwise, and then tunnels bytes both ways.
#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace eimza::test {

class connect_proxy {
 public:
  /// expected_basic: base64 of "user:password"; empty accepts anyone.
  explicit connect_proxy(std::string expected_basic);
  struct ntlm_account {
    std::string user, password;
  };
  explicit connect_proxy(ntlm_account account);
  ~connect_proxy();
  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] int tunnels() const noexcept { return tunnels_; }
  [[nodiscard]] int refused() const noexcept { return refused_; }
  /// NTLM sign-ins that passed.
  [[nodiscard]] int signed_in() const noexcept { return signed_in_; }

 private:
  void listen();
  void serve(int client);
  // Whether the request `head` may go through; may answer a 407 itself and keep the connection
  // (NTLM's challenge): `keep` says so.
  bool allowed(int client, const std::string& head, std::array<std::uint8_t, 8>& nonce, bool& keep);
  std::string expected_;
  std::optional<ntlm_account> ntlm_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> tunnels_{0}, refused_{0}, signed_in_{0};
  std::thread acceptor_;
  std::vector<std::thread> workers_;
};

}  // namespace eimza::test
