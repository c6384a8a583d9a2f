#pragma once
// BridgeLink v1 derivations: keyed BLAKE2b with fixed ASCII labels (see docs/protocol.md).
#include <array>
#include <cstdint>
#include <string>

#include "bridgelink/bytes.hpp"
#include "bridgelink/noise.hpp"
#include "bridgelink/secret.hpp"

namespace bridgelink {

inline constexpr std::size_t channel_id_len = 16;
using channel_id = std::array<std::uint8_t, channel_id_len>;

namespace labels {
inline constexpr std::string_view channel = "BridgeLink v1 channel id";
inline constexpr std::string_view psk = "BridgeLink v1 psk";
inline constexpr std::string_view sas = "BridgeLink v1 sas";
inline constexpr std::string_view resume_key = "BridgeLink v1 resume key";
inline constexpr std::string_view resume_channel = "BridgeLink v1 resume channel";
inline constexpr std::string_view resume_psk = "BridgeLink v1 resume psk";
inline constexpr std::string_view pairing_prologue = "BridgeLink v1 pairing";
inline constexpr std::string_view resume_prologue = "BridgeLink v1 resume";
}  // namespace labels

inline constexpr std::string_view pairing_protocol = "Noise_NKpsk0_25519_ChaChaPoly_BLAKE2b";
inline constexpr std::string_view resume_protocol = "Noise_NNpsk0_25519_ChaChaPoly_BLAKE2b";

/// out = BLAKE2b(key, message), out.size() between 16 and 64.
void keyed_blake2b(byte_view key, byte_view message, std::span<std::uint8_t> out);

struct channel_keys {
  channel_id id{};  // the only thing the relay sees
  secret_array<noise::psk_len> psk;
};

/// From the QR secret: the relay channel id and the Noise psk.
[[nodiscard]] channel_keys derive_pairing_keys(byte_view qr_secret);

/// 6 decimal digits the phone shows and the person types on the desktop.
[[nodiscard]] std::string derive_sas(const noise::hash_value& handshake_hash);

/// From a finished handshake's chaining key: the key all resumes of this session derive from.
[[nodiscard]] secret_array<32> derive_resume_key(const secret_array<noise::hash_len>& chaining_key);

/// Channel id and psk for resume attempt `counter` (1, 2, ...).
[[nodiscard]] channel_keys derive_resume_keys(const secret_array<32>& resume_key, std::uint32_t counter);

/// Prologues bind the handshake to what the phone scanned, or to the session being resumed.
[[nodiscard]] bytes pairing_prologue(byte_view qr_payload_bytes);
[[nodiscard]] bytes resume_prologue(std::uint32_t counter, const noise::hash_value& previous_handshake_hash);

[[nodiscard]] std::string to_hex(const channel_id& id);

}  // namespace bridgelink
