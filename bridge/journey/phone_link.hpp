#pragma once
// The bridge's end of BridgeLink over the relay: a WebSocket client on /v1/new/<channel>, the
// NKpsk0 responder for the QR it shows, then the secure channel. I/O runs on the io_context
// thread; the journey thread uses the blocking calls (each with a timeout).
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "bridgelink/link_handshake.hpp"
#include "bridgelink/qr_rotation.hpp"
#include "bridgelink/secure_channel.hpp"

namespace eimza::journey {

class phone_link : public std::enable_shared_from_this<phone_link> {
 public:
  struct endpoint {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
  };
  phone_link(boost::asio::io_context& io, endpoint relay, const bridgelink::noise::keypair& bridge_static,
             bridgelink::qr_ticket ticket, bridgelink::ready_body ready);
  ~phone_link();

  /// Connects to the relay and waits (on the io thread) for the phone's first message.
  void start();
  /// Blocks until the handshake is done: the SAS the phone shows. Empty on timeout or failure.
  [[nodiscard]] std::string wait_paired(std::chrono::seconds timeout);
  /// Thread-safe. Reliable messages are numbered by the channel.
  void send(bridgelink::message m);
  /// Blocks for the next message from the phone (acks and pings are handled here).
  [[nodiscard]] std::optional<bridgelink::message> receive(std::chrono::milliseconds timeout);
  [[nodiscard]] bool closed() const;
  /// Sends bye (if paired) and closes.
  void close(const std::string& reason);
  [[nodiscard]] std::string last_error() const;

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace eimza::journey
