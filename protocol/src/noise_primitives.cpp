// Noise primitives on libsodium: BLAKE2b hash/HMAC/HKDF, X25519 key pairs, ChaChaPoly cipher state.
#include <sodium.h>

#include <cstring>
#include <limits>

#include "bridgelink/noise.hpp"

namespace bridgelink::noise {
namespace {

constexpr std::size_t block_len = 128;

void chachapoly_nonce(std::uint64_t n, unsigned char out[crypto_aead_chacha20poly1305_IETF_NPUBBYTES]) {
  std::memset(out, 0, crypto_aead_chacha20poly1305_IETF_NPUBBYTES);
  for (int i = 0; i < 8; ++i) out[4 + i] = static_cast<unsigned char>(n >> (8 * i));
}

constexpr std::uint64_t reserved_nonce = std::numeric_limits<std::uint64_t>::max();

}  // namespace

hash_value hash(byte_view a, byte_view b) {
  crypto_generichash_blake2b_state st;
  crypto_generichash_blake2b_init(&st, nullptr, 0, hash_len);
  crypto_generichash_blake2b_update(&st, a.data(), a.size());
  crypto_generichash_blake2b_update(&st, b.data(), b.size());
  hash_value out{};
  crypto_generichash_blake2b_final(&st, out.data(), out.size());
  secure_wipe(&st, sizeof st);
  return out;
}

void hmac(byte_view key, byte_view data, std::uint8_t out[hash_len]) {
  std::uint8_t k[block_len] = {};
  if (key.size() > block_len) {
    auto hk = hash(key);
    std::memcpy(k, hk.data(), hk.size());
    secure_wipe(hk.data(), hk.size());
  } else {
    std::memcpy(k, key.data(), key.size());
  }
  std::uint8_t pad[block_len];
  for (std::size_t i = 0; i < block_len; ++i) pad[i] = static_cast<std::uint8_t>(k[i] ^ 0x36);
  auto inner = hash(byte_view(pad, block_len), data);
  for (std::size_t i = 0; i < block_len; ++i) pad[i] = static_cast<std::uint8_t>(k[i] ^ 0x5c);
  auto outer = hash(byte_view(pad, block_len), inner);
  std::memcpy(out, outer.data(), hash_len);
  secure_wipe(k, sizeof k);
  secure_wipe(pad, sizeof pad);
  secure_wipe(inner.data(), inner.size());
  secure_wipe(outer.data(), outer.size());
}

void hkdf(byte_view chaining_key, byte_view ikm, std::size_t num_outputs, std::uint8_t* out1,
          std::uint8_t* out2, std::uint8_t* out3) {
  std::uint8_t temp_key[hash_len];
  hmac(chaining_key, ikm, temp_key);
  const std::uint8_t one = 0x01;
  hmac(byte_view(temp_key, hash_len), byte_view(&one, 1), out1);
  std::uint8_t buf[hash_len + 1];
  std::memcpy(buf, out1, hash_len);
  buf[hash_len] = 0x02;
  hmac(byte_view(temp_key, hash_len), byte_view(buf, sizeof buf), out2);
  if (num_outputs == 3) {
    std::memcpy(buf, out2, hash_len);
    buf[hash_len] = 0x03;
    hmac(byte_view(temp_key, hash_len), byte_view(buf, sizeof buf), out3);
  }
  secure_wipe(temp_key, sizeof temp_key);
  secure_wipe(buf, sizeof buf);
}

keypair keypair::generate() {
  std::uint8_t sk[dh_len];
  randombytes_buf(sk, sizeof sk);
  auto kp = from_secret(byte_view(sk, sizeof sk));
  secure_wipe(sk, sizeof sk);
  return kp;
}

keypair keypair::from_secret(byte_view secret32) {
  keypair kp;
  kp.secret = secret_array<dh_len>(secret32);
  crypto_scalarmult_curve25519_base(kp.pub.data(), kp.secret.data());
  return kp;
}

status cipher_state::encrypt_with_ad(byte_view ad, byte_view plaintext, bytes& out) {
  if (!has_key_) {
    append(out, plaintext);
    return ok_v;
  }
  if (n_ == reserved_nonce) return errc::nonce_exhausted;
  unsigned char nonce[crypto_aead_chacha20poly1305_IETF_NPUBBYTES];
  chachapoly_nonce(n_, nonce);
  const auto start = out.size();
  out.resize(start + plaintext.size() + tag_len);
  unsigned long long clen = 0;
  crypto_aead_chacha20poly1305_ietf_encrypt(out.data() + start, &clen, plaintext.data(), plaintext.size(),
                                            ad.data(), ad.size(), nullptr, nonce, key_.data());
  ++n_;
  return ok_v;
}

status cipher_state::encrypt_in_place(byte_view ad, bytes& buf) {
  if (!has_key_) return ok_v;
  if (n_ == reserved_nonce) {
    wipe_and_clear(buf);
    return errc::nonce_exhausted;
  }
  const auto len = buf.size();
  if (buf.capacity() < len + tag_len) {  // growing must not leave the plaintext behind unwiped
    bytes bigger;
    bigger.reserve(len + tag_len);
    bigger.assign(buf.begin(), buf.end());
    secure_wipe(buf.data(), len);
    buf = std::move(bigger);
  }
  buf.resize(len + tag_len);
  unsigned char nonce[crypto_aead_chacha20poly1305_IETF_NPUBBYTES];
  chachapoly_nonce(n_, nonce);
  // libsodium's ChaCha20-Poly1305 encrypts in place (c == m); the tag goes after the text.
  crypto_aead_chacha20poly1305_ietf_encrypt_detached(buf.data(), buf.data() + len, nullptr, buf.data(), len,
                                                     ad.data(), ad.size(), nullptr, nonce, key_.data());
  ++n_;
  return ok_v;
}

namespace {
template <class Buffer>
status decrypt_into(const secret_array<key_len>& key, std::uint64_t& n, byte_view ad, byte_view ciphertext,
                    Buffer& out) {
  if (n == reserved_nonce) return errc::nonce_exhausted;
  if (ciphertext.size() < tag_len) return errc::truncated;
  unsigned char nonce[crypto_aead_chacha20poly1305_IETF_NPUBBYTES];
  chachapoly_nonce(n, nonce);
  const auto start = out.size();
  out.resize(start + ciphertext.size() - tag_len);
  unsigned long long plen = 0;
  if (crypto_aead_chacha20poly1305_ietf_decrypt(out.data() + start, &plen, nullptr, ciphertext.data(),
                                                ciphertext.size(), ad.data(), ad.size(), nonce,
                                                key.data()) != 0) {
    out.resize(start);
    return errc::auth_failed;
  }
  ++n;
  return ok_v;
}
}  // namespace

status cipher_state::decrypt_with_ad(byte_view ad, byte_view ciphertext, bytes& out) {
  if (!has_key_) {
    append(out, ciphertext);
    return ok_v;
  }
  return decrypt_into(key_, n_, ad, ciphertext, out);
}

status cipher_state::decrypt_with_ad(byte_view ad, byte_view ciphertext, secret_bytes& out) {
  if (!has_key_) {
    out.append(ciphertext);
    return ok_v;
  }
  return decrypt_into(key_, n_, ad, ciphertext, out);
}

}  // namespace bridgelink::noise
