// virtual-card: plugs our AKIS-like card into the real pcscd through the vsmartcard vpcd driver.
// It connects to vpcd (TCP, default 127.0.0.1:35963 = reader "Virtual PCD 00 00"): connecting is
// inserting the card, closing the connection (exit, SIGTERM) is removing it.
//   virtual-card --fixture card.json [--host H] [--port P] [--netns PATH|pcscd] [--remove-after-apdus N]
//                [--apdu-log FILE]
// --netns joins a network namespace first: "pcscd" is the running pcscd's (the demo and the tests
// start pcscd in a namespace of its own, so vpcd, which listens on every address, is reachable
// only from that namespace's loopback — issue #14).
// --apdu-log appends each command's header (CLA INS P1 P2, never its data) to FILE: the tests
// read it to prove which commands a card received.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>

#include "virtual_card/pcscd_network.hpp"
#include "virtual_card/virtual_akis_card.hpp"

namespace {

struct options {
  std::string fixture, host = "127.0.0.1";
  int port = 35963;
  long remove_after = -1;  // close the link after this many APDUs: a card pulled mid-read
  int connect_seconds = 15;
  std::string apdu_log;
  std::string netns;
};

bool read_exact(int fd, std::uint8_t* p, std::size_t n) {
  while (n) {
    const ssize_t r = ::recv(fd, p, n, 0);
    if (r <= 0) return false;
    p += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

bool write_frame(int fd, const bridgelink::bytes& payload) {
  bridgelink::bytes frame{static_cast<std::uint8_t>(payload.size() >> 8),
                          static_cast<std::uint8_t>(payload.size())};
  frame.insert(frame.end(), payload.begin(), payload.end());
  return ::send(fd, frame.data(), frame.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(frame.size());
}

void quick_ack(int fd) {
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  // Without QUICKACK each APDU waits for the peer's delayed ACK (~40 ms); it resets after reads.
  ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
}

int connect_to(const options& o) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(o.connect_seconds);
  for (;;) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    if (::getaddrinfo(o.host.c_str(), std::to_string(o.port).c_str(), &hints, &res) == 0) {
      for (auto* a = res; a; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0) continue;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
          ::freeaddrinfo(res);
          quick_ack(fd);
          return fd;
        }
        ::close(fd);
      }
      ::freeaddrinfo(res);
    }
    if (std::chrono::steady_clock::now() > deadline) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

int usage() {
  std::cerr
      << "usage: virtual-card --fixture FILE.json [--host 127.0.0.1] [--port 35963] [--remove-after-apdus N]"
         " [--apdu-log FILE] [--netns PATH|pcscd]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    try {
      if (a == "--fixture")
        o.fixture = next();
      else if (a == "--host")
        o.host = next();
      else if (a == "--port")
        o.port = std::stoi(next());
      else if (a == "--remove-after-apdus")
        o.remove_after = std::stol(next());
      else if (a == "--connect-seconds")
        o.connect_seconds = std::stoi(next());
      else if (a == "--apdu-log")
        o.apdu_log = next();
      else if (a == "--netns")
        o.netns = next();
      else
        return usage();
    } catch (const std::exception&) {
      return usage();
    }
  }
  if (o.fixture.empty() || o.port <= 0 || o.port > 65535) return usage();

  eimza::sim::card_fixture fixture;
  try {
    fixture = eimza::sim::load_fixture(o.fixture);
  } catch (const std::exception& e) {
    std::cerr << "virtual-card: " << e.what() << "\n";
    return 1;
  }
  eimza::sim::virtual_akis_card card(std::move(fixture));
  int log_fd = -1;
  if (!o.apdu_log.empty()) {
    log_fd = ::open(o.apdu_log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (log_fd < 0) {
      std::cerr << "virtual-card: cannot open " << o.apdu_log << "\n";
      return 1;
    }
  }

  if (std::string why; !o.netns.empty() && !eimza::sim::join_network_namespace(o.netns, why)) {
    std::cerr << "virtual-card: " << why << "\n";
    return 1;
  }
  const int fd = connect_to(o);
  if (fd < 0) {
    std::cerr << "virtual-card: vpcd not reachable at " << o.host << ":" << o.port
              << " (is pcscd running with vsmartcard-vpcd installed?)\n";
    return 1;
  }
  std::cerr << "virtual-card: inserted (vpcd " << o.host << ":" << o.port << ")\n";
  long apdus = 0;
  for (;;) {
    std::uint8_t len_be[2];
    if (!read_exact(fd, len_be, 2)) break;
    const std::size_t len = static_cast<std::size_t>(len_be[0] << 8 | len_be[1]);
    bridgelink::bytes msg(len);
    if (len && !read_exact(fd, msg.data(), len)) break;
    quick_ack(fd);
    if (len == 1) {
      switch (msg[0]) {
        case 0x00: card.reset(); break;  // power off
        case 0x01:
        case 0x02: card.reset(); break;  // power on, reset
        case 0x04:
          if (!write_frame(fd, card.atr())) goto done;
          break;
        default: break;
      }
      continue;
    }
    if (o.remove_after >= 0 && apdus >= o.remove_after) {
      std::cerr << "virtual-card: removed after " << apdus << " APDUs (as asked)\n";
      break;
    }
    ++apdus;
    if (log_fd >= 0 && msg.size() >= 4) {
      const std::string line = bridgelink::to_hex(bridgelink::byte_view(msg.data(), 4)) + "\n";
      if (::write(log_fd, line.data(), line.size()) < 0) break;
    }
    if (!write_frame(fd, card.respond(msg))) break;
  }
done:
  ::close(fd);
  if (log_fd >= 0) ::close(log_fd);
  std::cerr << "virtual-card: removed\n";
  return 0;
}
