#pragma once
// One established BridgeLink session after the handshake: typed messages in, Noise transport
// messages out, and back. Reliable messages (step_request, step_response, bye, error) get
// seq 1, 2, ... per direction and stay in an outbox until the peer acknowledges them, so they
// can be sent again over a resumed channel. Any decryption, framing, parse or sequence error
// closes the channel for good: the caller ends the session (or resumes with fresh keys).
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "bridgelink/errors.hpp"
#include "bridgelink/messages.hpp"
#include "bridgelink/noise.hpp"

namespace bridgelink {

class secure_channel {
 public:
  explicit secure_channel(noise::transport_keys keys) : keys_(std::move(keys)) {}

  /// Numbers (if reliable), stamps the current ack, pads and encrypts m.
  [[nodiscard]] result<bytes> send(message m);

  /// Decrypts and parses one transport message. nullopt for a reliable message already
  /// received (a resend after resume): it is dropped, only its ack is taken.
  [[nodiscard]] result<std::optional<message>> receive(byte_view transport_message);

  /// After a resume handshake (the transport dropped, the channel did not fail): new keys,
  /// then every unacknowledged message again, in order. channel_closed if the channel ended.
  [[nodiscard]] result<std::vector<bytes>> resume(noise::transport_keys keys);

  /// True when reliable messages arrived that we have not acknowledged yet (send an ack).
  [[nodiscard]] bool ack_due() const noexcept { return received_ > acked_to_peer_; }
  [[nodiscard]] std::size_t unacknowledged() const noexcept { return outbox_.size(); }
  [[nodiscard]] bool closed() const noexcept { return closed_; }
  /// Closes the channel locally (after a bye, or when the owner gives up).
  void close() noexcept { closed_ = true; }

 private:
  struct pending {
    std::uint64_t seq;
    message msg;
  };
  [[nodiscard]] result<bytes> seal(const message& m);
  void take_ack(std::uint64_t ack);

  noise::transport_keys keys_;
  std::deque<pending> outbox_;
  std::uint64_t next_seq_ = 1;       // next reliable seq we send
  std::uint64_t received_ = 0;       // highest reliable seq received in order
  std::uint64_t acked_to_peer_ = 0;  // highest ack we have sent
  std::uint64_t peer_acked_ = 0;     // highest ack the peer has sent
  bool closed_ = false;
};

}  // namespace bridgelink
