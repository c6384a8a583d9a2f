#include "bridgelink/secure_channel.hpp"

#include "bridgelink/frame.hpp"
#include "bridgelink/limits.hpp"

namespace bridgelink {

result<bytes> secure_channel::seal(const message& m) {
  // The plaintext in the channel's own buffer (its room kept from message to message), wiped
  // once sealed.
  if (auto st = encode_padded_message(m, plain_); !st) return st.error();
  bytes out;
  out.reserve(plain_.size() + noise::tag_len);
  auto st = keys_.send.encrypt_with_ad({}, plain_.view(), out);
  plain_.wipe();
  if (!st) {
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
  if (closed_) return errc::channel_closed;
  auto fail = [this](errc e) -> result<std::optional<message>> {
    closed_ = true;
    return e;
  };
  if (transport_message.size() > noise::max_message) return fail(errc::oversized);
  plain_.wipe();
  if (auto st = keys_.receive.decrypt_with_ad({}, transport_message, plain_); !st) return fail(st.error());
  auto body = unpad_frame(plain_.view());
  auto m = body ? decode_message(*body) : result<message>(body.error());
  plain_.wipe();  // the message holds its own copies
  if (!m) return fail(m.error());
  // The peer cannot acknowledge what we never sent.
  if (m->ack >= next_seq_) return fail(errc::bad_field);
  if (m->type == message_type::hello || m->type == message_type::ready) return fail(errc::bad_state);
  take_ack(m->ack);
  if (m->seq != 0) {
    if (m->seq <= received_) return std::optional<message>{};
    if (m->seq != received_ + 1) return fail(errc::sequence_gap);
    received_ = m->seq;
  }
  if (m->type == message_type::bye || m->type == message_type::error) closed_ = peer_ended_ = true;
  return std::optional<message>(std::move(*m));
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
