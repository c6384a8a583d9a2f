// Noise HandshakeState + SymmetricState (spec rev 34, sections 5.2, 5.3, 9).
#include <sodium.h>

#include <cstring>

#include "bridgelink/noise.hpp"

namespace bridgelink::noise {

result<handshake> handshake::create(handshake_config cfg) {
  auto pattern = parse_protocol_name(cfg.protocol_name);
  if (!pattern) return pattern.error();
  handshake hs;
  hs.pattern_ = std::move(pattern.value());
  hs.initiator_ = cfg.initiator;
  hs.psk_mode_ = hs.pattern_.psk_count > 0;
  if (cfg.psks.size() != hs.pattern_.psk_count) return errc::bad_state;
  hs.psks_ = std::move(cfg.psks);
  hs.s_ = std::move(cfg.s);
  hs.e_ = std::move(cfg.e);
  hs.rs_ = cfg.rs;
  hs.re_ = cfg.re;

  // InitializeSymmetric
  const auto& name = cfg.protocol_name;
  if (name.size() <= hash_len) {
    std::memcpy(hs.h_.data(), name.data(), name.size());
  } else {
    hs.h_ = hash(as_bytes(name));
  }
  hs.ck_ = secret_array<hash_len>(byte_view(hs.h_.data(), hs.h_.size()));
  hs.mix_hash(cfg.prologue);

  // Pre-messages: the initiator's keys first, then the responder's.
  auto premessage = [&hs](const std::vector<token>& tokens, bool initiators) -> status {
    const bool mine = initiators == hs.initiator_;
    for (auto t : tokens) {
      const public_key* key = nullptr;
      if (t == token::s) key = mine ? (hs.s_ ? &hs.s_->pub : nullptr) : (hs.rs_ ? &*hs.rs_ : nullptr);
      if (t == token::e) key = mine ? (hs.e_ ? &hs.e_->pub : nullptr) : (hs.re_ ? &*hs.re_ : nullptr);
      if (!key) return errc::bad_state;
      hs.mix_hash(*key);
      if (t == token::e && hs.psk_mode_) hs.mix_key(*key);
    }
    return ok_v;
  };
  if (auto st = premessage(hs.pattern_.initiator_premessage, true); !st) return st.error();
  if (auto st = premessage(hs.pattern_.responder_premessage, false); !st) return st.error();
  return hs;
}

bool handshake::is_my_turn() const noexcept {
  return !finished() && pattern_.messages[index_].from_initiator == initiator_;
}

void handshake::mix_hash(byte_view data) {
  h_ = hash(h_, data);
}

void handshake::mix_key(byte_view ikm) {
  secret_array<hash_len> ck, temp_k;
  hkdf(ck_.view(), ikm, 2, ck.data(), temp_k.data(), nullptr);
  ck_ = ck;
  cipher_ = cipher_state(byte_view(temp_k.data(), key_len));
}

void handshake::mix_key_and_hash(byte_view ikm) {
  secret_array<hash_len> ck, temp_h, temp_k;
  hkdf(ck_.view(), ikm, 3, ck.data(), temp_h.data(), temp_k.data());
  ck_ = ck;
  mix_hash(temp_h.view());
  cipher_ = cipher_state(byte_view(temp_k.data(), key_len));
}

status handshake::encrypt_and_hash(byte_view plaintext, bytes& out) {
  const auto start = out.size();
  if (auto st = cipher_.encrypt_with_ad(h_, plaintext, out); !st) return st;
  mix_hash(byte_view(out.data() + start, out.size() - start));
  return ok_v;
}

status handshake::decrypt_and_hash(byte_view ciphertext, bytes& out) {
  if (auto st = cipher_.decrypt_with_ad(h_, ciphertext, out); !st) return st;
  mix_hash(ciphertext);
  return ok_v;
}

status handshake::mix_dh(token t) {
  const keypair* local = nullptr;
  const public_key* remote = nullptr;
  // es: initiator's e with responder's s; se: initiator's s with responder's e.
  const bool local_first = initiator_;
  auto pick = [&](bool local_is_e, bool remote_is_e) {
    local = local_is_e ? (e_ ? &*e_ : nullptr) : (s_ ? &*s_ : nullptr);
    remote = remote_is_e ? (re_ ? &*re_ : nullptr) : (rs_ ? &*rs_ : nullptr);
  };
  switch (t) {
    case token::ee: pick(true, true); break;
    case token::ss: pick(false, false); break;
    case token::es: local_first ? pick(true, false) : pick(false, true); break;
    case token::se: local_first ? pick(false, true) : pick(true, false); break;
    default: return errc::bad_state;
  }
  if (!local || !remote) return errc::bad_state;
  secret_array<dh_len> shared;
  if (crypto_scalarmult_curve25519(shared.data(), local->secret.data(), remote->data()) != 0)
    return errc::bad_key;
  mix_key(shared.view());
  return ok_v;
}

status handshake::write_message(byte_view payload, bytes& out) {
  if (failed_ || !is_my_turn()) return errc::bad_state;
  const auto start = out.size();
  auto fail = [&](errc e) {
    failed_ = true;
    out.resize(start);
    return e;
  };
  for (auto t : pattern_.messages[index_].tokens) {
    switch (t) {
      case token::e:
        if (!e_) e_ = keypair::generate();
        append(out, e_->pub);
        mix_hash(e_->pub);
        if (psk_mode_) mix_key(e_->pub);
        break;
      case token::s:
        if (!s_) return fail(errc::bad_state);
        if (auto st = encrypt_and_hash(s_->pub, out); !st) return fail(st.error());
        break;
      case token::psk: mix_key_and_hash(psks_[next_psk_++].view()); break;
      default:
        if (auto st = mix_dh(t); !st) return fail(st.error());
    }
  }
  if (auto st = encrypt_and_hash(payload, out); !st) return fail(st.error());
  if (out.size() - start > max_message) return fail(errc::oversized);
  ++index_;
  return ok_v;
}

status handshake::read_message(byte_view message, bytes& out) {
  if (failed_ || finished() || is_my_turn()) return errc::bad_state;
  if (message.size() > max_message) return errc::oversized;
  const auto start = out.size();
  auto fail = [&](errc e) {
    failed_ = true;  // a handshake that saw a bad message is dead: no oracle for retries
    out.resize(start);
    return e;
  };
  std::size_t pos = 0;
  auto take = [&](std::size_t n) -> std::optional<byte_view> {
    if (message.size() - pos < n) return std::nullopt;
    byte_view v = message.subspan(pos, n);
    pos += n;
    return v;
  };
  for (auto t : pattern_.messages[index_].tokens) {
    switch (t) {
      case token::e: {
        auto v = take(dh_len);
        if (!v) return fail(errc::truncated);
        public_key re{};
        std::memcpy(re.data(), v->data(), dh_len);
        re_ = re;
        mix_hash(re);
        if (psk_mode_) mix_key(re);
        break;
      }
      case token::s: {
        auto v = take(cipher_.has_key() ? dh_len + tag_len : dh_len);
        if (!v) return fail(errc::truncated);
        bytes rs;
        if (auto st = decrypt_and_hash(*v, rs); !st) return fail(st.error());
        public_key key{};
        std::memcpy(key.data(), rs.data(), dh_len);
        rs_ = key;
        break;
      }
      case token::psk: mix_key_and_hash(psks_[next_psk_++].view()); break;
      default:
        if (auto st = mix_dh(t); !st) return fail(st.error());
    }
  }
  if (auto st = decrypt_and_hash(message.subspan(pos), out); !st) return fail(st.error());
  ++index_;
  return ok_v;
}

result<transport_keys> handshake::split() const {
  if (!finished() || failed_) return errc::bad_state;
  secret_array<hash_len> k1, k2;
  hkdf(ck_.view(), {}, 2, k1.data(), k2.data(), nullptr);
  cipher_state c1(byte_view(k1.data(), key_len));
  cipher_state c2(byte_view(k2.data(), key_len));
  if (initiator_) return transport_keys{c1, c2};
  return transport_keys{c2, c1};
}

}  // namespace bridgelink::noise
