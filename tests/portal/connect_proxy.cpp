#include "connect_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/rand.h>

#include <cstring>

#include "ntlm_server.hpp"

namespace eimza::test {

connect_proxy::connect_proxy(std::string expected_basic) : expected_(std::move(expected_basic)) {
  listen();
}

connect_proxy::connect_proxy(ntlm_account account) : ntlm_(std::move(account)) {
  listen();
}

void connect_proxy::listen() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::listen(listen_fd_, 16);
  socklen_t len = sizeof a;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  acceptor_ = std::thread([this] {
    while (!stop_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const int c = ::accept(listen_fd_, nullptr, nullptr);
      if (c >= 0) workers_.emplace_back([this, c] { serve(c); });
    }
  });
}

connect_proxy::~connect_proxy() {
  stop_ = true;
  acceptor_.join();
  for (auto& w : workers_) w.join();
  ::close(listen_fd_);
}

namespace {

void reply(int client, const std::string& s) {
  (void)::send(client, s.data(), s.size(), MSG_NOSIGNAL);
}

// The value of a request header line "name: value" (exact case, as the tests' clients send it).
std::string header(const std::string& head, const std::string& name) {
  const auto at = head.find("\r\n" + name + ": ");
  if (at == std::string::npos) return {};
  const auto from = at + 4 + name.size();
  return head.substr(from, head.find("\r\n", from) - from);
}

}  // namespace

bool connect_proxy::allowed(int client, const std::string& head, std::array<std::uint8_t, 8>& nonce,
                            bool& keep) {
  keep = false;
  const std::string auth = header(head, "Proxy-Authorization");
  if (ntlm_) {
    const std::string prefix = "NTLM ";
    const auto message =
        auth.rfind(prefix, 0) == 0 ? ntlm::unbase64(auth.substr(prefix.size())) : ntlm::bytes{};
    const int type = ntlm::message_type(message);
    if (type == 3) {
      const auto a = ntlm::parse_authenticate(message);
      if (a && ntlm::verify(*a, ntlm_->user, ntlm_->password, nonce)) return ++signed_in_, true;
    } else {
      // No sign-in yet: which schemes; a NEGOTIATE message: the CHALLENGE, on this connection.
      keep = true;
      if (type == 1) RAND_bytes(nonce.data(), static_cast<int>(nonce.size()));
      reply(client, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: NTLM" +
                        (type == 1 ? " " + ntlm::base64(ntlm::challenge(nonce, "KURUM")) : std::string()) +
                        "\r\nContent-Length: 0\r\n\r\n");
      return false;
    }
  } else if (expected_.empty() || auth == "Basic " + expected_) {
    return true;
  }
  ++refused_;
  reply(client, std::string("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: ") +
                    (ntlm_ ? "NTLM" : "Basic realm=\"corp\"") +
                    "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  return false;
}

void connect_proxy::serve(int client) {
  char buf[4096];
  int host_port = 0;                    // tunnels to this machine only, named by address or as localhost
  std::array<std::uint8_t, 8> nonce{};  // NTLM's server challenge on this connection
  for (bool keep = true; keep;) {
    std::string head;
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 16384) {
      pollfd p{client, POLLIN, 0};
      if (::poll(&p, 1, 2000) <= 0) break;
      const ssize_t n = ::recv(client, buf, sizeof buf, 0);
      if (n <= 0) break;
      head.append(buf, static_cast<std::size_t>(n));
    }
    if (std::sscanf(head.c_str(), "CONNECT 127.0.0.1:%d", &host_port) != 1 &&
        std::sscanf(head.c_str(), "CONNECT localhost:%d", &host_port) != 1) {
      reply(client, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
      ::close(client);
      return;
    }
    if (allowed(client, head, nonce, keep)) break;
    if (!keep) {
      ::close(client);
      return;
    }
  }
  const int up = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(host_port));
  if (::connect(up, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    reply(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
    ::close(up);
    ::close(client);
    return;
  }
  ++tunnels_;
  reply(client, "HTTP/1.1 200 Connection established\r\n\r\n");
  pollfd fds[2] = {{client, POLLIN, 0}, {up, POLLIN, 0}};
  while (!stop_) {
    if (::poll(fds, 2, 100) < 0) break;
    bool closed = false;
    for (int i = 0; i < 2 && !closed; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP))) continue;
      const ssize_t n = ::recv(fds[i].fd, buf, sizeof buf, 0);
      if (n <= 0 || ::send(fds[1 - i].fd, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n) closed = true;
    }
    if (closed) break;
  }
  ::close(up);
  ::close(client);
}

}  // namespace eimza::test
