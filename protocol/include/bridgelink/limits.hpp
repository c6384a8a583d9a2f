#pragma once
// Every size and time bound of BridgeLink v1 in one place. The JS side mirrors these in
// web-companion/src/limits.js; tests/vectors check both agree where it matters on the wire.
#include <chrono>
#include <cstddef>

namespace bridgelink::limits {

// Wire sizes
inline constexpr std::size_t noise_message = 65535;  // one WebSocket binary message
inline constexpr std::size_t aead_tag = 16;
inline constexpr std::size_t pad_bucket = 64;  // padded plaintexts are multiples of this
inline constexpr std::size_t padded_max = (noise_message - aead_tag) / pad_bucket * pad_bucket;  // 65472
inline constexpr std::size_t body_max = padded_max - 2;  // after the 2-byte length prefix

// QR payload
inline constexpr std::size_t qr_payload_max = 128;
inline constexpr std::size_t qr_fragment_max = 172;  // base64url of 128 bytes = 171 chars

// Message fields
inline constexpr std::size_t text_max = 1024;
inline constexpr std::size_t short_text_max = 64;
inline constexpr std::size_t user_agent_max = 256;
inline constexpr std::size_t field_key_max = 32;
inline constexpr std::size_t field_bytes_max = std::size_t{48} * 1024;  // a captcha image fits
inline constexpr std::size_t fields_max = 16;
inline constexpr std::size_t step_id_len = 16;
inline constexpr std::size_t cbor_depth_max = 4;

// Reliable delivery
inline constexpr std::size_t outbox_messages_max = 32;  // unacknowledged messages kept for resend
inline constexpr std::size_t open_steps_max = 8;

// Times
inline constexpr std::chrono::seconds qr_rotation{30};
inline constexpr std::chrono::seconds qr_show_max{300};
inline constexpr std::chrono::seconds qr_clock_skew_max{120};
inline constexpr std::chrono::seconds handshake_timeout{15};
inline constexpr std::chrono::seconds idle_timeout{60};
inline constexpr std::chrono::seconds resume_window{300};
inline constexpr std::chrono::seconds sms_step_timeout{300};
inline constexpr std::chrono::seconds session_max{600};
inline constexpr std::chrono::seconds pin_reveal_max{30};
inline constexpr int sas_attempts_max = 3;
inline constexpr int sas_digits = 6;

}  // namespace bridgelink::limits
