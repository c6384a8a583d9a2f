#include "bridgelink/secure_channel.hpp"

#include "bridgelink/frame.hpp"
#include "bridgelink/limits.hpp"

namespace bridgelink {

status secure_channel::seal(bytes& frame) {
  // Encrypted where it was encoded: the plaintext is never copied.
  auto st = keys_.send.encrypt_in_place({}, frame);
  if (!st) closed_ = send_broken_ = true;
  return st;
}

result<bytes> secure_channel::seal(message_view m, std::uint64_t seq, bool keep) {
  m.seq = seq;
  m.ack = received_;
  bytes out;
  auto layout = encode_padded_message(m, out, noise::tag_len);
  if (!layout) return layout.error();
  if (keep) outbox_.push(m.type, seq, byte_view(out).subspan(layout->body_at, layout->body_size));
  if (auto st = seal(out); !st) return st.error();
  return out;
}

result<bytes> secure_channel::send(const message_view& m) {
  if (closed_) {
    if (!peer_ended_ || last_word_ || send_broken_ || m.type != message_type::ack)
      return errc::channel_closed;
    last_word_ = true;
    return seal(m, 0, false);
  }
  const bool reliable = is_reliable(m.type);
  if (reliable && outbox_.size() >= limits::outbox_messages_max) return errc::outbox_full;
  auto sealed = seal(m, reliable ? next_seq_ : 0, reliable);
  if (!sealed) return sealed.error();
  acked_to_peer_ = received_;
  next_seq_ += reliable;
  return sealed;
}

result<bytes> secure_channel::send(const message& m) {
  field_view_storage storage;
  auto v = view_of(m, storage);
  if (!v) return v.error();
  return send(*v);
}

result<bytes> secure_channel::send_error(errc e) {
  if (peer_ended_ || last_word_ || send_broken_) return errc::channel_closed;
  closed_ = last_word_ = true;
  return seal(
      message_view{message_type::error, 0, 0, error_view{static_cast<std::uint64_t>(e), code_name(e)}},
      next_seq_++, false);
}

void secure_channel::take_ack(std::uint64_t ack) {
  if (ack <= peer_acked_) return;
  peer_acked_ = ack;
  outbox_.drop_through(ack);
}

result<std::optional<secure_channel::received>> secure_channel::receive_view(byte_view transport_message) {
  if (holding_.on) return errc::bad_state;  // the last message's views are still in use
  message_view m;
  if (const auto e = take(transport_message, m); e != errc{}) {
    plain_.wipe();
    if (e == errc::replayed) return std::optional<received>();  // a resend: dropped, its ack taken
    return e;
  }
  holding_.on = true;
  return std::optional<received>(received(*this, m));
}

result<std::optional<message>> secure_channel::receive(byte_view transport_message) {
  auto got = receive_view(transport_message);
  if (!got) return got.error();
  if (!*got) return std::optional<message>();
  return std::optional<message>(to_owned(***got));
}

void secure_channel::release() noexcept {
  plain_.wipe();
  holding_.on = false;
}

errc secure_channel::take(byte_view transport_message, message_view& m) {
  if (closed_) return errc::channel_closed;
  auto fail = [this](errc e) {
    closed_ = true;
    return e;
  };
  if (transport_message.size() > noise::max_message) return fail(errc::oversized);
  plain_.wipe();
  if (auto st = keys_.receive.decrypt_with_ad({}, transport_message, plain_); !st) return fail(st.error());
  auto body = unpad_frame(plain_.view());
  auto st = body ? decode_message(*body, m, fields_) : status(body.error());
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
  status failed = ok_v;
  outbox_.for_each([&](const outbox::entry& e) {
    if (!failed) return;
    bytes frame;
    if (auto st = encode_padded_message(e.type, e.seq, received_, e.body, frame, noise::tag_len); !st)
      failed = st;
    else if (auto sealed = seal(frame); !sealed)
      failed = sealed;
    else
      again.push_back(std::move(frame));
  });
  if (!failed) return failed.error();
  acked_to_peer_ = received_;
  return again;
}

}  // namespace bridgelink
