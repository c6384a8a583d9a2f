#pragma once
// ISO 7816-4 short APDUs: commands we send and responses we get (data + status word).
#include <cstdint>
#include <optional>
#include <vector>

#include "bridgelink/bytes.hpp"
#include "card/card_result.hpp"

namespace eimza::card {

using bridgelink::byte_view;
using bridgelink::bytes;

struct command_apdu {
  std::uint8_t cla = 0, ins = 0, p1 = 0, p2 = 0;
  bytes data;                       // ≤ 255 bytes (short APDU)
  std::optional<std::uint16_t> le;  // 1..256; 256 is encoded as 00
};

/// CLA INS P1 P2 [Lc data] [Le]. Fails (protocol_error) for data > 255 or le outside 1..256.
[[nodiscard]] card_result<bytes> encode(const command_apdu& c);

struct response_apdu {
  bytes data;
  std::uint16_t sw = 0;
  [[nodiscard]] std::uint8_t sw1() const noexcept { return static_cast<std::uint8_t>(sw >> 8); }
  [[nodiscard]] std::uint8_t sw2() const noexcept { return static_cast<std::uint8_t>(sw); }
  [[nodiscard]] bool ok() const noexcept { return sw == 0x9000; }
};

/// Splits data || SW1 SW2. protocol_error for fewer than 2 bytes.
[[nodiscard]] card_result<response_apdu> decode_response(byte_view raw);

/// Maps a status word we did not expect to the error the person should see.
[[nodiscard]] card_errc error_from_status(std::uint16_t sw) noexcept;

// Commands of the AKIS file layout (akis_layout.hpp, docs/card.md).
[[nodiscard]] command_apdu select_master_file();
/// SELECT by DF name (P1 = 04): "PKCS-15" on AKIS cards.
[[nodiscard]] command_apdu select_df_name(byte_view name);
[[nodiscard]] command_apdu select_file(std::uint16_t fid);
[[nodiscard]] command_apdu read_binary(std::uint16_t offset, std::uint16_t le);
/// VERIFY without data: asks for the retry counter, never tries a PIN. Our virtual card only: no
/// public source documents this as side-effect free on real AKIS cards.
[[nodiscard]] command_apdu pin_status(std::uint8_t pin_ref);

}  // namespace eimza::card
