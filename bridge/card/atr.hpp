#pragma once
// Answer-To-Reset parsing (ISO 7816-3) and card identification (../shared/reference/kamusm-and-akis.md):
// AKIS v1.x carry "UEKAE" in the historical bytes; AKIS v2.x and the T.C. Kimlik Kartı share
// 80 65 54 43 .. .. .. 31 C0 73 F6 21 80 81; AKIS v3 starts 80 66 68 32 09. An ATR never proves an
// NES card: the certificate does. Our virtual card announces itself with "EIMZA-VIRTUAL".
#include <string>
#include <vector>
#include "ui/message.hpp"

#include "bridgelink/bytes.hpp"
#include "card/card_result.hpp"

namespace eimza::card {

struct atr_info {
  bridgelink::bytes historical;
  std::vector<int> protocols;  // T=0, T=1, ... as announced (T=0 when none is)
  bool tck_present = false;
  bool tck_ok = true;
};

/// Structure check with every interface byte bounded; protocol_error for malformed ATRs.
[[nodiscard]] card_result<atr_info> parse_atr(bridgelink::byte_view atr);

enum class card_family {
  virtual_card,   // our simulator (the only card that gets PIN APDUs)
  akis_v1,        // "UEKAE" in the historical bytes
  akis_v2_or_id,  // AKIS v2.x or a T.C. Kimlik Kartı (same family)
  akis_v3,
  akis_family,  // matched by an extra pattern
  unknown,
};
BOOST_DESCRIBE_ENUM(card_family, virtual_card, akis_v1, akis_v2_or_id, akis_v3, akis_family, unknown)
/// Its words for the person: "card_family.<name>" in the catalogue.
constexpr std::string_view text_domain(card_family) noexcept {
  return "card_family";
}

/// An AKIS (or AKIS-family / ID card) ATR: read through the vendor module, never with raw PIN APDUs.
[[nodiscard]] bool is_akis(card_family f) noexcept;

/// The historical bytes of our virtual card's ATR.
inline constexpr std::string_view virtual_card_marker = "EIMZA-VIRTUAL";

struct atr_pattern {
  bridgelink::bytes value, mask;  // matches when (atr & mask) == value, same length
  card_family family;
};

/// The identification. Extra patterns (e.g. known AKIS v2 / ID card ATRs from the config)
/// are checked after the built-in "UEKAE" rule.
[[nodiscard]] card_family identify(bridgelink::byte_view atr, const std::vector<atr_pattern>& extra = {});

[[nodiscard]] std::string_view family_name(card_family f) noexcept;

}  // namespace eimza::card
