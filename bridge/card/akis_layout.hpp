#pragma once
// The file layout the APDU reader expects and our virtual card implements: ISO 7816-4 commands
// over a PKCS#15-style application (docs/card.md). Real AKIS cards are read through akisp11
// (PKCS#11); this layout is what we control end to end.
#include <array>
#include <cstdint>

namespace eimza::card::layout {

// The PKCS#15 application identifier (ISO/IEC 7816-15).
inline constexpr std::array<std::uint8_t, 12> pkcs15_aid{0xA0, 0x00, 0x00, 0x00, 0x63, 0x50,
                                                         0x4B, 0x43, 0x53, 0x2D, 0x31, 0x35};
inline constexpr std::uint16_t token_info_fid = 0x5032;   // SEQUENCE {INTEGER, OCTET STRING serial, UTF8String, [0] label}
inline constexpr std::uint16_t certificate_fid = 0xC000;  // the NES certificate, DER
inline constexpr std::uint8_t user_pin_ref = 0x81;
inline constexpr std::size_t serial_len = 8;              // bytes; shown as 16 hex chars
inline constexpr std::uint8_t read_chunk = 0xE0;
inline constexpr std::size_t token_info_max = 1024;
inline constexpr std::size_t pin_min = 6, pin_max = 16;

// Instructions beyond READ BINARY / SELECT / VERIFY.
inline constexpr std::uint8_t ins_change_reference_data = 0x24;  // data: len old || old || len new || new

}  // namespace eimza::card::layout
