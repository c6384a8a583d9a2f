#pragma once
// One established BridgeLink session after the handshake: typed messages in, Noise transport
// messages out, and back. Reliable messages (step_request, step_response, bye, error) get
// seq 1, 2, ... per direction and stay in an outbox until the peer acknowledges them, so they
// can be sent again over a resumed channel. Any decryption, framing, parse or sequence error
// closes the channel for good: the caller ends the session (or resumes with fresh keys).
// Two messages still go out of a closed channel: one ack of the peer's bye/error (so the peer
// knows its last word arrived) and, after a failure of ours, one error telling the peer why.
// Messages go in and come out as views (message_view.hpp) or as owned messages: a view is
// encoded straight into its frame and a received one is read where it was decrypted, with no
// copy; an owned one goes through a view.
#include <cassert>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "bridgelink/errors.hpp"
#include "bridgelink/message_view.hpp"
#include "bridgelink/messages.hpp"
#include "bridgelink/noise.hpp"
#include "bridgelink/outbox.hpp"

namespace bridgelink {

class secure_channel {
 public:
  class received;

  explicit secure_channel(noise::transport_keys keys) : keys_(std::move(keys)) {}

  /// Numbers (if reliable), stamps the current ack (m's seq and ack are ignored), encodes m into
  /// its padded frame and encrypts it there; a reliable message's encoded body is kept for a
  /// resend. Once closed, only the ack of the peer's bye/error is still sealed (once).
  [[nodiscard]] result<bytes> send(const message_view& m);
  [[nodiscard]] result<bytes> send(const message& m);

  /// Our last word when we end the channel because of an error (e.g. what the peer sent did not
  /// decrypt): error {code = e's number, detail = its name}. Sealed even though the channel is
  /// closed; once; not after the peer ended it or after sealing itself failed.
  [[nodiscard]] result<bytes> send_error(errc e);

  /// Decrypts and parses one transport message. nullopt for a reliable message already
  /// received (a resend after resume): it is dropped, only its ack is taken. The message is a
  /// view into the channel's plaintext, wiped when the `received` ends; while one is held,
  /// receiving again is refused (bad_state) and the channel stays open.
  [[nodiscard]] result<std::optional<received>> receive_view(byte_view transport_message);
  /// The same as an owned message (a copy: it may outlive the next message, or cross threads).
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
  /// Encrypts a frame encoded in place (noise::tag_len bytes of room after it).
  [[nodiscard]] status seal(bytes& frame);
  /// m as it goes out now: seq (0 for an unreliable one) and the current ack stamped.
  [[nodiscard]] result<bytes> seal(message_view m, std::uint64_t seq, bool keep);
  /// receive_view() into m: errc{} when m is new, replayed when it is a resend already received.
  [[nodiscard]] errc take(byte_view transport_message, message_view& m);
  void take_ack(std::uint64_t ack);
  void release() noexcept;

  noise::transport_keys keys_;
  secret_bytes plain_;           // the plaintext of the message being read; wiped after it
  field_view_storage fields_{};  // the views of its fields
  // A `received` points into plain_ (and at this channel, which must not move meanwhile).
  struct hold_flag {
    bool on = false;
    hold_flag() = default;
    hold_flag(hold_flag&& o) noexcept : on(o.on) {
      assert(!o.on && "a channel moved while a message of it is held");
    }
    hold_flag& operator=(hold_flag&& o) noexcept {
      assert(!on && !o.on && "a channel moved while a message of it is held");
      on = o.on;
      return *this;
    }
  } holding_;
  bridgelink::outbox outbox_;
  std::uint64_t next_seq_ = 1;       // next reliable seq we send
  std::uint64_t received_ = 0;       // highest reliable seq received in order
  std::uint64_t acked_to_peer_ = 0;  // highest ack we have sent
  std::uint64_t peer_acked_ = 0;     // highest ack the peer has sent
  bool closed_ = false;
  bool peer_ended_ = false;   // the peer's bye/error arrived: one ack may still go out
  bool last_word_ = false;    // that ack, or our error, has gone out
  bool send_broken_ = false;  // sealing failed: nothing more can be sent
};

/// A received message: views into the channel's plaintext, which is wiped when this ends. Move
/// only; it must not outlive its channel, and the channel does not move while it lives.
class secure_channel::received {
 public:
  received(received&& o) noexcept : ch_(std::exchange(o.ch_, nullptr)), m_(o.m_) {}
  received& operator=(received&&) = delete;
  ~received() {
    if (ch_) ch_->release();
  }
  [[nodiscard]] const message_view& operator*() const noexcept { return m_; }
  [[nodiscard]] const message_view* operator->() const noexcept { return &m_; }

 private:
  friend class secure_channel;
  received(secure_channel& ch, const message_view& m) noexcept : ch_(&ch), m_(m) {}
  secure_channel* ch_;
  message_view m_;
};

}  // namespace bridgelink
