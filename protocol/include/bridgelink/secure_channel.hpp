#pragma once
// One established BridgeLink session after the handshake: typed messages in, Noise transport
// messages out, and back. Reliable messages (step_request, step_response, bye, error) get
// seq 1, 2, ... per direction and stay in an outbox until the peer acknowledges them, so they
// can be sent again over a resumed channel. Any decryption, framing, parse or sequence error
// closes the channel for good: the caller ends the session (or resumes with fresh keys).
// Two messages still go out of a closed channel: one ack of the peer's bye/error (so the peer
// knows its last word arrived) and, after a failure of ours, one error telling the peer why.
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

  /// Numbers (if reliable), stamps the current ack, pads and encrypts m. Once closed, only the
  /// ack of the peer's bye/error is still sealed (once).
  [[nodiscard]] result<bytes> send(message m);

  /// Our last word when we end the channel because of an error (e.g. what the peer sent did not
  /// decrypt): error {code = e's number, detail = its name}. Sealed even though the channel is
  /// closed; once; not after the peer ended it or after sealing itself failed.
  [[nodiscard]] result<bytes> send_error(errc e);

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
  /// receive() into m: errc{} when m is new, replayed when it is a resend already received.
  [[nodiscard]] errc take(byte_view transport_message, message& m);
  void take_ack(std::uint64_t ack);

  noise::transport_keys keys_;
  secret_bytes plain_;  // a plaintext being read; wiped after each
  std::deque<pending> outbox_;
  std::uint64_t next_seq_ = 1;       // next reliable seq we send
  std::uint64_t received_ = 0;       // highest reliable seq received in order
  std::uint64_t acked_to_peer_ = 0;  // highest ack we have sent
  std::uint64_t peer_acked_ = 0;     // highest ack the peer has sent
  bool closed_ = false;
  bool peer_ended_ = false;   // the peer's bye/error arrived: one ack may still go out
  bool last_word_ = false;    // that ack, or our error, has gone out
  bool send_broken_ = false;  // sealing failed: nothing more can be sent
};

}  // namespace bridgelink
