#include "bridgelink/secure_channel.hpp"

#include "bridgelink/frame.hpp"
#include "bridgelink/limits.hpp"

namespace bridgelink {

result<bytes> secure_channel::seal(const message& m) {
  // Encoded into the frame itself and encrypted there: the plaintext is never copied.
  bytes out;
  if (auto st = encode_padded_message(m, out, noise::tag_len); !st) return st.error();
  if (auto st = keys_.send.encrypt_in_place({}, out); !st) {
    closed_ = send_broken_ = true;
    return st.error();
  }
  return out;
}

result<bytes> secure_channel::send(message m) {
  if (closed_) {
    if (!peer_ended_ || last_word_ || send_broken_ || m.type != message_type::ack)
      return errc::channel_closed;
    last_word_ = true;
    m.seq = 0;
    m.ack = received_;
    return seal(m);
  }
  const bool reliable = is_reliable(m.type);
  if (reliable && outbox_.size() >= limits::outbox_messages_max) return errc::outbox_full;
  m.seq = reliable ? next_seq_ : 0;
  m.ack = received_;
  auto sealed = seal(m);
  if (!sealed) return sealed.error();
  acked_to_peer_ = received_;
  if (reliable) {
    outbox_.push_back({next_seq_, std::move(m)});
    ++next_seq_;
  }
  return sealed;
}

result<bytes> secure_channel::send_error(errc e) {
  if (peer_ended_ || last_word_ || send_broken_) return errc::channel_closed;
  closed_ = last_word_ = true;
  auto m = make_error(static_cast<std::uint64_t>(e), std::string(code_name(e)));
  m.seq = next_seq_++;
  m.ack = received_;
  return seal(m);
}

void secure_channel::take_ack(std::uint64_t ack) {
  if (ack <= peer_acked_) return;
  peer_acked_ = ack;
  while (!outbox_.empty() && outbox_.front().seq <= ack) outbox_.pop_front();
}

result<std::optional<message>> secure_channel::receive(byte_view transport_message) {
  // One exit, so the message is decoded where it is returned from (no moves of it).
  result<std::optional<message>> out{std::optional<message>{std::in_place}};
  if (auto e = take(transport_message, **out); e == errc::replayed)
    out->reset();  // a resend of what arrived: dropped, its ack taken
  else if (e != errc{})
    out = e;
  return out;
}

errc secure_channel::take(byte_view transport_message, message& m) {
  if (closed_) return errc::channel_closed;
  auto fail = [this](errc e) {
    closed_ = true;
    return e;
  };
  if (transport_message.size() > noise::max_message) return fail(errc::oversized);
  plain_.wipe();
  if (auto st = keys_.receive.decrypt_with_ad({}, transport_message, plain_); !st) return fail(st.error());
  auto body = unpad_frame(plain_.view());
  auto st = body ? decode_message(*body, m) : status(body.error());
  plain_.wipe();  // the message holds its own copies
  if (!st) return fail(st.error());
  // The peer cannot acknowledge what we never sent.
  if (m.ack >= next_seq_) return fail(errc::bad_field);
  if (m.type == message_type::hello || m.type == message_type::ready) return fail(errc::bad_state);
  take_ack(m.ack);
  if (m.seq != 0) {
    if (m.seq <= received_) return errc::replayed;
    if (m.seq != received_ + 1) return fail(errc::sequence_gap);
    received_ = m.seq;
  }
  if (m.type == message_type::bye || m.type == message_type::error) closed_ = peer_ended_ = true;
  return errc{};
}

result<std::vector<bytes>> secure_channel::resume(noise::transport_keys keys) {
  // A channel that ended (error, bye, tampering) stays ended: only a suspended one resumes.
  if (closed_) return errc::channel_closed;
  keys_ = std::move(keys);
  std::vector<bytes> again;
  again.reserve(outbox_.size());
  for (auto& p : outbox_) {
    p.msg.ack = received_;
    auto sealed = seal(p.msg);
    if (!sealed) return sealed.error();
    again.push_back(std::move(*sealed));
  }
  acked_to_peer_ = received_;
  return again;
}

}  // namespace bridgelink
