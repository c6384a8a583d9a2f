#pragma once
// The load client's connections, the same for every server under test: a "pipe" joins a bridge
// end and a phone end through the server — our relay and the Node ws relay over WebSocket
// (/v1/new/<id>, /v1/connect/<id>), the magic-wormhole transit relay over TCP ("please relay
// <token> for side <side>", then 4-byte length-prefixed frames). Blocking sockets, TCP_NODELAY.
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bridgelink/bytes.hpp"

namespace bench {

enum class server_kind { ours, node, transit };
[[nodiscard]] server_kind parse_kind(const std::string& s);
[[nodiscard]] const char* kind_name(server_kind k);

struct target {
  server_kind kind = server_kind::ours;
  std::string host = "127.0.0.1";
  unsigned short port = 0;
};

class end {
 public:
  virtual ~end() = default;
  virtual void send(bridgelink::byte_view data) = 0;
  virtual bridgelink::bytes receive() = 0;  // throws std::runtime_error when the connection ends
  virtual void close() = 0;                 // abrupt: the socket is shut down
  /// The raw socket, for the bulk benchmark's pre-built frames.
  virtual boost::asio::ip::tcp::socket& socket() = 0;
};

struct pipe_pair {
  std::unique_ptr<end> bridge, phone;
};

class connector {
 public:
  explicit connector(target t) : t_(std::move(t)) {}
  /// Bridge side of a new channel (ours/node: WebSocket up; transit: handshake line sent).
  [[nodiscard]] std::unique_ptr<end> open_bridge(const std::string& channel_hex,
                                                 const std::string& source = {});
  /// Phone side joining it; for transit also waits for both "ok".
  [[nodiscard]] std::unique_ptr<end> open_phone(const std::string& channel_hex, end& bridge,
                                                const std::string& source = {});
  [[nodiscard]] pipe_pair open_pair(const std::string& channel_hex, const std::string& source = {});
  [[nodiscard]] const target& where() const noexcept { return t_; }

 private:
  target t_;
  boost::asio::io_context io_;
};

/// 32 random lower-case hex characters.
[[nodiscard]] std::string random_channel();

}  // namespace bench
