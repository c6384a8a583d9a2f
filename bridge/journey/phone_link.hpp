#pragma once
// The bridge's end of BridgeLink over the relay: a WebSocket client on /v1/new/<channel>, the
// NKpsk0 responder for the QR it shows, then the secure channel. When the phone's connection
// drops after pairing (page backgrounded or reloaded, network change, relay TTL) the link does
// not end: it listens on the next two resume channels and takes the phone back (NNpsk0), either
// continuing the channel (outboxes resent) or, after a reload, starting a fresh one — then
// restarts() grows and the journey sends its open step again. I/O runs on the io_context; the
// journey thread reads its state and sleeps on its wakeup, which options::on_change notifies.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "bridgelink/link_handshake.hpp"
#include "bridgelink/qr_rotation.hpp"
#include "bridgelink/secure_channel.hpp"
#include "journey/step_ports.hpp"
#include "net/proxy_tunnel.hpp"

namespace eimza::journey {

/// Shared by the links of one QR rotation: the first handshake to complete takes it, atomically;
/// a phone whose handshake completes later on another code of the rotation gets its msg2 and, in
/// its own channel, bye "already_paired" (so it is told, not left to think the network dropped).
class pairing_claim {
 public:
  [[nodiscard]] bool take() noexcept { return !taken_.exchange(true); }

 private:
  std::atomic<bool> taken_{false};
};

class phone_link final : public message_link {
 public:
  struct endpoint {
    std::string host = "127.0.0.1";  // name or address
    unsigned short port = 0;
    std::shared_ptr<boost::asio::ssl::context> tls;  // wss:// when set (peer and host name verified)
    std::string credential;  // the embedded relay's per-run secret (relay_options::bridge_credential)
    std::string proxy;       // "http://[user:password@]host:port" to go through (HTTP CONNECT); empty: direct
    net::tunnel_opener tunnel;  // opens the CONNECT tunnel through `proxy` (signs in as the proxy asks)
  };
  /// A TLS client context that verifies the relay: the system's CAs, or only `ca_file` if given.
  [[nodiscard]] static std::shared_ptr<boost::asio::ssl::context> client_tls(const std::string& ca_file);
  struct options {
    std::chrono::seconds resume_wait{300};  // how long a dropped phone may take to come back
    std::chrono::milliseconds relay_retry{1000};
    std::chrono::milliseconds bye_wait{3000};  // close(): how long the phone has to acknowledge the bye
    std::shared_ptr<pairing_claim> claim;      // null: this link pairs on its own
  };
  phone_link(boost::asio::io_context& io, endpoint relay, const bridgelink::noise::keypair& bridge_static,
             bridgelink::qr_ticket ticket, bridgelink::ready_body ready, options opt);
  phone_link(boost::asio::io_context& io, endpoint relay, const bridgelink::noise::keypair& bridge_static,
             bridgelink::qr_ticket ticket, bridgelink::ready_body ready)
      : phone_link(io, std::move(relay), bridge_static, std::move(ticket), std::move(ready), options{}) {}
  ~phone_link();
  phone_link(const phone_link&) = delete;
  phone_link& operator=(const phone_link&) = delete;

  /// Connects to the relay and waits (on the io thread) for the phone's first message.
  void start();
  /// Blocks until the handshake is done: the SAS the phone shows. Empty on timeout or failure.
  [[nodiscard]] std::string wait_paired(std::chrono::milliseconds timeout);
  /// Thread-safe. Reliable messages are numbered by the channel and survive a resume.
  void send(bridgelink::message m) override;
  /// The next message from the phone if one is there (acks and pings are handled here).
  [[nodiscard]] std::optional<bridgelink::message> try_receive() override;
  /// Ended for good: bye/error, a protocol error, or the phone did not come back in time.
  [[nodiscard]] bool closed() const override;
  /// Called once, on the io thread, when the link ends for good (not when the phone is only away).
  /// Replaces any earlier callback; an empty one removes it.
  void on_end(std::function<void()> f);
  /// Called (on the io thread, maybe under the link's lock: do no more than notify a wakeup)
  /// after every change: a message in, the phone paired, away, back or restarted, the link ended.
  /// Replaces any earlier callback; the destructor removes it (no call after it returns).
  void on_change(std::function<void()> f);
  /// The phone is connected now (false while waiting for it to resume).
  [[nodiscard]] bool connected() const override;
  /// How many times the phone came back without its channel state (page reloaded).
  [[nodiscard]] std::uint64_t restarts() const override;
  /// Sends bye (if connected), waits for the phone's acknowledgement (at most options::bye_wait),
  /// then closes the WebSocket; returns when that is done (at once when called on the io thread).
  /// A protocol error on our side instead sends the phone `error` with its code before closing.
  void close(const std::string& reason);
  /// Why the link ended (link_errc in link_category(); empty for a normal end).
  [[nodiscard]] std::error_code error() const override;
  /// The same for logs, in English, with what the library said ("relay unreachable: Connection refused").
  [[nodiscard]] std::string last_error() const;
  /// The handshake completed and this link holds the rotation's claim.
  [[nodiscard]] bool paired() const;
  /// The phone acknowledged our bye.
  [[nodiscard]] bool bye_acknowledged() const;

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace eimza::journey
