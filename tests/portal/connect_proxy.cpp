#include "connect_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace eimza::test {

connect_proxy::connect_proxy(std::string expected_basic) : expected_(std::move(expected_basic)) {
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

void connect_proxy::serve(int client) {
  std::string head;
  char buf[4096];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < 16384) {
    pollfd p{client, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) break;
    const ssize_t n = ::recv(client, buf, sizeof buf, 0);
    if (n <= 0) break;
    head.append(buf, static_cast<std::size_t>(n));
  }
  auto reply = [&](const char* s) { (void)::send(client, s, std::strlen(s), MSG_NOSIGNAL); };
  int host_port = 0;  // tunnels to this machine only, named by address or as localhost
  if (std::sscanf(head.c_str(), "CONNECT 127.0.0.1:%d", &host_port) != 1 &&
      std::sscanf(head.c_str(), "CONNECT localhost:%d", &host_port) != 1) {
    reply("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    ::close(client);
    return;
  }
  if (!expected_.empty() &&
      head.find("Proxy-Authorization: Basic " + expected_ + "\r\n") == std::string::npos) {
    ++refused_;
    reply(
        "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n"
        "Content-Length: 0\r\nConnection: close\r\n\r\n");
    ::close(client);
    return;
  }
  const int up = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(host_port));
  if (::connect(up, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    reply("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
    ::close(up);
    ::close(client);
    return;
  }
  ++tunnels_;
  reply("HTTP/1.1 200 Connection established\r\n\r\n");
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
