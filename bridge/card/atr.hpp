#pragma once
// Answer-To-Reset parsing (ISO 7816-3) and card identification. AKIS v1 cards carry "UEKAE" in
// the historical bytes; AKIS v2 shares its ATR family with the Turkish ID card, so such a card
// is only an "AKIS-family card" until its certificate proves an NES.
#include <string>
#include <vector>

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

enum class card_family { akis_v1, akis_family, unknown };

struct atr_pattern {
  bridgelink::bytes value, mask;  // matches when (atr & mask) == value, same length
  card_family family;
};

/// The identification. Extra patterns (e.g. known AKIS v2 / ID card ATRs from the config)
/// are checked after the built-in "UEKAE" rule.
[[nodiscard]] card_family identify(bridgelink::byte_view atr, const std::vector<atr_pattern>& extra = {});

[[nodiscard]] std::string_view family_name(card_family f) noexcept;

}  // namespace eimza::card
