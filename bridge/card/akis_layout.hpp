#pragma once
// The file layout real AKIS cards use, as the vendor's own APDU reader (TÜBİTAK MA3) reads it, and
// our virtual card implements: SELECT MF, then the DF by name "PKCS-15" (7 ASCII bytes, not the
// 12-byte PKCS#15 AID, which real cards answer 6A82), certificates in EFs 2F10…2F1F, TokenInfo in
// EF 5032 (docs/card.md). Only our virtual card also gets the PIN commands below.
#include <array>
#include <cstdint>

namespace eimza::card::layout {

inline constexpr std::uint16_t master_file = 0x3F00;
inline constexpr std::array<std::uint8_t, 7> pkcs15_df_name{'P', 'K', 'C', 'S', '-', '1', '5'};
inline constexpr std::uint16_t token_info_fid =
    0x5032;  // SEQUENCE {INTEGER, OCTET STRING serial, UTF8String, [0] label}
inline constexpr std::uint16_t first_certificate_fid = 0x2F10;
inline constexpr std::uint16_t last_certificate_fid = 0x2F1F;
inline constexpr std::uint8_t user_pin_ref = 0x81;
inline constexpr std::size_t serial_len = 8;  // bytes; shown as 16 hex chars
inline constexpr std::uint8_t read_chunk = 0xE0;
inline constexpr std::size_t token_info_max = 1024;
inline constexpr std::size_t pin_min = 6, pin_max = 16;
inline constexpr int apdu_budget = 480;  // exchanges per operation, whatever the card answers

// Instructions beyond READ BINARY / SELECT / VERIFY (virtual card only).
inline constexpr std::uint8_t ins_change_reference_data = 0x24;  // data: len old || old || len new || new

}  // namespace eimza::card::layout
