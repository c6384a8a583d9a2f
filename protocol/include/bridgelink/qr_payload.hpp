#pragma once
// The pairing QR: https://<origin>/c#<base64url(payload)>, payload = canonical CBOR map
//   {0: version (1), 1: bridge static X25519 key (32 B), 2: QR secret (16 B),
//    3: created (unix s), 4: flags, [5: LAN hint [address (4 or 16 B), port]]}
// The fragment never reaches a server; the page removes it from the address bar at once.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bridgelink/bytes.hpp"
#include "bridgelink/errors.hpp"
#include "bridgelink/noise.hpp"
#include "bridgelink/secret.hpp"

namespace bridgelink {

inline constexpr std::uint64_t protocol_version = 1;
inline constexpr std::size_t qr_secret_len = 16;

enum qr_flags : std::uint8_t { qr_flag_lan = 1, qr_flag_relay = 2 };

struct lan_hint {
  bytes address;  // 4 (IPv4) or 16 (IPv6) bytes, network order
  std::uint16_t port = 0;
};

struct qr_payload {
  noise::public_key bridge_key{};
  secret_array<qr_secret_len> secret;
  std::uint64_t created_at = 0;  // unix seconds
  std::uint8_t flags = qr_flag_relay;
  std::optional<lan_hint> lan;
};

[[nodiscard]] result<bytes> encode_qr_payload(const qr_payload& p);
/// Strict: exact keys in order, right lengths, version 1, known flags only, whole input used.
[[nodiscard]] result<qr_payload> decode_qr_payload(byte_view in);

/// "<origin>/c#<base64url>" for a trimmed origin such as "https://eimza.example.org".
[[nodiscard]] std::string qr_url(std::string_view origin, byte_view encoded_payload);
/// The payload bytes from the URL fragment (text after '#', or the whole text if none).
[[nodiscard]] result<bytes> payload_from_fragment(std::string_view url_or_fragment);

/// Whether a QR created at created_at may still be used at now (both unix seconds), from the
/// phone's point of view: at most limits::qr_clock_skew_max away in either direction.
[[nodiscard]] bool qr_time_acceptable(std::uint64_t created_at, std::uint64_t now) noexcept;

}  // namespace bridgelink
