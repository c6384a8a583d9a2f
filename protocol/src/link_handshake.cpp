#include "bridgelink/link_handshake.hpp"

#include "bridgelink/frame.hpp"

namespace bridgelink {

result<link_handshake> link_handshake::pairing_initiator(byte_view qr_payload_bytes,
                                                         std::optional<noise::keypair> ephemeral) {
  auto qr = decode_qr_payload(qr_payload_bytes);
  if (!qr) return qr.error();
  auto keys = derive_pairing_keys(qr->secret.view());
  noise::handshake_config cfg;
  cfg.protocol_name = std::string(pairing_protocol);
  cfg.initiator = true;
  cfg.prologue = pairing_prologue(qr_payload_bytes);
  cfg.rs = qr->bridge_key;
  cfg.e = std::move(ephemeral);
  cfg.psks.push_back(keys.psk);
  auto hs = noise::handshake::create(std::move(cfg));
  if (!hs) return hs.error();
  return link_handshake(std::move(*hs), true);
}

result<link_handshake> link_handshake::pairing_responder(const noise::keypair& bridge_static,
                                                         byte_view qr_payload_bytes,
                                                         std::optional<noise::keypair> ephemeral) {
  auto qr = decode_qr_payload(qr_payload_bytes);
  if (!qr) return qr.error();
  if (!constant_time_equal(qr->bridge_key, bridge_static.pub)) return errc::mismatch;
  auto keys = derive_pairing_keys(qr->secret.view());
  noise::handshake_config cfg;
  cfg.protocol_name = std::string(pairing_protocol);
  cfg.initiator = false;
  cfg.prologue = pairing_prologue(qr_payload_bytes);
  cfg.s = bridge_static;
  cfg.e = std::move(ephemeral);
  cfg.psks.push_back(keys.psk);
  auto hs = noise::handshake::create(std::move(cfg));
  if (!hs) return hs.error();
  return link_handshake(std::move(*hs), false);
}

result<link_handshake> link_handshake::resume(bool initiator, const secret_array<32>& resume_key,
                                              std::uint32_t counter,
                                              const noise::hash_value& previous_handshake_hash,
                                              std::optional<noise::keypair> ephemeral) {
  if (counter == 0) return errc::bad_field;
  auto keys = derive_resume_keys(resume_key, counter);
  noise::handshake_config cfg;
  cfg.protocol_name = std::string(resume_protocol);
  cfg.initiator = initiator;
  cfg.prologue = resume_prologue(counter, previous_handshake_hash);
  cfg.e = std::move(ephemeral);
  cfg.psks.push_back(keys.psk);
  auto hs = noise::handshake::create(std::move(cfg));
  if (!hs) return hs.error();
  return link_handshake(std::move(*hs), initiator);
}

result<bytes> link_handshake::write(const message& m) {
  if (failed_ || !hs_.is_my_turn() || hs_.finished()) return errc::bad_state;
  if (m.type != (initiator_ ? message_type::hello : message_type::ready)) return errc::bad_state;
  secret_bytes padded;
  if (auto st = encode_padded_message(m, padded); !st) return st.error();
  bytes out;
  if (auto st = hs_.write_message(padded.view(), out); !st) {
    failed_ = true;
    return st.error();
  }
  return out;
}

result<message> link_handshake::read(byte_view handshake_message) {
  if (failed_ || hs_.is_my_turn() || hs_.finished()) return errc::bad_state;
  if (handshake_message.size() > noise::max_message) return errc::oversized;
  bytes padded;
  // Any failure ends this handshake: a Noise handshake cannot continue after a bad message.
  failed_ = true;
  if (auto st = hs_.read_message(handshake_message, padded); !st) return st.error();
  auto body = unpad_frame(padded);
  if (!body) return body.error();
  auto m = decode_message(*body);
  secure_wipe(padded.data(), padded.size());
  if (!m) return m.error();
  if (m->type != (initiator_ ? message_type::ready : message_type::hello)) return errc::bad_field;
  failed_ = false;
  return m;
}

result<session_secrets> link_handshake::finish() const {
  if (failed_ || !hs_.finished()) return errc::bad_state;
  auto keys = hs_.split();
  if (!keys) return keys.error();
  session_secrets s;
  s.keys = std::move(*keys);
  s.handshake_hash = hs_.handshake_hash();
  s.resume_key = derive_resume_key(hs_.chaining_key());
  s.sas = derive_sas(s.handshake_hash);
  return s;
}

}  // namespace bridgelink
