#include "bridgelink/derive.hpp"

#include <sodium.h>

#include <cstdio>

namespace bridgelink {
namespace {
bytes label_with_counter(std::string_view label, std::uint32_t counter) {
  bytes m(label.begin(), label.end());
  for (int i = 3; i >= 0; --i) m.push_back(static_cast<std::uint8_t>(counter >> (8 * i)));
  return m;
}
}  // namespace

void keyed_blake2b(byte_view key, byte_view message, std::span<std::uint8_t> out) {
  crypto_generichash_blake2b(out.data(), out.size(), message.data(), message.size(), key.data(), key.size());
}

channel_keys derive_pairing_keys(byte_view qr_secret) {
  channel_keys k;
  keyed_blake2b(qr_secret, as_bytes(labels::channel), k.id);
  keyed_blake2b(qr_secret, as_bytes(labels::psk), std::span(k.psk.data(), k.psk.size()));
  return k;
}

std::string derive_sas(const noise::hash_value& handshake_hash) {
  std::uint8_t out[16];
  keyed_blake2b(handshake_hash, as_bytes(labels::sas), out);
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = v << 8 | out[i];
  char digits[8];
  std::snprintf(digits, sizeof digits, "%06u", static_cast<unsigned>(v % 1000000));
  return digits;
}

secret_array<32> derive_resume_key(const secret_array<noise::hash_len>& chaining_key) {
  secret_array<32> k;
  keyed_blake2b(chaining_key.view(), as_bytes(labels::resume_key), std::span(k.data(), k.size()));
  return k;
}

channel_keys derive_resume_keys(const secret_array<32>& resume_key, std::uint32_t counter) {
  channel_keys k;
  keyed_blake2b(resume_key.view(), label_with_counter(labels::resume_channel, counter), k.id);
  keyed_blake2b(resume_key.view(), label_with_counter(labels::resume_psk, counter),
                std::span(k.psk.data(), k.psk.size()));
  return k;
}

bytes pairing_prologue(byte_view qr_payload_bytes) {
  bytes p(labels::pairing_prologue.begin(), labels::pairing_prologue.end());
  append(p, qr_payload_bytes);
  return p;
}

bytes resume_prologue(std::uint32_t counter, const noise::hash_value& previous_handshake_hash) {
  bytes p = label_with_counter(labels::resume_prologue, counter);
  append(p, previous_handshake_hash);
  return p;
}

std::string to_hex(const channel_id& id) {
  return to_hex(byte_view(id));
}

}  // namespace bridgelink
