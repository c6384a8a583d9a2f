#pragma once
// The card the journey works with, behind card_access. Which way it is read is decided here, once:
//   - a module named by the person (--pkcs11 PATH, or "auto" for the akisp11 search list);
//   - otherwise by the ATR: our virtual card over APDUs; an AKIS / T.C. Kimlik family card through
//     the vendor module (driver_missing when none is installed); any other card read-only over
//     APDUs with the AKIS layout, and through the vendor module when it has no application there.
#include <memory>
#include <string>

#include "card/card_access.hpp"
#include "card/pcsc.hpp"

namespace eimza::card {

enum class card_route { apdu, vendor_module, apdu_then_module };
[[nodiscard]] card_route route_for(card_family f) noexcept;

/// "auto": the first akis_module_candidates() entry that loads (driver_missing when none does);
/// otherwise that file (module_missing when it is not there). reader: see pkcs11_card::open.
[[nodiscard]] card_result<std::unique_ptr<card_access>> open_module(const std::string& requested,
                                                                    const std::string& reader);

/// pkcs11_module empty: by the ATR of the card in `reader` (ctx must outlive the card).
[[nodiscard]] card_result<std::unique_ptr<card_access>> open_card(const pcsc_context& ctx,
                                                                  const std::string& reader,
                                                                  const std::string& pkcs11_module);

}  // namespace eimza::card
